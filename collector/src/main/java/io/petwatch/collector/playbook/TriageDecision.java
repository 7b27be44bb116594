package io.petwatch.collector.playbook;

import io.petwatch.collector.incident.Fleet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the playbook does with one alert, and why: every automated step is explainable. */
public sealed interface TriageDecision {
    /** A short, human reason recorded on the case's audit trail and the alert. */
    String reason();

    /**
     * Open a case and queue a message from {@code script}, to leave at {@code sendAt} (later than now only for
     * quiet hours or the cross-signal cap). With {@code escalateAfter}, an agent takes the case if the owner has not
     * answered that long after the message went out; without, it is a nudge and the case closes once sent.
     *
     * @param makeGood  a credit to grant with the message (through the credit policy), which the message mentions
     * @param agentCall an agent calls the customer at once: the case opens escalated, with a task to call
     */
    record Notify(String script, Instant sendAt, Optional<Duration> escalateAfter, String variant, Channel channel,
                  String reason, Optional<Playbook.MakeGood> makeGood, boolean agentCall) implements TriageDecision {
        public Notify(String script, Instant sendAt, Optional<Duration> escalateAfter, String variant, Channel channel,
                      String reason) {
            this(script, sendAt, escalateAfter, variant, channel, reason, Optional.empty(), false);
        }
    }

    /**
     * A vet-triage text that a fleet storm holds: the case opens HELD with its message, until an operator releases
     * or discards the incident's outreach.
     *
     * @param incidentId the open incident that holds it; empty when this alert opens it ({@code open})
     */
    record HoldForIncident(Notify held, Optional<Long> incidentId, Optional<NewIncident> open, String reason)
            implements TriageDecision {
    }

    /** An engineering incident this alert's fleet now deserves. */
    record NewIncident(Fleet fleet, String key, String reason) {
    }

    /** Where a message goes: SMS, EMAIL or PUSH, and the number, address or device token. */
    record Channel(String name, String recipient) {
    }

    /**
     * Open a case straight in the agents' queue, without texting the owner.
     *
     * @param teletriage offer the free teletriage credit (a pet's health), as every vet-triage escalation does
     * @param agentCall  open a task for the agent to call the customer (a service recovery)
     */
    record EscalateToAgent(String variant, String reason, boolean teletriage, boolean agentCall)
            implements TriageDecision {
        public EscalateToAgent(String variant, String reason) {
            this(variant, reason, true, false);
        }
    }

    /** The customer is in the experiment's holdout group: record the case, reach out to no one. */
    record Holdout(String reason) implements TriageDecision {
    }

    /** The pet already has an open case: add the alert to it, one conversation rather than a stream of texts. */
    record GroupIntoCase(long caseId, String reason) implements TriageDecision {
    }

    /**
     * Close the episode's case because the pet recovered, or the trigger's subject was resolved (the payment went
     * through, the parcel arrived); with {@code script}, tell the owner so.
     */
    record CloseCase(long caseId, Optional<String> script, Optional<Channel> channel, String reason)
            implements TriageDecision {
    }

    /**
     * The hub's RESOLVED for this episode was decided before its FIRING (alerts are decided in parallel): record the
     * episode as a case that is already resolved, and reach out to nobody.
     */
    record RecordRecovered(String reason) implements TriageDecision {
    }

    /** Keep the alert on record (and on its case's trail, if any) and do nothing else. */
    record RecordOnly(Optional<Long> caseId, String reason, boolean unmatched) implements TriageDecision {
    }
}
