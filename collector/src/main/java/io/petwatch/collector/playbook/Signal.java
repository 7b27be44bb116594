package io.petwatch.collector.playbook;

import io.petwatch.collector.signal.TriggerKind;

/**
 * What a case is about ({@code outreach_cases.signal}): a collar's alert, or one of the retailer's other signals,
 * told apart by the trigger's kind.
 */
public enum Signal {
    COLLAR, PAYMENT, DELIVERY, SURVEY;

    /** The signal of an alert or trigger kind: a retail trigger's own, COLLAR for everything a hub sends. */
    public static Signal of(String kind) {
        return TriggerKind.find(kind).map(Signal::of).orElse(COLLAR);
    }

    /** A retail trigger's signal as a case's. */
    public static Signal of(TriggerKind kind) {
        return valueOf(kind.signal().name());
    }

    /**
     * A trigger's signal by its source, for a kind this collector does not know yet (detection newer than the
     * playbook): stripe is PAYMENT, easypost and aftership DELIVERY, survey SURVEY.
     */
    public static Signal ofSource(String source) {
        return switch (source) {
            case "stripe" -> PAYMENT;
            case "easypost", "aftership" -> DELIVERY;
            case "survey" -> SURVEY;
            default -> throw new IllegalArgumentException("a trigger from source '" + source + "' has no known signal"
                    + " (stripe, easypost, aftership, survey)");
        };
    }
}
