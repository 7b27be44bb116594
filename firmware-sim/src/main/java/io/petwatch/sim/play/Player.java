package io.petwatch.sim.play;

import io.petwatch.sim.delivery.CollarLink;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.delivery.LinkStats;
import io.petwatch.sim.metrics.FleetMetrics;
import io.petwatch.sim.suite.Action;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.tinylog.Logger;

/**
 * Plays every collar's actions in order on its link, simulated time mapped to wall time by the speed:
 * {@code wall = start + (atMs - first atMs) / speed}. One thread decides everything; answers and finished drops
 * come back to it as events, so collars' states need no locks. Collars whose next steps fall due together go in
 * order of simulated time, under the rate limit and the in-flight limits.
 */
public final class Player {
    private static final Comparator<CollarTrack> BY_DUE = Comparator.comparingLong((CollarTrack t) -> t.keyMs)
            .thenComparingInt(t -> t.index);

    private final PlayLimits limits;
    private final PlayClock clock;
    private final FleetMetrics metrics;
    private final RateGate gate;
    private final SendBook book;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final PriorityQueue<CollarTrack> ready = new PriorityQueue<>(BY_DUE);
    private final ArrayDeque<Place> places = new ArrayDeque<>(); // in send order, hence in deadline order
    private final long began = System.nanoTime();
    private volatile List<CollarTrack> tracks = List.of();
    private int totalInFlight;
    private int finished;
    private long runStartNanos;
    private long simStartMs;

    /** An in-flight place, held until the send's answer or its deadline, whichever comes first. */
    private static final class Place {
        final CollarTrack track;
        final long deadlineNanos;
        boolean released;

        Place(CollarTrack track, long deadlineNanos) {
            this.track = track;
            this.deadlineNanos = deadlineNanos;
        }
    }

    public Player(PlayLimits limits, PlayClock clock, FleetMetrics metrics) {
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
        this.gate = new RateGate(limits.rate());
        this.book = new SendBook(metrics);
    }

    /**
     * Plays {@code actions.get(i)} on {@code links.get(i)} to the end, then listens one delivery timeout more for
     * answers; what is still unanswered is unconfirmed. The links must be connected.
     */
    public DeliveryReport play(List<? extends PlayLink> links, List<? extends Iterable<Action>> actions) {
        if (links.size() != actions.size()) {
            throw new IllegalArgumentException(actions.size() + " action lists for " + links.size() + " collars");
        }
        List<CollarTrack> all = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            all.add(new CollarTrack(i, links.get(i), actions.get(i).iterator()));
        }
        tracks = List.copyOf(all);
        simStartMs = all.stream().flatMap(t -> t.firstAction().stream()).mapToLong(Action::atMs).min().orElse(0);
        runStartNanos = clock.nanoTime();
        all.forEach(this::schedule);
        try {
            while (finished < all.size()) {
                tick();
            }
            long deadline = clock.nanoTime() + limits.deliveryTimeout().toNanos();
            while (!book.allAnswered() && clock.nanoTime() < deadline) {
                clock.await(inbox, deadline).ifPresent(Runnable::run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("playing interrupted", e);
        }
        book.close();
        return progress();
    }

    /** The counts so far: safe to call from another thread while {@link #play} runs. */
    public DeliveryReport progress() {
        List<CollarTrack> now = tracks;
        LinkStats stats = now.stream().map(t -> t.link).map(CollarLink::stats).reduce(LinkStats.NONE, LinkStats::plus);
        return book.report(now.size(), stats, Duration.ofNanos(System.nanoTime() - began));
    }

    /** One decision: run what arrived, take the next due step if the limits allow, or wait. */
    private void tick() throws InterruptedException {
        for (Runnable event = inbox.poll(); event != null; event = inbox.poll()) {
            event.run();
        }
        long now = clock.nanoTime();
        long wake = releaseExpired(now);
        CollarTrack next = ready.peek();
        if (next != null) {
            long due = runStartNanos + limits.speed().wallOffsetNanos(next.keyMs, simStartMs);
            if (due > now) {
                wake = Math.min(wake, due);
            } else if (!next.sendsNext(limits.perCollarInFlight())) {
                step(ready.poll(), now);
                return;
            } else if (totalInFlight < limits.totalInFlight()) { // else: wait for an answer
                long slot = gate.nextNanos(now);
                if (slot <= now) {
                    step(ready.poll(), now);
                    return;
                }
                wake = Math.min(wake, slot);
            }
        }
        clock.await(inbox, wake).ifPresent(Runnable::run);
    }

    private void step(CollarTrack t, long now) {
        if (t.state == CollarTrack.State.OFFLINE) { // the outage is over
            t.state = CollarTrack.State.ONLINE;
            t.link.reconnect();
            schedule(t);
            return;
        }
        Action next = t.next().orElseThrow();
        if (t.inFlight > 0 && next instanceof Action.Drop || t.inFlight >= limits.perCollarInFlight()) {
            // A drop waits for the answers before it: at high speed the simulated moments between a publish and
            // the drop shrink to microseconds, where a real collar would have had its PUBACK.
            t.waiting = true;
            return;
        }
        t.take();
        if (next instanceof Action.Drop drop) {
            t.state = CollarTrack.State.DROPPING;
            metrics.dropped();
            t.link.drop(drop.will()).whenComplete((ignored, error) -> inbox.add(() -> dropped(t, drop, error)));
            return;
        }
        gate.take(now);
        send(t, next, now);
        schedule(t);
    }

    private void dropped(CollarTrack t, Action.Drop drop, Throwable error) {
        if (error != null) {
            Logger.warn("{} did not drop cleanly: {}", t.collarId(), String.valueOf(error.getMessage()));
        }
        t.offlineUntil(drop.backAtMs());
        schedule(t);
    }

    /** Queues the collar's next step, or counts it finished. */
    private void schedule(CollarTrack t) {
        if (t.state == CollarTrack.State.DROPPING || t.waiting) {
            return;
        }
        if (t.state == CollarTrack.State.OFFLINE) {
            t.keyMs = t.backAtMs;
            ready.add(t);
            return;
        }
        t.next().ifPresentOrElse(a -> {
            t.keyMs = a.atMs();
            ready.add(t);
        }, () -> finished++);
    }

    private void send(CollarTrack t, Action action, long now) {
        Place place = new Place(t, now + limits.deliveryTimeout().toNanos());
        places.add(place);
        t.inFlight++;
        totalInFlight++;
        Runnable answered = () -> inbox.add(() -> release(place));
        if (action instanceof Action.Publish publish) {
            book.batch(t.collarId(), publish.batch(), t.link.send(publish.batch(), limits.deliveryTimeout()), answered);
        } else {
            book.raw(t.collarId(), t.link.sendRaw(((Action.PublishRaw) action).payload(), limits.deliveryTimeout()),
                    answered);
        }
    }

    private void release(Place place) {
        if (place.released) {
            return;
        }
        place.released = true;
        CollarTrack t = place.track;
        t.inFlight--;
        totalInFlight--;
        if (t.waiting) {
            t.waiting = false;
            schedule(t);
        }
    }

    /** Frees the places of sends unanswered past their deadline; answers the next deadline. */
    private long releaseExpired(long now) {
        while (!places.isEmpty()) {
            Place first = places.peek();
            if (!first.released && first.deadlineNanos > now) {
                return first.deadlineNanos;
            }
            release(places.poll());
        }
        return PlayClock.NEVER;
    }
}
