package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.uplink.HttpCollectorClient;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The escalation timer is durable and fires once: the collector texts an owner and is stopped before the owner's
 * time is up; two collector processes then start on the same database after the deadline, and the case escalates
 * exactly once. The playbook is the test's own, with a six-second escalation instead of four hours.
 */
class EscalationTimerIT {
    @Test
    void anEscalationDueWhileTheCollectorWasDownFiresOnceWhenTwoInstancesComeBack() throws Exception {
        try (EndToEnd run = EndToEnd.create("timer")) {
            run.collectorSetting("PETWATCH_PLAYBOOK_LOCATION",
                    Path.of("src/test/resources/fast-escalation-playbook.yaml").toAbsolutePath().toString());
            run.collectorSetting("PETWATCH_TRIAGE_TIMER_INTERVAL", "1s");
            CollectorApi first = run.startCollector();
            Instant episode = Instant.now().minus(Duration.ofDays(2));
            Alert alert = Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(DemoRunner.HUB_ID)
                    .setCollarId("collar-005").setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING)
                    .setSeverity(Severity.MEDIUM).setWindowStartMs(episode.toEpochMilli())
                    .setWindowEndMs(Instant.now().toEpochMilli()).setDetectedAtMs(Instant.now().toEpochMilli())
                    .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"))
                    .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f)).setSummary("activity at 30%").build();
            List<AlertResult> results = new HttpCollectorClient(URI.create(run.collectorUrl()), DemoRunner.HUB_ID,
                    DemoRunner.HUB_TOKEN, Duration.ofSeconds(10))
                    .send(AlertBatch.newBuilder().setHubId(DemoRunner.HUB_ID).addAlerts(alert).build()).getResultsList();
            assertEquals(AlertResult.Outcome.ACCEPTED, results.get(0).getOutcome());
            await().atMost(Duration.ofSeconds(20)).until(() -> first.cases().size() == 1
                    && first.cases().get(0).get("escalateAt") != null);
            long caseId = ((Number) first.cases().get(0).get("id")).longValue();
            Instant due = Instant.parse((String) first.cases().get(0).get("escalateAt"));
            assertEquals("AWAITING_OWNER", first.cases().get(0).get("status"));
            run.stopCollector(); // down before the owner's time is up
            assertTrue(Instant.now().isBefore(due), "the collector stopped before the deadline " + due);

            await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(due.plusSeconds(1)));
            CollectorApi one = run.startCollector();
            CollectorApi two = run.startAnotherCollector();
            await().atMost(Duration.ofSeconds(30)).until(() -> "ESCALATED".equals(one.cases().get(0).get("status")));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> escalations(two, caseId) == 1);
            assertEquals(1, escalations(one, caseId), "escalated exactly once across two instances");
        }
    }

    private static long escalations(CollectorApi api, long caseId) {
        return api.caseEvents(caseId).stream().map(e -> e.get("kind")).filter("ESCALATED"::equals).count();
    }
}
