package io.petwatch.collector.playbook;

import java.time.Duration;

/**
 * Who may grant how much. What staff and the automation grant alone is capped per case ({@code capCents}, all of a
 * case's grants together) and per customer over a rolling {@code customerPeriod} ({@code customerCapCents}), so
 * splitting one credit into several changes nothing; a grant that would pass either cap waits for a supervisor, and
 * a supervisor's approval does not use up the budget of grants made alone. Plain Java so the rule is tested (with
 * generated sequences of grants) without a database.
 *
 * @param teletriageCents what the automation offers with every escalation (it counts against the caps too)
 */
public record CreditPolicy(int capCents, int customerCapCents, Duration customerPeriod, int teletriageCents) {
    public CreditPolicy {
        if (capCents < 0 || customerCapCents < 0 || teletriageCents <= 0 || customerPeriod.isNegative()
                || customerPeriod.isZero()) {
            throw new IllegalArgumentException("credit caps must be >= 0, the period positive and the teletriage"
                    + " credit > 0; were " + capCents + ", " + customerCapCents + ", " + customerPeriod + " and "
                    + teletriageCents);
        }
    }

    /**
     * GRANTED when it fits both caps with what was granted alone before, PENDING_APPROVAL otherwise.
     *
     * @param caseGrantedCents     granted alone on this case so far
     * @param customerGrantedCents granted alone to this customer within the period so far
     */
    public String statusFor(int amountCents, long caseGrantedCents, long customerGrantedCents) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a credit must be a positive amount of cents, was " + amountCents);
        }
        return caseGrantedCents + amountCents <= capCents && customerGrantedCents + amountCents <= customerCapCents
                ? "GRANTED" : "PENDING_APPROVAL";
    }
}
