package io.petwatch.bench.collector;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * {@code webhooks}: signed webhooks of the three sources in turn (a Stripe invoice.payment_failed, an EasyPost
 * tracker.updated, a Typeform form_response), each a new event, closed loop from several connections (one thread and
 * one keep-alive HTTP/1.1 connection each) for a warm-up and then the measured seconds. Every answer must be 200
 * "stored". The figure is the rows signal_events holds from the measured part divided by the span of their
 * received_at. Half the payments and every survey name a customer the demo seed knows (cus-001's Stripe customer and
 * parcel), the parcels nobody, so both the joined and the unmatched path are in the mix.
 */
final class WebhookLoad {
    private static final ContentType JSON = ContentType.APPLICATION_JSON;

    private final URI base;
    private final String stripeSecret;
    private final String easypostSecret;
    private final String surveySecret;

    WebhookLoad(URI base, String stripeSecret, String easypostSecret, String surveySecret) {
        this.base = base;
        this.stripeSecret = stripeSecret;
        this.easypostSecret = easypostSecret;
        this.surveySecret = surveySecret;
    }

    /** Runs the load; prints what it did and returns events stored per second in the measured part. */
    double run(int connections, int warmupSeconds, int seconds, String jdbc) throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<Instant> measuredFrom = new AtomicReference<>();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        long[] measuredSent = new long[connections];
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread thread = new Thread(() -> {
                try (CloseableHttpClient http = client()) {
                    long n = 0;
                    while (System.nanoTime() < end && failure.get() == null) {
                        post(http, connection, n++);
                        sent.incrementAndGet();
                        if (System.nanoTime() >= warmupEnd) {
                            measuredSent[connection]++;
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "webhooks-" + c);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmupEnd - System.nanoTime()));
        measuredFrom.set(Instant.now());
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a webhook failed: " + failure.get().getMessage(), failure.get());
        }
        long measured = java.util.Arrays.stream(measuredSent).sum();
        try (Connection pg = Notify.connect(jdbc);
             PreparedStatement q = pg.prepareStatement("""
                     SELECT count(*), count(*) FILTER (WHERE customer_id IS NOT NULL),
                            extract(epoch FROM max(received_at) - min(received_at)), string_agg(DISTINCT source, ',')
                       FROM signal_events WHERE received_at >= ?""")) {
            q.setTimestamp(1, Timestamp.from(measuredFrom.get()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                double span = rs.getDouble(3);
                System.out.printf("  %d webhooks posted (%d in the measured %d s, after %d s of warm-up) on %d"
                                + " connections, every one answered 200 stored; signal_events from the measured part:"
                                + " %d rows (%d joined to a customer; sources %s) over %.1f s%n", sent.get(), measured,
                        seconds, warmupSeconds, connections, rows, rs.getLong(2), rs.getString(4), span);
                return span > 0 ? rows / span : 0;
            }
        }
    }

    private static CloseableHttpClient client() {
        BasicHttpClientConnectionManager connection = new BasicHttpClientConnectionManager();
        connection.setConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                .setSocketTimeout(60, TimeUnit.SECONDS).build());
        return HttpClients.custom().setConnectionManager(connection).disableAutomaticRetries()
                .disableCookieManagement().disableRedirectHandling().disableContentCompression().build();
    }

    private void post(CloseableHttpClient http, int connection, long n) throws IOException {
        String id = connection + "x" + n + "x" + Long.toString(System.nanoTime(), 36);
        // Half the payment events are about the demo seed's Stripe customer, every survey names a parcel it knows.
        boolean known = (n / 3) % 2 == 0;
        HttpPost post;
        byte[] body;
        switch ((int) (n % 3)) {
            case 0 -> {
                body = stripe(id, known ? "cus_PWdemo0001" : "cus_bench" + id).getBytes(StandardCharsets.UTF_8);
                post = new HttpPost(base.resolve("/webhooks/stripe"));
                long t = Instant.now().getEpochSecond();
                post.setHeader("Stripe-Signature", "t=" + t + ",v1=" + HexFormat.of().formatHex(
                        hmac(stripeSecret, (t + ".").getBytes(StandardCharsets.US_ASCII), body)));
            }
            case 1 -> {
                body = easypost(id, "EZB" + id).getBytes(StandardCharsets.UTF_8);
                post = new HttpPost(base.resolve("/webhooks/easypost"));
                post.setHeader("X-Hmac-Signature", "hmac-sha256-hex=" + HexFormat.of().formatHex(
                        hmac(easypostSecret, body)));
            }
            default -> {
                body = survey(id).getBytes(StandardCharsets.UTF_8);
                post = new HttpPost(base.resolve("/webhooks/survey"));
                post.setHeader("Typeform-Signature", "sha256=" + Base64.getEncoder().encodeToString(
                        hmac(surveySecret, body)));
            }
        }
        post.setEntity(new ByteArrayEntity(body, JSON));
        http.execute(post, response -> {
            String answer = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            if (response.getCode() != 200 || !answer.contains("\"stored\"")) {
                throw new IOException("HTTP " + response.getCode() + ": " + answer.substring(0,
                        Math.min(300, answer.length())));
            }
            return answer;
        });
    }

