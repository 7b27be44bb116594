package io.petwatch.sim.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.delivery.LinkStats;
import io.petwatch.sim.metrics.FleetMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The book the player reads at the end of a run: once nothing is outstanding, every answer is counted. */
class SendBookTest {

    @Test
    void whenNothingIsOutstandingEveryAnswerIsAlreadyCounted() throws Exception {
        // Answers arrive on other threads while the reader polls, as PUBACKs do on the MQTT client's threads.
        // A book that let a send go from "outstanding" before it was counted showed 599 of 600 in CI.
        ExecutorService answerers = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                SendBook book = new SendBook(new FleetMetrics());
                List<CompletableFuture<Delivery>> outcomes = new ArrayList<>();
                for (int seq = 1; seq <= 50; seq++) {
                    CompletableFuture<Delivery> outcome = new CompletableFuture<>();
                    book.batch("c1", TelemetryBatch.newBuilder().setCollarId("c1").setSeq(seq).build(), outcome,
                            () -> { });
                    outcomes.add(outcome);
                }
                for (int seq = 1; seq <= 50; seq++) {
                    CompletableFuture<Delivery> outcome = outcomes.get(seq - 1);
                    long s = seq;
                    answerers.execute(() -> outcome.complete(Delivery.acknowledged("c1", s, 0, false)));
                }
                while (!book.allAnswered()) {
                    Thread.onSpinWait();
                }
                DeliveryReport report = book.report(1, LinkStats.NONE, Duration.ZERO);
                assertEquals(50, report.published(), "round " + round + ": " + report);
            }
        } finally {
            answerers.shutdown();
            assertTrue(answerers.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSendNeverAnsweredIsCountedUnconfirmedAtClose() {
        SendBook book = new SendBook(new FleetMetrics());
        book.batch("c1", TelemetryBatch.newBuilder().setCollarId("c1").setSeq(7).build(), new CompletableFuture<>(),
                () -> { });

        book.close();

        DeliveryReport report = book.report(1, LinkStats.NONE, Duration.ZERO);
        assertTrue(book.allAnswered());
        assertEquals(0, report.published());
        assertEquals(1, report.unconfirmed(), report.toString());
    }
}
