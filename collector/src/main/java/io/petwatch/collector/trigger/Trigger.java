package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
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
 * @param evidence     the events it was decided on, in event time; never empty
 * @param episodeStart when the subject's episode began (a payment's first failure since its last success): a subject
 *                     may have several episodes, each its own trigger and case; a FIRING and its RESOLVED share it
 */
public record Trigger(TriggerKind kind, boolean resolved, String subject, Instant detectedAt,
                      Map<String, Object> params, String summary, List<SignalEvent> evidence, Instant episodeStart) {

    public Trigger {
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException(kind + " for " + subject + " has no evidence");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        evidence = evidence.stream().sorted(SignalEvent.IN_EVENT_TIME).toList();
    }

    /** A trigger whose episode began with its earliest evidence. */
    public Trigger(TriggerKind kind, boolean resolved, String subject, Instant detectedAt,
                   Map<String, Object> params, String summary, List<SignalEvent> evidence) {
        this(kind, resolved, subject, detectedAt, params, summary, evidence, evidence.stream()
                .map(SignalEvent::occurredAt).min(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException(kind + " for " + subject + " has no evidence")));
    }

    /** The same trigger, of the episode that started at {@code start} (one already stored, its start as stored). */
    public Trigger inEpisode(Instant start) {
        return new Trigger(kind, resolved, subject, detectedAt, params, summary, evidence, start);
    }

    /**
     * Deterministic, so raising twice is a no-op: {@code sig-KIND-subject-EPISODE} (the episode's start in epoch
     * seconds), and {@code ...-resolved} for its end.
     */
    public String alertId() {
        return firingId() + (resolved ? "-resolved" : "");
    }

    /** The id of the FIRING alert this trigger is (or resolves). */
    public String firingId() {
        return "sig-" + kind.name() + "-" + subject + "-" + episodeStart.getEpochSecond();
    }

    public String state() {
        return resolved ? "RESOLVED" : "FIRING";
    }

    /** The episode's start: the alert's window_start, and its case's episode_start. */
    public Instant windowStart() {
        return episodeStart;
    }

    public Instant windowEnd() {
        return evidence.get(evidence.size() - 1).occurredAt();
    }
}
