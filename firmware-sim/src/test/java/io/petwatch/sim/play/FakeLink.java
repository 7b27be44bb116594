package io.petwatch.sim.play;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.LinkStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A collar link that writes what the player does to a shared wire log, stamped with the manual clock, and answers
 * sends at once or holds them until {@link #answerOldest()}.
 */
final class FakeLink implements PlayLink {
    /** What crossed the wire: when (clock ms), which collar, and what ("send 3", "drop will", "reconnect", "raw"). */
    record Event(long atMs, String collarId, String what) {
    }

    private final String collarId;
    private final ManualClock clock;
    private final List<Event> wire;
    private final boolean holdAnswers;
    private final Deque<CompletableFuture<Delivery>> held = new ArrayDeque<>();
    private final Deque<Long> heldSeqs = new ArrayDeque<>();
    private int mostHeld;

    FakeLink(String collarId, ManualClock clock, List<Event> wire, boolean holdAnswers) {
        this.collarId = collarId;
        this.clock = clock;
        this.wire = wire;
        this.holdAnswers = holdAnswers;
    }

    static List<FakeLink> fleet(int n, ManualClock clock, List<Event> wire, boolean holdAnswers) {
        List<FakeLink> links = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            links.add(new FakeLink("c" + i, clock, wire, holdAnswers));
        }
        return links;
    }

    @Override
    public String collarId() {
        return collarId;
    }

    @Override
    public CompletableFuture<Delivery> send(TelemetryBatch batch, Duration deliveryTimeout) {
        wire.add(new Event(clock.nowMs(), collarId, "send " + batch.getSeq()));
        Delivery ack = Delivery.acknowledged(collarId, batch.getSeq(), batch.getSamplesCount(), false);
        if (!holdAnswers) {
            return CompletableFuture.completedFuture(ack);
        }
        CompletableFuture<Delivery> answer = new CompletableFuture<>();
        held.add(answer);
        heldSeqs.add(batch.getSeq());
        mostHeld = Math.max(mostHeld, held.size());
        return answer;
    }

    @Override
    public CompletableFuture<Delivery> sendRaw(byte[] payload, Duration deliveryTimeout) {
        wire.add(new Event(clock.nowMs(), collarId, "raw"));
        return CompletableFuture.completedFuture(Delivery.acknowledged(collarId, 0, 0, false));
    }

    @Override
    public CompletableFuture<Void> drop(boolean will) {
        wire.add(new Event(clock.nowMs(), collarId, (will ? "drop will" : "drop")
                + (held.isEmpty() ? "" : " while " + held.size() + " in flight")));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void reconnect() {
        wire.add(new Event(clock.nowMs(), collarId, "reconnect"));
    }

    /** Acknowledges the oldest held send; false if none is held. */
    boolean answerOldest() {
        if (held.isEmpty()) {
            return false;
        }
        long seq = heldSeqs.poll();
        held.poll().complete(Delivery.acknowledged(collarId, seq, 60, false));
        return true;
    }

    int held() {
        return held.size();
    }

    int mostHeld() {
        return mostHeld;
    }

    @Override
    public LinkStats stats() {
        return LinkStats.NONE;
    }

    @Override
    public void close() {
    }
}
