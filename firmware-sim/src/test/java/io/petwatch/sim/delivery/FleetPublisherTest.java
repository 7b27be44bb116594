package io.petwatch.sim.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.model.ActivityModel;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FleetPublisherTest {
    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMillis(50);

    private static CollarFirmware collar(String id) {
        return new CollarFirmware(id, new ActivityModel(PetProfile.ALL.get(0), ZoneOffset.UTC, 7), Scenario.healthy(),
                60, START, START.plus(Duration.ofDays(1)));
    }

    private static DeliveryReport publish(List<ScriptedLink> links) {
        List<Supplier<Optional<TelemetryBatch>>> sources = links.stream()
                .map(l -> (Supplier<Optional<TelemetryBatch>>) collar(l.collarId())::nextBatch).toList();
        return new FleetPublisher(links, new Pacer(1_000_000), TIMEOUT).publish(sources);
    }

    private static List<Long> seqs(ScriptedLink link) {
        return link.handed().stream().map(TelemetryBatch::getSeq).toList();
    }

    @Test
    void resumesItsSequenceAfterBatchesItCouldNotDeliver() {
        ScriptedLink flaky = new ScriptedLink("c-1", (link, b) -> CompletableFuture.completedFuture(
                b.getSeq() >= 3 && b.getSeq() <= 5
                        ? Delivery.undelivered("c-1", b.getSeq(), b.getSamplesCount(), Delivery.Status.NOT_SENT, "offline")
                        : Delivery.acknowledged("c-1", b.getSeq(), b.getSamplesCount(), b.getSeq() == 6)));

        DeliveryReport report = publish(List.of(flaky));

        assertEquals(LongStream.rangeClosed(1, 24).boxed().toList(), seqs(flaky), "seq goes on past the gap");
        assertEquals(21, report.published());
        assertEquals(1, report.acknowledgedAfterReconnect());
        assertEquals(3, report.notSent());
        assertEquals(List.of(3L, 4L, 5L), report.undeliveredBatches().stream().map(Delivery::seq).toList());
        assertEquals(java.util.Map.of("c-1", 3L), report.undeliveredByCollar());
        assertFalse(report.allDelivered());
    }

    @Test
    void theBatchesDoNotDependOnWhatTheBrokerAnswered() {
        ScriptedLink happy = ScriptedLink.acknowledgingEverything("c-1");
        ScriptedLink refused = new ScriptedLink("c-1", (link, b) -> CompletableFuture.completedFuture(
                Delivery.undelivered("c-1", b.getSeq(), b.getSamplesCount(), Delivery.Status.REFUSED,
                        "refused by the broker: NOT_AUTHORIZED")));

        publish(List.of(happy));
        DeliveryReport report = publish(List.of(refused));

        assertEquals(happy.handed(), refused.handed());
        assertEquals(0, report.published());
        assertEquals(24, report.refused());
    }

    @Test
    void aLateAcknowledgementStillCountsAsPublished() {
        // Seq 1 is answered only when seq 2 is handed over: after its round stopped waiting for it.
        ScriptedLink slow = new ScriptedLink("c-1", (link, b) -> {
            if (b.getSeq() == 1) {
                return new CompletableFuture<>();
            }
            if (b.getSeq() == 2) {
                link.answerFor(1).complete(Delivery.acknowledged("c-1", 1, 60, true));
            }
            return CompletableFuture.completedFuture(Delivery.acknowledged("c-1", b.getSeq(), b.getSamplesCount(),
                    false));
        });

        DeliveryReport report = publish(List.of(slow));

        assertEquals(24, report.published());
        assertEquals(1, report.acknowledgedAfterReconnect());
        assertTrue(report.allDelivered());
    }

    @Test
    void aBatchNeverAnsweredIsUnconfirmedAndTheRunStillEnds() {
        ScriptedLink silent = new ScriptedLink("c-1", (link, b) -> b.getSeq() == 24 ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(Delivery.acknowledged("c-1", b.getSeq(), b.getSamplesCount(), false)));
        ScriptedLink broken = new ScriptedLink("c-2", (link, b) -> b.getSeq() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("client closed"))
                : CompletableFuture.completedFuture(Delivery.acknowledged("c-2", b.getSeq(), b.getSamplesCount(), false)));

        DeliveryReport report = publish(List.of(silent, broken));

        assertEquals(46, report.published());
        assertEquals(1, report.unconfirmed());
        assertEquals(1, report.failed());
        assertEquals(List.of("c-1 24 UNCONFIRMED", "c-2 1 FAILED"), report.undeliveredBatches().stream()
                .map(d -> d.collarId() + " " + d.seq() + " " + d.status()).sorted().toList());
        assertEquals("client closed", report.undeliveredBatches().stream()
                .filter(d -> d.status() == Delivery.Status.FAILED).findFirst().orElseThrow().reason());
    }

    @Test
    void addsUpTheLinksReconnectsAndTimeOffline() {
        DeliveryReport report = publish(List.of(ScriptedLink.acknowledgingEverything("c-1"),
                ScriptedLink.acknowledgingEverything("c-2")));

        assertEquals(new LinkStats(2, 3000, 1500), report.links());
        assertEquals(2, report.collars());
        assertEquals(48 * 60, report.samples());
    }
}
