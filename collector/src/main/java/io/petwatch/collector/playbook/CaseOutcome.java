package io.petwatch.collector.playbook;

/**
 * How a case ended, as an agent records it, and what it does to the customer's loyalty score (0 to 100), which
 * reflects what the customer experienced of us: care that helped the pet raises it, an owner we could not reach
 * lowers it a little, and a false alarm leaves it alone (the customer did nothing wrong; the alarm was ours, and it
 * is fed back to detection instead). The score is clamped to 0..100.
 */
public enum CaseOutcome {
    VET_BOOKED(5, false),
    TELETRIAGE_USED(5, false),
    OWNER_REASSURED(3, false),
    FALSE_ALARM(0, true),
    COULD_NOT_REACH(-1, false);

    private final int loyaltyDelta;
    private final boolean falseAlarm;

    CaseOutcome(int loyaltyDelta, boolean falseAlarm) {
        this.loyaltyDelta = loyaltyDelta;
        this.falseAlarm = falseAlarm;
    }

    public int loyaltyDelta() {
        return loyaltyDelta;
    }

    /** Whether the outcome is fed back to detection as a false-alarm label for the collar and detector. */
    public boolean falseAlarm() {
        return falseAlarm;
    }

    /** The new score for a customer at {@code score}. */
    public int applyTo(int score) {
        return Math.max(0, Math.min(100, score + loyaltyDelta));
    }

    public static CaseOutcome parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("outcome must be one of " + java.util.Arrays.toString(values())
                    + ", was '" + value + "'", e);
        }
    }
}
