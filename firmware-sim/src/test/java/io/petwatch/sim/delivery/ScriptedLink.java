package io.petwatch.sim.delivery;

import io.petwatch.proto.v1.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** A collar link that answers as its script says, and remembers every batch handed to it. */
final class ScriptedLink implements CollarLink {
    private final String collarId;
    private final BiFunction<ScriptedLink, TelemetryBatch, CompletableFuture<Delivery>> script;
    private final List<TelemetryBatch> handed = new ArrayList<>();
    private final List<CompletableFuture<Delivery>> answers = new ArrayList<>();

    ScriptedLink(String collarId, BiFunction<ScriptedLink, TelemetryBatch, CompletableFuture<Delivery>> script) {
        this.collarId = collarId;
        this.script = script;
    }

    static ScriptedLink acknowledgingEverything(String collarId) {
        return new ScriptedLink(collarId, (link, b) -> CompletableFuture.completedFuture(
                Delivery.acknowledged(collarId, b.getSeq(), b.getSamplesCount(), false)));
    }

    @Override
    public String collarId() {
        return collarId;
    }

    @Override
    public synchronized CompletableFuture<Delivery> send(TelemetryBatch batch, Duration deliveryTimeout) {
        handed.add(batch);
        CompletableFuture<Delivery> answer = script.apply(this, batch);
        answers.add(answer);
        return answer;
    }

    synchronized List<TelemetryBatch> handed() {
        return List.copyOf(handed);
    }

    /** The answer given for the batch with {@code seq}. */
    synchronized CompletableFuture<Delivery> answerFor(long seq) {
        for (int i = 0; i < handed.size(); i++) {
            if (handed.get(i).getSeq() == seq) {
                return answers.get(i);
            }
        }
        throw new IllegalStateException(collarId + " was never handed seq " + seq);
    }

    @Override
    public LinkStats stats() {
        return new LinkStats(1, 1500, 1500);
    }

    @Override
    public void close() {
    }
}
