package io.petwatch.demo;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The retailer's other signals, one of each, posted to the demo's collector through its signed webhooks as Stripe,
 * EasyPost and Typeform send them: a subscription's second failed payment, a parcel in transit for a week, and an
 * unhappy post-delivery survey. Their times are relative to now, and detection runs on them (event time), so the
 * parcel is a week late when it arrives. Each is about a demo customer no collar alert of the demo's seeded fleet
 * texts: a customer texted about a collar within the hour would have the signal's text held back by the cross-signal
 * cap (petwatch.caps.cross-signal-gap).
 */
final class RetailSignals {
    /** Pays by card through Stripe; joined by the invoice's metadata.petwatch_customer_id. */
    static final String PAYMENT_CUSTOMER = "cus-009";
    /** cus-010's parcel, registered in the demo seed's customer refs (domestic: GB). */
    static final String PARCEL = "EZ1000000010";
    /** Answers the post-delivery survey; joined by the response's hidden customer_id. */
    static final String SURVEY_CUSTOMER = "cus-008";

    /** One webhook call: where it went, the signature header and the body. */
    record Webhook(String path, String header, String signature, byte[] body) {
    }

    private RetailSignals() {
    }

    /** Posts every signal, signed with the collector's secrets from {@code env}. */
    static void play(CollectorApi api, Map<String, String> env, Instant now) {
        for (Webhook w : webhooks(env, now)) {
            api.postWebhook(w.path(), w.header(), w.signature(), w.body());
        }
    }

    static List<Webhook> webhooks(Map<String, String> env, Instant now) {
        String stripe = secret(env, "STRIPE");
        String easypost = secret(env, "EASYPOST");
        String survey = secret(env, "SURVEY");
        byte[] first = stripeFailure(1, now.minus(Duration.ofDays(3)), now);
        byte[] second = stripeFailure(2, now.minus(Duration.ofMinutes(5)), now);
        byte[] parcel = easypostTracker(now);
        byte[] answer = surveyAnswer(now);
        long t = now.getEpochSecond();
        return List.of(
                new Webhook("/webhooks/stripe", "Stripe-Signature", stripeSignature(stripe, t, first), first),
                new Webhook("/webhooks/stripe", "Stripe-Signature", stripeSignature(stripe, t, second), second),
                new Webhook("/webhooks/easypost", "X-Hmac-Signature",
                        "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac(easypost, parcel)), parcel),
                new Webhook("/webhooks/survey", "Typeform-Signature",
                        "sha256=" + Base64.getEncoder().encodeToString(hmac(survey, answer)), answer));
    }

    private static String secret(Map<String, String> env, String source) {
        String key = "PETWATCH_SIGNALS_" + source + "_WEBHOOK_SECRET";
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the demo collector has no " + key + " to sign its webhooks with");
        }
        return value;
    }

    /** Stripe's scheme: v1 = HMAC-SHA256 over "t.body" with the endpoint secret, t the time of sending. */
    static String stripeSignature(String secret, long t, byte[] body) {
        byte[] signed = (t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, signed));
    }

    private static byte[] stripeFailure(int attempt, Instant created, Instant now) {
        return ("""
                {"id": "evt_demo_payment_failed_%d", "object": "event", "api_version": "2024-06-20", "created": %d,
                 "type": "invoice.payment_failed", "livemode": false, "pending_webhooks": 1,
                 "request": {"id": null, "idempotency_key": null},
                 "data": {"object": {"id": "in_demo_0009_%d", "object": "invoice", "customer": "cus_PWdemo0009",
                   "subscription": "sub_demo_0009", "status": "open", "attempt_count": %d, "attempted": true,
                   "amount_due": 2499, "amount_paid": 0, "currency": "gbp", "billing_reason": "subscription_cycle",
                   "next_payment_attempt": %d, "hosted_invoice_url": "https://invoice.stripe.com/i/acct_demo/test_0009",
                   "metadata": {"petwatch_customer_id": "%s"}}}}
                """.formatted(attempt, created.getEpochSecond(), attempt, attempt,
                now.plus(Duration.ofDays(2)).getEpochSecond(), PAYMENT_CUSTOMER)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] easypostTracker(Instant now) {
        Instant label = now.minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.MINUTES);
        Instant firstScan = label.plus(Duration.ofHours(20));
        Instant lastScan = label.plus(Duration.ofDays(1).plusHours(6));
        Instant updated = now.minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        return ("""
                {"id": "evt_demo_tracker_0010", "object": "Event", "mode": "test", "description": "tracker.updated",
                 "previous_attributes": {"status": "pre_transit"}, "created_at": "%s", "updated_at": "%s",
                 "pending_urls": [], "completed_urls": [], "status": "pending",
                 "result": {"id": "trk_demo0010", "object": "Tracker", "mode": "test", "tracking_code": "%s",
                   "status": "in_transit", "status_detail": "arrived_at_facility", "created_at": "%s",
                   "updated_at": "%s", "est_delivery_date": "%s", "carrier": "RoyalMail",
                   "tracking_details": [
                     {"object": "TrackingDetail", "message": "Item received at the Post Office", "status": "pre_transit",
                      "status_detail": "status_update", "datetime": "%s",
                      "tracking_location": {"object": "TrackingLocation", "city": "LONDON", "country": "GB"}},
                     {"object": "TrackingDetail", "message": "Item on its way", "status": "in_transit",
                      "status_detail": "departed_facility", "datetime": "%s",
                      "tracking_location": {"object": "TrackingLocation", "city": "LONDON", "country": "GB"}},
                     {"object": "TrackingDetail", "message": "Arrived at the delivery office", "status": "in_transit",
                      "status_detail": "arrived_at_facility", "datetime": "%s",
                      "tracking_location": {"object": "TrackingLocation", "city": "LEEDS", "country": "GB"}}]}}
                """.formatted(updated, updated, PARCEL, label, updated, label.plus(Duration.ofDays(2)),
                label, firstScan, lastScan)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] surveyAnswer(Instant now) {
        Instant submitted = now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        return ("""
                {"event_id": "01JDEMOSURVEY0008", "event_type": "form_response",
                 "form_response": {"form_id": "pWdLvR7u", "token": "demo-response-0008", "landed_at": "%s",
                   "submitted_at": "%s", "hidden": {"customer_id": "%s"},
                   "definition": {"id": "pWdLvR7u", "title": "How did your delivery go?", "fields": [
                     {"id": "Xk2pQm9a", "ref": "score", "type": "opinion_scale", "title": "How likely are you to recommend us?",
                      "properties": {"steps": 11, "start_at_one": false}},
                     {"id": "Lr7tYb3c", "ref": "arrived", "type": "yes_no", "title": "Did everything arrive?", "properties": {}},
                     {"id": "Qz5wNe1d", "ref": "comment", "type": "long_text", "title": "Anything we could do better?",
                      "properties": {}}]},
                   "answers": [
                     {"type": "number", "number": 2, "field": {"id": "Xk2pQm9a", "type": "opinion_scale", "ref": "score"}},
                     {"type": "boolean", "boolean": true, "field": {"id": "Lr7tYb3c", "type": "yes_no", "ref": "arrived"}},
                     {"type": "text", "text": "The bag arrived torn and nobody answered my emails. Really disappointed.",
                      "field": {"id": "Qz5wNe1d", "type": "long_text", "ref": "comment"}}]}}
                """.formatted(submitted.minusSeconds(90), submitted, SURVEY_CUSTOMER))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256, which every Java platform provides, is unavailable", e);
        }
    }
}
