package io.petwatch.sim.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.metrics.FleetMetrics;
import io.petwatch.sim.play.FakeLink.Event;
import io.petwatch.sim.suite.Action;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The player's timing on a manual clock and fake links: nothing here waits for real time. */
class PlayerTest {
    private static final long T0 = 1_777_852_800_000L; // some simulated moment
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();
    private final List<Event> wire = new ArrayList<>();
    private final FleetMetrics metrics = new FleetMetrics();

    private static Action publish(String collar, long atMs, long seq) {
        return new Action.Publish(atMs, TelemetryBatch.newBuilder().setCollarId(collar).setSeq(seq)
                .addSamples(Sample.newBuilder().setMinuteStartMs(atMs - 60_000)).build());
    }

    private Player player(Speed speed, int rate, int perCollar, int total) {
        return new Player(new PlayLimits(speed, rate, perCollar, total, TIMEOUT), clock, metrics);
    }

    private static Event at(long ms, String collar, String what) {
        return new Event(ms, collar, what);
    }

    @Test
    void simulatedTimeRunsAtTheSpeedFromTheFirstAction() {
        List<FakeLink> links = FakeLink.fleet(2, clock, wire, false);

        player(new Speed(60), 1000, 1, 100).play(links, List.of(
                List.of(publish("c1", T0, 1), publish("c1", T0 + 60_000, 2), publish("c1", T0 + 120_000, 3)),
                List.of(publish("c2", T0 + 30_000, 1))));

        // 60 simulated seconds a wall second: a simulated minute is a wall second.
        assertEquals(List.of(at(0, "c1", "send 1"), at(500, "c2", "send 1"), at(1000, "c1", "send 2"),
                at(2000, "c1", "send 3")), wire);
    }

    @Test
    void atMaxSpeedCollarsTakeTurnsInOrderOfSimulatedTimeWithoutWaiting() {
        List<FakeLink> links = FakeLink.fleet(2, clock, wire, false);

        DeliveryReport report = player(Speed.MAX, 1_000_000, 1, 100).play(links, List.of(
                List.of(publish("c1", T0, 1), publish("c1", T0 + 7_200_000, 2)),
                List.of(publish("c2", T0 + 3_600_000, 1), publish("c2", T0 + 10_800_000, 2))));

        assertEquals(List.of(at(0, "c1", "send 1"), at(0, "c2", "send 1"), at(0, "c1", "send 2"),
                at(0, "c2", "send 2")), wire);
        assertEquals(4, report.published());
        assertTrue(report.allDelivered());
    }

    @Test
    void whatACollarMakesOfflineWaitsAndGoesFirstInOrderWhenItIsBack() {
        List<FakeLink> links = FakeLink.fleet(1, clock, wire, false);

        DeliveryReport report = player(new Speed(1), 1_000_000, 1, 100).play(links, List.of(List.of(
                publish("c1", T0, 1),
                new Action.Drop(T0 + 1_000, true, T0 + 10_000),
                publish("c1", T0 + 2_000, 2),
                publish("c1", T0 + 5_000, 3),
                publish("c1", T0 + 12_000, 4))));

        assertEquals(List.of(at(0, "c1", "send 1"), at(1_000, "c1", "drop will"), at(10_000, "c1", "reconnect"),
                at(10_000, "c1", "send 2"), at(10_000, "c1", "send 3"), at(12_000, "c1", "send 4")), wire);
        assertEquals(4, report.published());
        assertEquals(1, metrics.drops());
    }

    @Test
    void aDropWithoutWillIsAGoodbyeAndADropWhileOfflineOnlyLengthensTheOutage() {
        List<FakeLink> links = FakeLink.fleet(1, clock, wire, false);

        player(new Speed(1), 1000, 1, 100).play(links, List.of(List.of(
                new Action.Drop(T0, false, T0 + 5_000),
                new Action.Drop(T0 + 3_000, true, T0 + 8_000),
                publish("c1", T0 + 4_000, 1))));

        assertEquals(List.of(at(0, "c1", "drop"), at(8_000, "c1", "reconnect"), at(8_000, "c1", "send 1")), wire);
    }

