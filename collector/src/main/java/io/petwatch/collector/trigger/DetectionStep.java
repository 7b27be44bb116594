package io.petwatch.collector.trigger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Claims stored signal events and decides them in one transaction: each claimed event's subject is evaluated on its
 * whole history (a survey about a parcel also re-evaluates that parcel), the triggers go to {@code alerts}, and each
 * event is marked DETECTED, or UNMATCHED when nobody knows its customer. A crash before the commit loses nothing: the
 * events are still RECEIVED for the next claim, and triggers already stored are not stored twice.
 */
@ApplicationScoped
public class DetectionStep {
    private static final Logger LOG = Logger.getLogger(DetectionStep.class);

    private final SignalQueue queue;
    private final TriggerRules rules;
    private final TriggerRows rows;
    private final Clock clock;
    private final Duration horizon;

    public DetectionStep(SignalQueue queue, TriggerRules rules, TriggerRows rows, Clock clock, TriggerConfig config) {
        this.queue = queue;
        this.rules = rules;
        this.rows = rows;
        this.clock = clock;
        this.horizon = config.sweepHorizon();
    }

    /** How many events a claim took off the queue and the alert ids it stored. */
    public record Detected(int count, List<String> raised) {
    }

    /** What one sweep batch looked at (the last tracking code, to go on after) and the alert ids it stored. */
    public record Swept(int parcels, Optional<String> last, List<String> raised) {
    }

    @Transactional
    public Detected detectNext(int max) {
        return detectNext(max, ids -> { });
    }

    /** As {@link #detectNext(int)}, telling {@code claimed} which events it took, so a caller can set one aside. */
    @Transactional
    public Detected detectNext(int max, Consumer<List<Long>> claimed) {
        List<SignalEvent> events = queue.claim(max);
        if (events.isEmpty()) {
            return new Detected(0, List.of());
        }
        claimed.accept(events.stream().map(SignalEvent::id).toList());
        Instant now = clock.instant();
        // In one order on every instance: two runners storing triggers of the same subjects never deadlock.
        Set<SignalQueue.Subject> subjects = new TreeSet<>(Comparator.comparing(SignalQueue.Subject::signal)
                .thenComparing(SignalQueue.Subject::subject));
        for (SignalEvent e : events) {
            if (e.customerId().isPresent()) {
                subjects.add(new SignalQueue.Subject(e.signal(), e.subject()));
                if (e.signal().equals("SURVEY")) {
                    e.facts().text("tracking_code").ifPresent(code -> subjects.add(
                            new SignalQueue.Subject("DELIVERY", code)));
                }
            }
        }
        Map<SignalQueue.Subject, List<String>> raisedFor = new LinkedHashMap<>();
        for (History history : queue.histories(subjects)) {
            raisedFor.put(new SignalQueue.Subject(history.signal(), history.subject()), raise(history, now));
        }
        List<SignalQueue.Mark> marks = events.stream().map(e -> mark(e, raisedFor)).toList();
        queue.mark(marks, clock.instant());
        return new Detected(events.size(), raisedFor.values().stream().flatMap(List::stream).toList());
    }

    private static SignalQueue.Mark mark(SignalEvent e, Map<SignalQueue.Subject, List<String>> raisedFor) {
        if (e.customerId().isEmpty()) {
            return new SignalQueue.Mark(e.id(), "UNMATCHED", e.unmatchedReason().orElse("no customer is known")
                    + ": no trigger raised");
        }
        List<String> raised = new ArrayList<>(raisedFor.getOrDefault(
                new SignalQueue.Subject(e.signal(), e.subject()), List.of()));
        if (e.signal().equals("SURVEY")) {
            e.facts().text("tracking_code").ifPresent(code -> raised.addAll(raisedFor.getOrDefault(
                    new SignalQueue.Subject("DELIVERY", code), List.of())));
        }
        return new SignalQueue.Mark(e.id(), "DETECTED", raised.isEmpty()
                ? "evaluated " + e.subject() + ": nothing new to raise" : "raised " + String.join(", ", raised));
    }

    /**
     * Runs the rules, on the clock's {@code now}, over up to {@code max} parcels still in transit after tracking code
     * {@code after}: so a parcel nothing more is heard of still raises no-scan and stuck.
     */
    @Transactional
    public Swept sweep(Instant now, String after, int max) {
        List<String> parcels = queue.openParcels(now.minus(horizon), after, max);
        List<String> raised = new ArrayList<>();
        for (History history : queue.histories(parcels.stream()
                .map(code -> new SignalQueue.Subject("DELIVERY", code)).toList())) {
            raised.addAll(raise(history, now));
        }
        return new Swept(parcels.size(), parcels.isEmpty() ? Optional.empty()
                : Optional.of(parcels.get(parcels.size() - 1)), raised);
    }

    /** Stores the triggers the history calls for; the alert ids stored now. */
    private List<String> raise(History history, Instant now) {
        Optional<String> customer = history.customer();
        Optional<String> source = history.source();
        if (customer.isEmpty() || source.isEmpty()) {
            return List.of(); // nobody to reach, or only surveys about a parcel nothing else is known of
        }
        List<String> stored = new ArrayList<>();
        for (Trigger evaluated : rules.evaluate(history, now)) {
            Trigger t = rows.storedEpisode(evaluated, customer.get()).map(evaluated::inEpisode).orElse(evaluated);
            if (rows.store(t, source.get(), customer.get(), clock.instant())) {
                LOG.infof("trigger %s (%s %s) for customer %s: %s", t.alertId(), t.kind(), t.state(), customer.get(),
                        t.summary());
                stored.add(t.alertId());
            }
        }
        return stored;
    }
}
