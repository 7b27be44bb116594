package io.petwatch.collector.playbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.petwatch.collector.testing.PlaybookScenario.alert;
import static io.petwatch.collector.testing.PlaybookScenario.caseById;
import static io.petwatch.collector.testing.PlaybookScenario.caseFor;
import static io.petwatch.collector.testing.PlaybookScenario.eventKinds;
import static io.petwatch.collector.testing.PlaybookScenario.id;
import static io.petwatch.collector.testing.PlaybookScenario.lethargy;
import static io.petwatch.collector.testing.PlaybookScenario.messagesTo;
import static io.petwatch.collector.testing.PlaybookScenario.status;
import static io.petwatch.collector.testing.PlaybookScenario.textBack;
import static io.petwatch.collector.testing.PlaybookScenario.upload;

import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.testing.FlakySmsSender;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vet-triage playbook end to end inside the collector, on the real PostgreSQL: texts and their outbox, the
 * owner's replies through the signed webhook, the durable escalation timer, opt-outs, quiet hours and outcomes.
 * Time is the collector's {@link TestClock}, so four hours pass in an instant.
 */
@QuarkusTest
class PlaybookIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    TestClock clock;
    @Inject
    EscalationTimer timer;
    @Inject
    MessageRelay relay;
    @Inject
    FlakySmsSender provider;

    @AfterEach
    void realTime() {
        provider.down(false);
        clock.reset();
    }

    // Scenarios.

    @Test
    void noReplyWithinFourHoursEscalatesExactlyOnceEvenWithTwoTimersRacing() throws Exception {
        upload("hub-demo", "demo-hub-token", lethargy("collar-012", Severity.MEDIUM));
        long caseId = id(caseFor("collar-012"));
        await().atMost(Duration.ofSeconds(20)).until(() -> caseById(caseId).get("escalateAt") != null);
        Instant due = Instant.parse((String) caseById(caseId).get("escalateAt"));

        assertTrue(!timer.escalateDue(due.minusSeconds(60)).contains(caseId), "not before four hours");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Long>> instance = () -> timer.escalateDue(due.plusSeconds(1));
            List<Future<List<Long>>> runs = List.of(two.submit(instance), two.submit(instance));
            List<Long> escalated = new ArrayList<>();
            for (Future<List<Long>> run : runs) {
                escalated.addAll(run.get());
            }
            assertEquals(1, escalated.stream().filter(id -> id == caseId).count());
        } finally {
            two.shutdown();
        }
        assertEquals("ESCALATED", status(caseId));
        assertEquals(1, eventKinds(caseId).stream().filter("ESCALATED"::equals).count());
        assertTrue(JsonPath.from(given().get("/api/v1/agent-queue").asString()).getList("id", Long.class)
                .contains(caseId));
        assertTrue(eventKinds(caseId).contains("CREDIT_GRANTED"), "the automation offered the teletriage credit");
    }

    @Test
    void aCreditAboveTheCapWaitsForASupervisorAndEveryGrantIsOnRecord() {
        upload("hub-demo", "demo-hub-token", lethargy("collar-002", Severity.MEDIUM));
        long caseId = id(caseFor("collar-002"));

        Staff.as("sam").contentType("application/json").body("{\"amountCents\":1500,\"reason\":\"goodwill\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(201).body("status", is("GRANTED"));
        long pending = ((Number) JsonPath.from(Staff.as("sam").contentType("application/json")
                .body("{\"amountCents\":9000,\"grantedBy\":\"sam\",\"reason\":\"vet bill\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(202).body("status",
                        is("PENDING_APPROVAL")).extract().asString()).get("id")).longValue();

        Staff.as("sam").contentType("application/json").body("{}")
                .post("/api/v1/credits/" + pending + "/approve").then().statusCode(403);
        Staff.as("lee").contentType("application/json").body("{}")
                .post("/api/v1/credits/" + pending + "/approve").then().statusCode(200).body("status", is("APPROVED"));
        assertTrue(given().get("/api/v1/cases/" + caseId + "/events").asString().contains("lee approved"),
                "the approval is recorded under the signed-in supervisor");
        Staff.as("lee").contentType("application/json").body("{\"supervisor\":\"lee\"}")
                .post("/api/v1/credits/" + pending + "/approve").then().statusCode(409);
        Staff.as("sam").contentType("application/json").body("{\"amountCents\":-5,\"reason\":\"x\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(400);
        assertTrue(eventKinds(caseId).containsAll(List.of("CREDIT_GRANTED", "CREDIT_PENDING_APPROVAL",
                "CREDIT_APPROVED")));
    }

    @Test
    void theOwnersReplyStopsTheTimerAndAForgedOneChangesNothing() {
        upload("hub-demo", "demo-hub-token", lethargy("collar-013", Severity.MEDIUM));
        long caseId = id(caseFor("collar-013"));
        await().atMost(Duration.ofSeconds(20)).until(() -> caseById(caseId).get("escalateAt") != null);

        assertEquals(403, textBack("+44 7700 900111", "OK she's fine", false));
        assertEquals("AWAITING_OWNER", status(caseId));

        assertEquals(200, textBack("+44 7700 900111", "OK, Max is eating again", true));
        assertEquals("OWNER_RESPONDED", status(caseId));
        assertEquals(null, caseById(caseId).get("escalateAt"));
        assertTrue(!timer.escalateDue(Instant.now().plus(Duration.ofHours(5))).contains(caseId));
        assertEquals("OWNER_RESPONDED", status(caseId));
        assertTrue(eventKinds(caseId).contains("OWNER_REPLIED"));
    }

    @Test
    void stopOptsOutAtOnceWithAConfirmationAndTheNextAlertGoesToAnAgentInstead() {
        String phone = "+44 7700 900112";
        assertEquals(200, textBack(phone, "STOP", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(phone).stream()
                .anyMatch(m -> "stop-confirmation".equals(m.get("template")) && "SENT".equals(m.get("status"))));

        upload("hub-demo", "demo-hub-token", lethargy("collar-014", Severity.HIGH));
        long caseId = id(caseFor("collar-014"));
        assertEquals("ESCALATED", status(caseId));
        assertTrue(((String) caseById(caseId).get("decision")).contains("opted out"));
        assertEquals(1, messagesTo(phone).size(), "only the confirmation: never a proactive text");

        assertEquals(200, textBack(phone, "help", true));
        assertEquals(200, textBack(phone, "START", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(phone).stream()
                .map(m -> m.get("template")).toList().containsAll(List.of("help", "start-confirmation")));
    }

    @Test
    void aMediumAlertInTheOwnersQuietHoursWaitsForTheMorningAndTheTimerStartsThen() {
        clock.set(Instant.parse("2026-06-10T21:00:00Z")); // 22:00 in London, inside Ruth's 21:30-08:00
        upload("hub-ellison", "ellison-hub-token",
                alert("hub-ellison", "collar-900", AlertState.FIRING, Severity.MEDIUM, AlertKind.LOW_ACTIVITY));
        long caseId = id(caseFor("collar-900"));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo("+44 7700 900999").size() == 1);
        Map<String, Object> held = messagesTo("+44 7700 900999").get(0);
        assertEquals("QUEUED", held.get("status"));
        assertEquals("2026-06-11T07:00:00Z", held.get("sendAfter"));
        assertEquals(null, caseById(caseId).get("escalateAt"), "no timer before the text has gone");

        clock.set(Instant.parse("2026-06-11T07:00:30Z"));
        relay.wake();

        assertEquals("SENT", messagesTo("+44 7700 900999").get(0).get("status"));
        assertEquals("2026-06-11T11:00:30Z", caseById(caseId).get("escalateAt"));
    }

    @Test
    void aMessageTheProviderRefusesStaysQueuedAndVisibleAndLeavesOnceWhenItRecovers() {
        provider.down(true);
        upload("hub-demo", "demo-hub-token", lethargy("collar-015", Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo("+44 7700 900113").stream()
                .anyMatch(m -> m.get("error") != null));
        Map<String, Object> waiting = messagesTo("+44 7700 900113").get(0);
        assertEquals("QUEUED", waiting.get("status"));
        assertTrue(((String) waiting.get("error")).contains("provider unavailable"), (String) waiting.get("error"));

        provider.down(false);
        // Past the retry backoff each time: the channel's circuit breaker may still be open for a moment, and a send
        // it refuses is one more failure to back off from.
        clock.set(Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofMinutes(15));
            relay.wake();
            return "SENT".equals(messagesTo("+44 7700 900113").get(0).get("status"));
        });

        List<Map<String, Object>> texts = messagesTo("+44 7700 900113");
        assertEquals(1, texts.size());
        assertEquals("SENT", texts.get(0).get("status"));
        // The owner's four hours run from when the text actually left, not from when the case opened.
        Instant sentAt = Instant.parse((String) texts.get(0).get("sentAt"));
        assertEquals(sentAt.plus(Duration.ofHours(4)), Instant.parse((String) caseFor("collar-015").get("escalateAt")));
    }

    @Test
    void anAgentsFalseAlarmOutcomeClosesTheCaseLeavesLoyaltyAndLabelsTheDetector() {
        upload("hub-demo", "demo-hub-token", lethargy("collar-016", Severity.MEDIUM));
        long caseId = id(caseFor("collar-016"));

        Map<String, Object> recorded = JsonPath.from(Staff.as("sam").contentType("application/json")
                .body("{\"outcome\":\"FALSE_ALARM\",\"note\":\"Duke was at the kennels\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(200).extract().asString()).getMap("");
        assertEquals(50, recorded.get("loyaltyBefore"));
        assertEquals(50, recorded.get("loyaltyAfter"), "a false alarm is ours, not the customer's");
        assertEquals("CLOSED", status(caseId));
        assertEquals("sam", caseById(caseId).get("outcomeBy"));
        assertTrue(eventKinds(caseId).containsAll(List.of("OPENED", "OUTCOME", "LABELLED")));

        Staff.as("sam").contentType("application/json").body("{\"outcome\":\"VET_BOOKED\",\"agent\":\"sam\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(409);
        Staff.as("sam").contentType("application/json").body("{\"outcome\":\"CURED\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(400);
        Staff.as("sam").contentType("application/json").body("{\"outcome\":\"VET_BOOKED\"}")
                .post("/api/v1/cases/999999/outcome").then().statusCode(404);
    }

    @Test
    void aDeviceAlertGetsANudgeAndNoVetTriage() {
        upload("hub-demo", "demo-hub-token",
                alert("hub-demo", "collar-017", AlertState.FIRING, Severity.LOW, AlertKind.BATTERY_LOW));
        long caseId = id(caseFor("collar-017"));

        assertEquals("CLOSED", status(caseId));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo("+44 7700 900115").size() == 1);
        String body = (String) messagesTo("+44 7700 900115").get(0).get("body");
        assertTrue(body.contains("Cleo's collar battery is running low"), body);
        assertTrue(!body.contains("vet"), body);
    }
}
