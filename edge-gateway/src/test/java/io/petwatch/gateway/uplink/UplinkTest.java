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

        @Override
        public AlertBatchResult send(AlertBatch batch) throws UplinkException {
            received.add(batch);
            if (!failures.isEmpty()) {
                throw failures.pop();
            }
            if (batch.getAlertsList().stream().anyMatch(a -> a.getAlertId().equals(refuseAlertId))) {
                throw new UplinkException(UplinkException.Kind.REFUSED, "bad alert");
            }
            AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
            batch.getAlertsList().forEach(a -> result.addResults(
                    AlertResult.newBuilder().setAlertId(a.getAlertId()).setOutcome(AlertResult.Outcome.ACCEPTED)));
            return result.build();
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

    @Test
    void isolatesTheOneAlertTheCollectorRefusesAndDeliversTheOthers() {
        givenAlerts("a", "bad", "c");
        collector.refuseAlertId = "bad";

        for (int i = 0; i < 10 && outbox.size() > 0; i++) {
            uplink.drainOnce();
        }

        assertEquals(0, outbox.size());
        List<String> delivered = collector.received.stream()
                .filter(b -> b.getAlertsList().stream().noneMatch(a -> a.getAlertId().equals("bad")))
                .flatMap(b -> b.getAlertsList().stream()).map(Alert::getAlertId).toList();
        assertEquals(List.of("a", "c"), delivered);
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
