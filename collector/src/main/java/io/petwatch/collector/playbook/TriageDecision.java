package io.petwatch.collector.playbook;

import java.time.Duration;

/** What the playbook does with one alert, and why: every automated step is explainable. */
public sealed interface TriageDecision {
    /** A short, human reason stored with the case or the alert. */
    String reason();

    /** Open a case, text the owner with the template, and escalate if they have not answered in time. */
    record NotifyOwner(String template, Duration escalateAfter, String reason) implements TriageDecision {
    }

    /** Open a case straight in a support agent's queue, without texting the owner. */
    record EscalateToAgent(String reason) implements TriageDecision {
    }

    /** Close the episode's case: the pet has recovered. */
    record CloseCase(String outcome) implements TriageDecision {
        @Override
        public String reason() {
            return outcome;
        }
    }

    /** Keep the alert on record and do nothing else. */
    record RecordOnly(String reason, boolean unmatched) implements TriageDecision {
    }
}
