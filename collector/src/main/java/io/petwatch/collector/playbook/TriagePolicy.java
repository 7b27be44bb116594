package io.petwatch.collector.playbook;

import java.time.Duration;
import java.util.Locale;

/**
 * The vet-triage playbook's decisions, in plain Java so they can be read and tested without a container.
 *
 * @param escalateAfter            how long the owner has to answer before an agent takes over
 * @param maxSmsPerCustomerPerDay  texts one customer may receive in 24 hours; the cap is never exceeded
 */
public record TriagePolicy(Duration escalateAfter, int maxSmsPerCustomerPerDay) {
    public static final String LETHARGY_TEMPLATE = "vet-triage-lethargy";

    public TriagePolicy {
        if (escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new IllegalArgumentException("escalateAfter must be positive, was " + escalateAfter);
        }
        if (maxSmsPerCustomerPerDay < 0) {
            throw new IllegalArgumentException("maxSmsPerCustomerPerDay must be >= 0, was " + maxSmsPerCustomerPerDay);
        }
    }

    /**
     * @param smsLast24h texts this alert's customer received in the last 24 hours
     */
    public TriageDecision decide(TriageRequest request, int smsLast24h) {
        if (request.context().isEmpty()) {
            return new TriageDecision.RecordOnly("collar " + request.collarId()
                    + " is not linked to a pet and owner; nobody to contact", true);
        }
        if (!request.firing()) {
            return new TriageDecision.CloseCase(String.format(Locale.ROOT, "%s recovered: %s",
                    request.context().get().pet().name(), request.summary()));
        }
        if (!"LOW_ACTIVITY".equals(request.kind())) {
            return new TriageDecision.RecordOnly("no vet-triage playbook for " + request.kind() + " alerts yet", false);
        }
        if (smsLast24h >= maxSmsPerCustomerPerDay) {
            return new TriageDecision.EscalateToAgent(String.format(Locale.ROOT,
                    "customer already received %d texts in 24 h (cap %d): an agent calls instead",
                    smsLast24h, maxSmsPerCustomerPerDay));
        }
        return new TriageDecision.NotifyOwner(LETHARGY_TEMPLATE, escalateAfter, String.format(Locale.ROOT,
                "low activity (%s severity): %s; owner texted, agent after %d h without a reply",
                request.severity().toLowerCase(Locale.ROOT), request.summary(), escalateAfter.toHours()));
    }
}
