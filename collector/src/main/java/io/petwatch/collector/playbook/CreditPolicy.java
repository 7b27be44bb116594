package io.petwatch.collector.playbook;

/**
 * Who may grant how much: up to {@code capCents} a grant stands on its own (agent or automation); above it, it waits
 * for a supervisor. Plain Java so the rule is tested without a database.
 *
 * @param teletriageCents what the automation offers with every escalation
 */
public record CreditPolicy(int capCents, int teletriageCents) {
    public CreditPolicy {
        if (capCents < 0 || teletriageCents <= 0) {
            throw new IllegalArgumentException("credit cap must be >= 0 and the teletriage credit > 0, were "
                    + capCents + " and " + teletriageCents);
        }
    }

    /** GRANTED within the cap, PENDING_APPROVAL above it. */
    public String statusFor(int amountCents) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a credit must be a positive amount of cents, was " + amountCents);
        }
        return amountCents <= capCents ? "GRANTED" : "PENDING_APPROVAL";
    }
}
