package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Given-helpers for the rule tests: signal events as intake stores them, facts written as JSON. */
final class Signals {
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private Signals() {
    }

    static Instant at(Duration after) {
        return T0.plus(after);
    }

    static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    static Instant days(long d) {
        return T0.plus(Duration.ofDays(d));
    }

    static SignalEvent event(String source, String eventId, String signal, String subject, Instant at,
                             String factsJson) {
        try {
            return new SignalEvent(IDS.incrementAndGet(), source, eventId, "test", signal, subject,
                    Optional.of("cust-1"), Optional.empty(), at, Facts.of(JSON.readTree(factsJson)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad facts in a test: " + factsJson, e);
        }
    }

    static SignalEvent payment(String eventId, Instant at, String factsJson) {
        return event("stripe", eventId, "PAYMENT", "sub_1", at, factsJson);
    }

    static SignalEvent failed(String eventId, Instant at, String invoice, int attempt) {
        return payment(eventId, at, """
                {"kind": "payment_failed", "invoice": "%s", "subscription": "sub_1", "attempt_count": %d,
                 "amount_due": 1999, "currency": "gbp", "next_payment_attempt": "2026-12-20T10:00:00Z",
                 "hosted_invoice_url": "https://invoice.stripe.com/i/%s"}""".formatted(invoice, attempt, invoice));
    }

    static SignalEvent paid(String eventId, Instant at, String invoice) {
        return payment(eventId, at, """
                {"kind": "payment_succeeded", "invoice": "%s", "subscription": "sub_1"}""".formatted(invoice));
    }

    static SignalEvent parcel(String eventId, Instant at, String factsJson) {
        return event("easypost", eventId, "DELIVERY", "TRK1", at, factsJson);
    }

    /** A tracking update with the label time and the given status, and checkpoints as "status@instant" pairs. */
    static SignalEvent update(String eventId, Instant at, String status, Instant label, String... checkpoints) {
        String cps = String.join(", ", Arrays.stream(checkpoints).map(c -> {
            String[] parts = c.split("@");
            return "{\"at\": \"" + parts[1] + "\", \"status\": \"" + parts[0] + "\", \"message\": \"m\"}";
        }).toList());
        return parcel(eventId, at, """
                {"tracking_code": "TRK1", "carrier": "USPS", "status": "%s", "label_created_at": "%s",
                 "origin_country": "GB", "destination_country": "GB", "international": false,
                 "checkpoints": [%s]}""".formatted(status, label, cps));
    }

    static String checkpoint(String status, Instant at) {
        return status + "@" + at;
    }

    static SignalEvent survey(String responseId, Instant at, String factsJson) {
        return event("survey", responseId, "SURVEY", responseId, at, factsJson);
    }

    static History payments(SignalEvent... events) {
        return new History("PAYMENT", "sub_1", List.of(events));
    }

    static History parcelHistory(SignalEvent... events) {
        return new History("DELIVERY", "TRK1", List.of(events));
    }

    static History surveyHistory(SignalEvent... events) {
        return new History("SURVEY", events[0].subject(), List.of(events));
    }

    static TriggerRules rules() {
        return new TriggerRules(Thresholds.defaults(), Optional.of(new FakeTone()));
    }

    /** Only the triggers of one kind, in the order the rules gave them. */
    static List<Trigger> of(TriggerKind kind, List<Trigger> triggers) {
        return triggers.stream().filter(t -> t.kind() == kind).toList();
    }
}
