package io.petwatch.collector.trigger;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trigger a rule raises or resolves about one subject, with its evidence; stored as one row of {@code alerts}.
 *
 * @param resolved   false: FIRING; true: RESOLVED (a later success, a delivery), stored only if the FIRING was
 * @param detectedAt the rule's decision time: the deciding event's time, or the clock's for a rule that fires on absence
 * @param params     what the playbook's scripts need (the contract's detector_params keys), absent values left out
 * @param evidence   the events it was decided on, in event time; never empty
 */
public record Trigger(TriggerKind kind, boolean resolved, String subject, Instant detectedAt,
                      Map<String, Object> params, String summary, List<SignalEvent> evidence) {

    public Trigger {
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException(kind + " for " + subject + " has no evidence");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        evidence = evidence.stream().sorted(SignalEvent.IN_EVENT_TIME).toList();
    }

    /** Deterministic, so raising twice is a no-op: {@code sig-KIND-subject}, and {@code ...-resolved} for its end. */
    public String alertId() {
        return firingId() + (resolved ? "-resolved" : "");
    }

    /** The id of the FIRING alert this trigger is (or resolves). */
    public String firingId() {
        return "sig-" + kind.name() + "-" + subject;
    }

    public String state() {
        return resolved ? "RESOLVED" : "FIRING";
    }

    public Instant windowStart() {
        return evidence.get(0).occurredAt();
    }

    public Instant windowEnd() {
        return evidence.get(evidence.size() - 1).occurredAt();
    }
}
