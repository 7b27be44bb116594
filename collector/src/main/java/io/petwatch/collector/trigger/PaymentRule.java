package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * payment.second-failure: a subscription's second failed payment since its last success (one failure reporting
 * attempt_count 2 or more counts as the second) raises PAYMENT_FAILED_AGAIN at that failure's time; a later
 * payment_succeeded resolves it at its time. Decided in event time, so replaying the history gives the same answer.
 *
 * <p>An episode runs from the first failure since the last success to the success that resolves it; each episode is its
 * own trigger (its start is in the alert id) and its own case, so a subscription that fails again next month raises
 * again.
 */
final class PaymentRule {
    private final int maxAttempts;

    PaymentRule(Thresholds thresholds) {
        this.maxAttempts = thresholds.paymentMaxAttempts();
    }

    List<Trigger> evaluate(History history) {
        List<Trigger> triggers = new ArrayList<>();
        List<SignalEvent> episode = new ArrayList<>();
        Set<String> attempts = new HashSet<>();
        int failures = 0;
        boolean firing = false;
        for (SignalEvent e : history.own()) {
            String kind = e.facts().text("kind").orElse("");
            if (kind.equals("payment_failed")) {
                Optional<Long> attempt = e.facts().number("attempt_count");
                Optional<String> invoice = e.facts().text("invoice");
                if (attempt.isPresent() && invoice.isPresent() && !attempts.add(invoice.get() + "#" + attempt.get())) {
                    continue; // the same attempt reported twice under two event ids
                }
                failures++;
                episode.add(e);
                if (!firing && (failures >= 2 || attempt.orElse(0L) >= 2)) {
                    firing = true;
                    triggers.add(failed(history.subject(), e, episode));
                }
            } else if (kind.equals("payment_succeeded")) {
                if (firing) {
                    Map<String, Object> params = params(episode.get(episode.size() - 1)); // what the case was about
                    episode.add(e);
                    triggers.add(new Trigger(TriggerKind.PAYMENT_FAILED_AGAIN, true, history.subject(),
                            e.occurredAt(), params, "A later payment for " + history.subject() + " succeeded at "
                            + e.occurredAt() + ".", episode));
                }
                firing = false; // the next failure starts the next episode
                failures = 0;
                episode.clear();
                attempts.clear();
            }
        }
        return triggers;
    }

    private Trigger failed(String subject, SignalEvent e, List<SignalEvent> episode) {
        Map<String, Object> params = params(e);
        String retry = e.facts().time("next_payment_attempt").map(t -> "the next attempt is at " + t)
                .orElse("no further attempt is scheduled");
        String amount = e.facts().number("amount_due").map(a -> (a + " " + e.facts().text("currency").orElse(""))
                .strip() + " due, ").orElse("");
        return new Trigger(TriggerKind.PAYMENT_FAILED_AGAIN, false, subject, e.occurredAt(), params,
                "The payment for " + subject + " failed again since its last success (" + amount + "attempt "
                        + e.facts().number("attempt_count").map(String::valueOf).orElse("unknown") + "); " + retry
                        + ".", episode);
    }

    private Map<String, Object> params(SignalEvent e) {
        Map<String, Object> params = new LinkedHashMap<>();
        e.facts().number("amount_due").ifPresent(a -> params.put("amount", a));
        e.facts().text("currency").ifPresent(c -> params.put("currency", c));
        Optional<Instant> next = e.facts().time("next_payment_attempt");
        if (next.isEmpty()) {
            params.put("retries_left", 0L); // Stripe leaves the next attempt empty when it will not try again
        } else {
            e.facts().number("attempt_count").ifPresent(a -> params.put("retries_left", Math.max(0, maxAttempts - a)));
        }
        e.facts().text("hosted_invoice_url").ifPresent(u -> params.put("update_card_link", u));
        next.ifPresent(t -> params.put("next_attempt", t.toString()));
        return params;
    }
}
