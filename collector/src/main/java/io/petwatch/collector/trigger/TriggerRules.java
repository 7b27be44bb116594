package io.petwatch.collector.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every retail trigger rule, plain Java: given what is known of one subject and the clock's time, the triggers to
 * raise or resolve. Pure: the same history and time always give the same triggers, and raising one again is a no-op
 * (deterministic alert ids), so the runner may evaluate a subject as often as it likes.
 */
public final class TriggerRules {
    private final PaymentRule payments;
    private final ParcelRules parcels;
    private final SurveyRule surveys;

    public TriggerRules(Thresholds thresholds, Optional<CommentTone> tone) {
        this.payments = new PaymentRule(thresholds);
        this.parcels = new ParcelRules(thresholds);
        this.surveys = new SurveyRule(thresholds, tone);
    }

    /** The triggers the subject's history calls for at {@code now}; absence rules read {@code now}, others ignore it. */
    public List<Trigger> evaluate(History history, Instant now) {
        return switch (history.signal()) {
            case "PAYMENT" -> payments.evaluate(history);
            case "DELIVERY" -> parcels.evaluate(history, now);
            case "SURVEY" -> surveys.evaluate(history);
            default -> throw new IllegalArgumentException("no trigger rules for signal '" + history.signal() + "'");
        };
    }
}
