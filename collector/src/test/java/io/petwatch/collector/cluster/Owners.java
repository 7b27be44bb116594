package io.petwatch.collector.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The owners' phones: each owner who answers replies to the text as soon as it has been handed to the provider, by
 * the SMS provider's inbound webhook through the load balancer, signed as Twilio signs it (HMAC-SHA1 with the auth
 * token over the configured webhook URL and the sorted form fields; written out here rather than borrowed from the
 * collector, so the test holds the collector to Twilio's documented scheme). A reply that does not get its 200 is
 * posted again with the same MessageSid, as the provider retries a webhook.
 */
final class Owners implements AutoCloseable {
    static final String TEMPLATE = "vet-triage";

    /** An owner's answer the collector took (200): when, against when the case's timer was due. */
    record Reply(long caseId, String customerId, String sid, Optional<Instant> escalateAt, Instant answeredAt) {
        /** The collector took the reply before the timer was due, so the case must not escalate. */
        boolean inTime() {
            return escalateAt.isPresent() && answeredAt.isBefore(escalateAt.get());
        }
    }

    private final ClusterDatabase db;
    private final HttpClient http;
    private final URI webhook;
    private final byte[] authToken;
    private final Map<String, Fleet.Collar> replyingOwners;
    private final Map<Long, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService phone = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-it-owners");
        t.setDaemon(true);
        return t;
    });

    Owners(ClusterDatabase db, HttpClient http, URI webhook, String authToken, List<Fleet.Collar> collars) {
        this.db = db;
        this.http = http;
        this.webhook = webhook;
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
        this.replyingOwners = collars.stream().filter(Fleet.Collar::ownerReplies)
                .collect(Collectors.toMap(Fleet.Collar::customerId, c -> c));
    }

    /** Owners look at their phones every 200 ms from now on. */
    void start() {
        phone.scheduleWithFixedDelay(this::answerNewTexts, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void answerNewTexts() {
        try {
            for (ClusterDatabase.DeliveredText text : db.deliveredTexts(TEMPLATE)) {
                Fleet.Collar owner = replyingOwners.get(text.customerId());
                if (owner != null && !replies.containsKey(text.caseId())) {
                    reply(text, owner);
                }
            }
        } catch (RuntimeException e) {
            failure(e.toString());
        }
    }

    private void reply(ClusterDatabase.DeliveredText text, Fleet.Collar owner) {
        String sid = String.format(Locale.ROOT, "SMcl%030d", text.caseId());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("From", owner.phone());
        form.put("To", "+447700900000");
        form.put("Body", "All fine here, thanks - Pet is eating again");
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", sign(webhook.toString(), form))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                replies.put(text.caseId(), new Reply(text.caseId(), text.customerId(), sid, text.escalateAt(),
                        Instant.now()));
            } else {
                failure("HTTP " + response.statusCode() + " " + response.headers().firstValue("X-Served-By").orElse("")
                        + (response.statusCode() == 403 ? " (signature refused: " + response.body() + ")" : ""));
            }
        } catch (IOException e) {
            failure(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Twilio's X-Twilio-Signature: Base64(HMAC-SHA1(token, url + each sorted name and value)). */
    private String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private void failure(String why) {
        failures.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
    }

    Set<String> replyingCustomers() {
        return replyingOwners.keySet();
    }

    /** The replies the collectors took, by case. */
    Map<Long, Reply> replies() {
        return Map.copyOf(replies);
    }

    Map<String, Integer> failures() {
        Map<String, Integer> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void close() {
        phone.shutdownNow();
    }
}