    @Test
    void aDropWaitsForTheAnswersToTheBatchesBeforeIt() {
        List<FakeLink> links = FakeLink.fleet(1, clock, wire, true);
        clock.whileWaiting(wait -> links.get(0).answerOldest());

        player(Speed.MAX, 1000, 5, 100).play(links, List.of(List.of(publish("c1", T0, 1), publish("c1", T0, 2),
                new Action.Drop(T0, true, T0), publish("c1", T0, 3))));

        assertEquals(List.of("send 1", "send 2", "drop will", "reconnect", "send 3"),
                wire.stream().map(Event::what).toList(), "dropped with nothing in flight");
    }

    @Test
    void sendsWaitForAnInFlightPlaceOfTheirCollarAndOfTheFleet() {
        List<FakeLink> links = FakeLink.fleet(3, clock, wire, true);
        int[] mostInFlight = {0};
        clock.whileWaiting(wait -> {
            mostInFlight[0] = Math.max(mostInFlight[0], links.stream().mapToInt(FakeLink::held).sum());
            if (wait > 1_000_000) { // the player waits for answers, not for its next turn under the rate
                links.stream().filter(l -> l.held() > 0).findFirst().ifPresent(FakeLink::answerOldest);
            }
        });
        List<List<Action>> actions = new ArrayList<>();
        for (FakeLink link : links) {
            List<Action> mine = new ArrayList<>();
            for (int seq = 1; seq <= 5; seq++) {
                mine.add(publish(link.collarId(), T0 + seq, seq));
            }
            actions.add(mine);
        }

        DeliveryReport report = player(Speed.MAX, 1_000_000, 2, 4).play(links, actions);

        assertEquals(15, report.published());
        assertEquals(4, mostInFlight[0], "the fleet's limit was reached and never passed");
        links.forEach(l -> assertEquals(2, l.mostHeld(), l.collarId() + ": its own limit reached, never passed"));
    }

    @Test
    void theRateSpacesSendsEvenlyAtMaxSpeed() {
        List<FakeLink> links = FakeLink.fleet(1, clock, wire, false);
        List<Action> actions = new ArrayList<>();
        for (int seq = 1; seq <= 21; seq++) {
            actions.add(publish("c1", T0, seq));
        }

        player(Speed.MAX, 10, 1, 100).play(links, List.of(actions));

        for (int i = 0; i < 21; i++) {
            assertEquals(i * 100L, wire.get(i).atMs(), "send " + (i + 1) + " at 10 a second");
        }
    }

    @Test
    void aSendUnansweredPastTheDeliveryTimeoutFreesItsPlaceAndEndsUnconfirmed() {
        List<FakeLink> links = FakeLink.fleet(1, clock, wire, true); // a broker that never answers

        DeliveryReport report = player(Speed.MAX, 1000, 1, 100).play(links, List.of(List.of(
                publish("c1", T0, 1), publish("c1", T0, 2), publish("c1", T0, 3))));

        assertEquals(List.of(at(0, "c1", "send 1"), at(5_000, "c1", "send 2"), at(10_000, "c1", "send 3")), wire);
        assertEquals(3, report.unconfirmed());
        assertEquals(0, report.published());
        assertEquals(15_000, clock.nowMs(), "listened one delivery timeout past the last send");
    }

    @Test
    void payloadsThatAreNoBatchAreCountedApart() {
        List<FakeLink> links = FakeLink.fleet(1, clock, wire, false);

        DeliveryReport report = player(Speed.MAX, 1000, 1, 100).play(links, List.of(List.of(
                publish("c1", T0, 1), new Action.PublishRaw(T0 + 1, "not protobuf".getBytes(StandardCharsets.UTF_8),
                        "garbage"), publish("c1", T0 + 2, 2))));

        assertEquals(List.of("send 1", "raw", "send 2"), wire.stream().map(Event::what).toList());
        assertEquals(2, report.batches());
        assertEquals(1, metrics.malformedSent());
    }

    @Test
    void actionsAndLinksMustPair() {
        List<FakeLink> links = FakeLink.fleet(2, clock, wire, false);

        assertThrows(IllegalArgumentException.class, () -> player(Speed.MAX, 10, 1, 1).play(links, List.of(List.of())));
    }
}
