package io.petwatch.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkTest {
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final ScriptedCollector collector = new ScriptedCollector();
    private final Uplink uplink = new Uplink(outbox, collector, "hub-1", "PW-HUB-2",
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 10,
            Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(1));

    /** Answers each send with the next scripted reaction; by default accepts everything. */
    static final class ScriptedCollector implements CollectorClient {
        final Deque<UplinkException> failures = new ArrayDeque<>();
        final List<AlertBatch> received = new ArrayList<>();
        String refuseAlertId = "";
        /** An alert the collector fails on with HTTP 500 whenever it is in an upload. */
        String poisonAlertId = "";
        /** Uploads above this size get 413. */
        int maxAlerts = Integer.MAX_VALUE;
        /** Every upload fails with HTTP 500 (the collector's database is down). */
        boolean outage;
        String rejectAlertId = "";
        private final List<String> accepted = new ArrayList<>();

        @Override
        public AlertBatchResult send(AlertBatch batch) throws UplinkException {
            received.add(batch);
            if (!failures.isEmpty()) {
                throw failures.pop();
            }
            if (contains(batch, refuseAlertId)) {
                throw new UplinkException(UplinkException.Kind.REFUSED, "HTTP 400: alerts[0].summary is bad");
            }
            if (batch.getAlertsCount() > maxAlerts) {
                throw new UplinkException(UplinkException.Kind.TOO_LARGE, "HTTP 413");
            }
            if (outage || contains(batch, poisonAlertId)) {
                throw new UplinkException(UplinkException.Kind.SERVER_ERROR, "HTTP 500");
            }
            AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
            batch.getAlertsList().stream().map(Alert::getAlertId).filter(id -> !id.equals(rejectAlertId))
                    .forEach(accepted::add);
            batch.getAlertsList().forEach(a -> result.addResults(AlertResult.newBuilder().setAlertId(a.getAlertId())
                    .setOutcome(a.getAlertId().equals(rejectAlertId) ? AlertResult.Outcome.REJECTED
                            : AlertResult.Outcome.ACCEPTED).setReason("collar not registered to this hub")));
            return result.build();
        }

        private static boolean contains(AlertBatch batch, String id) {
            return batch.getAlertsList().stream().anyMatch(a -> a.getAlertId().equals(id));
        }

        /** Each alert id the collector accepted, in order, as often as it accepted it. */
        List<String> accepted() {
            return accepted;
        }
    }

    private void givenAlerts(String... ids) {
        for (String id : ids) {
            outbox.add(Alert.newBuilder().setAlertId(id).setCollarId("c-1").build());
        }
    }

    @Test
    void sendsPendingAlertsAndForgetsThemOnceAccepted() {
        givenAlerts("a", "b");

        assertEquals(Uplink.Step.SENT, uplink.drainOnce());

        assertEquals(0, outbox.size());
        assertEquals("hub-1", collector.received.get(0).getHubId());
        assertEquals("PW-HUB-2", collector.received.get(0).getHubModel(), "the collector watches hub models");
        assertEquals(2, collector.received.get(0).getAlertsCount());
        assertEquals(Uplink.Step.IDLE, uplink.drainOnce());
    }

    @Test
    void keepsAlertsWhileTheCollectorIsDownAndSendsThemLater() {
        givenAlerts("a");
        collector.failures.add(new UplinkException(UplinkException.Kind.TRANSIENT, "connection refused"));
        collector.failures.add(new UplinkException(UplinkException.Kind.UNAUTHORIZED, "401"));

        assertEquals(Uplink.Step.FAILED, uplink.drainOnce());
        assertEquals(Uplink.Step.FAILED, uplink.drainOnce());
        assertEquals(1, outbox.size(), "nothing is lost while the collector is unavailable");

        assertEquals(Uplink.Step.SENT, uplink.drainOnce());
        assertEquals(0, outbox.size());
    }

    /** Drives the uplink until the outbox is empty or {@code steps} are spent; returns the steps taken. */
    private int drain(int steps) {
        int taken = 0;
        while (taken < steps && outbox.size() > 0) {
            uplink.drainOnce();
            taken++;
        }
        return taken;
    }

    private static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "alert-" + i;
        }
        return ids;
    }

    @Test
    void splitsARefusedUploadToFindTheOneBadAlertAndSetsItAside() {
        givenAlerts(ids(10));
        outbox.add(Alert.newBuilder().setAlertId("bad").setCollarId("c-1").build());
        givenAlerts("after-1", "after-2");
        collector.refuseAlertId = "bad";

        int steps = drain(30);

        assertEquals(0, outbox.size());
        assertEquals(1, outbox.deadLetters());
        assertTrue(outbox.lastDeadLetter().orElseThrow().startsWith("bad: HTTP 400"), outbox.lastDeadLetter().get());
        List<String> expected = new ArrayList<>(List.of(ids(10)));
        expected.addAll(List.of("after-1", "after-2"));
        assertEquals(expected, collector.accepted(), "every other alert once, in order");
        assertTrue(steps <= 8, "a halving search, not one alert at a time: " + steps + " uploads");
    }

    @Test
    void anAlertTheCollectorFailsOnNeverHoldsTheOthers() {
        givenAlerts("a", "b");
        outbox.add(Alert.newBuilder().setAlertId("poison").setCollarId("c-1").build());
        givenAlerts("c", "d", "e");
        collector.poisonAlertId = "poison";

        int steps = drain(40);

        assertEquals(0, outbox.size());
        assertEquals(List.of("a", "b", "c", "d", "e"), collector.accepted());
        assertEquals(1, outbox.deadLetters());
        assertTrue(outbox.lastDeadLetter().orElseThrow().contains("failed on this alert alone (HTTP 500) while it"
                + " accepted other alerts"), outbox.lastDeadLetter().get());
        assertTrue(steps < 20, "found in " + steps + " uploads");
    }

    @Test
    void aCollectorOutageKeepsEveryAlertAndSetsNoneAside() {
        givenAlerts(ids(25));
        collector.outage = true;

        drain(60);

        assertEquals(25, outbox.size(), "an outage is not a poison alert");
        assertEquals(0, outbox.deadLetters());
        collector.outage = false;
        drain(20);
        assertEquals(List.of(ids(25)), collector.accepted());
    }

    @Test
    void aLoneFailingAlertWaitsUntilOtherAlertsShowTheCollectorIsWell() {
        givenAlerts("poison");
        collector.poisonAlertId = "poison";

        drain(10);
        assertEquals(1, outbox.size(), "nothing else is held up, and nothing proves it is the alert's fault");
        assertEquals(0, outbox.deadLetters());

        givenAlerts("fresh");
        drain(10);

        assertEquals(0, outbox.size());
        assertEquals(List.of("fresh"), collector.accepted());
        assertEquals(1, outbox.deadLetters());
    }

    @Test
    void anUploadTooLargeForTheCollectorIsSplitAndAllArrive() {
        givenAlerts(ids(10));
        collector.maxAlerts = 3;

        drain(30);

        assertEquals(List.of(ids(10)), collector.accepted());
        assertEquals(0, outbox.deadLetters());
    }

    @Test
    void anAlertTheCollectorRejectsIsADeadLetterWithTheCollectorsReason() {
        givenAlerts("a", "stranger", "b");
        collector.rejectAlertId = "stranger";

        drain(5);

        assertEquals(0, outbox.size());
        assertEquals(List.of("a", "b"), collector.accepted());
        assertEquals("stranger: rejected by the collector: collar not registered to this hub",
                outbox.lastDeadLetter().orElseThrow());
    }

    @Test
    void aCollectorAnsweringWithoutOutcomesIsBackedOffFromNotHammered() {
        Uplink silent = new Uplink(outbox, batch -> AlertBatchResult.getDefaultInstance(), "hub-1", "",
                Clock.systemUTC(), 10, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(1));
        givenAlerts("a");

        assertEquals(Uplink.Step.FAILED, silent.drainOnce());
        assertEquals(1, outbox.size());
        assertTrue(silent.lastFailure().orElseThrow().contains("without an outcome"));
    }

    @Test
    void backOffGrowsAndIsCapped() {
        givenAlerts("a");
        for (int i = 0; i < 30; i++) {
            collector.failures.add(new UplinkException(UplinkException.Kind.TRANSIENT, "down"));
            uplink.drainOnce();
        }

        Duration backoff = uplink.backoff();
        assertTrue(backoff.compareTo(Duration.ofSeconds(5)) >= 0 && backoff.compareTo(Duration.ofSeconds(10)) <= 0,
                "backoff " + backoff);
    }
}
