package io.petwatch.collector.playbook;

import io.petwatch.collector.Channels;
import io.petwatch.collector.outreach.MessageRelay;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** The vet-triage step of the alert flow: decides in one transaction, then nudges the message relay. */
@ApplicationScoped
public class VetTriagePlaybook {
    private static final Logger LOG = Logger.getLogger(VetTriagePlaybook.class);

    private final TriageStep step;
    private final CaseStore cases;
    private final MessageRelay relay;

    public VetTriagePlaybook(TriageStep step, CaseStore cases, MessageRelay relay) {
        this.step = step;
        this.cases = cases;
        this.relay = relay;
    }

    @Incoming(Channels.TRIAGE_REQUESTS)
    @Blocking(value = Channels.TRIAGE_POOL, ordered = false) // CaseStore decides one customer's alerts at a time
    public void handle(TriageRequest request) {
        try {
            TriageDecision decision = step.apply(request);
            if (decision instanceof TriageDecision.Notify || decision instanceof TriageDecision.CloseCase) {
                relay.nudge(); // the queued message leaves now rather than at the relay's next tick
            }
        } catch (RuntimeException e) {
            // The alert stays on record as FAILED with the reason; it is never silently dropped.
            LOG.errorf(e, "Vet triage failed for alert %s", request.alertId());
            cases.markAlert(request.alertId(), "FAILED", e.toString());
        }
    }
}