    private static byte[] hmac(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripe(String id, String customer) {
        long now = Instant.now().getEpochSecond();
        return """
                {"id": "evt_%s", "object": "event", "api_version": "2024-06-20", "created": %d,
                 "type": "invoice.payment_failed", "livemode": false, "pending_webhooks": 1,
                 "data": {"object": {"id": "in_%s", "object": "invoice", "customer": "%s",
                   "subscription": "sub_%s", "status": "open", "attempt_count": 2, "amount_due": 1999,
                   "currency": "gbp", "next_payment_attempt": %d,
                   "hosted_invoice_url": "https://invoice.stripe.com/i/acct_bench/test_%s", "metadata": {}}}}
                """.formatted(id, now, id, customer, id, now + 86_400, id);
    }

    private static String easypost(String id, String code) {
        String now = Instant.now().toString();
        return """
                {"id": "evt_%s", "object": "Event", "mode": "test", "description": "tracker.updated",
                 "created_at": "%s", "updated_at": "%s",
                 "result": {"id": "trk_%s", "object": "Tracker", "tracking_code": "%s", "status": "in_transit",
                   "status_detail": "arrived_at_facility", "carrier": "RoyalMail", "created_at": "2026-12-01T08:00:00Z",
                   "updated_at": "%s", "est_delivery_date": "2026-12-05T17:00:00Z",
                   "tracking_details": [
                     {"object": "TrackingDetail", "message": "Item received", "status": "pre_transit",
                      "status_detail": "status_update", "datetime": "2026-12-01T16:40:00Z",
                      "tracking_location": {"object": "TrackingLocation", "city": "LONDON", "country": "GB"}},
                     {"object": "TrackingDetail", "message": "Arrived at hub", "status": "in_transit",
                      "status_detail": "arrived_at_facility", "datetime": "2026-12-02T09:10:00Z",
                      "tracking_location": {"object": "TrackingLocation", "city": "HEATHROW", "country": "GB"}}],
                   "carrier_detail": {"object": "CarrierDetail",
                     "origin_tracking_location": {"object": "TrackingLocation", "country": "GB"},
                     "destination_tracking_location": {"object": "TrackingLocation", "country": "FR"}}}}
                """.formatted(id, now, now, id, code, now);
    }

    private static String survey(String id) {
        return """
                {"event_id": "%s", "event_type": "form_response",
                 "form_response": {"form_id": "pWdLvR7u", "token": "tok%s", "submitted_at": "%s",
                   "hidden": {"customer_id": "cus-bench-%s", "tracking_code": "EZ1000000001"},
                   "definition": {"fields": [{"id": "Xk2pQm9a", "ref": "score", "type": "opinion_scale",
                     "properties": {"steps": 11, "start_at_one": false}}]},
                   "answers": [
                     {"type": "number", "number": 8, "field": {"id": "Xk2pQm9a", "type": "opinion_scale", "ref": "score"}},
                     {"type": "boolean", "boolean": true, "field": {"id": "Lr7tYb3c", "type": "yes_no", "ref": "arrived"}},
                     {"type": "text", "text": "Arrived on time, thanks.",
                      "field": {"id": "Qz5wNe1d", "type": "long_text", "ref": "comment"}}]}}
                """.formatted(id, id, Instant.now().toString(), id);
    }
}
