package io.petwatch.collector.conversation;

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
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What owners' replies do to their case (issue 15): HELP and worried replies reach a person at once, an unclear one
 * is read by a person while the timer runs, reassurance stops the timer, YES is an answer from an owner who never
 * opted out, and a case that closes takes back every text it had not yet sent. Each owner is a fresh household.
 */
@QuarkusTest
class OwnerRepliesIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    Households households;
    @Inject
    Jdbc jdbc;
    @Inject
    TestClock clock;
    @Inject
    MessageRelay relay;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Given an owner texted about their pet's lethargy, the text sent and the four hours running: the case. */
    private long texted(Household h) {
        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        long caseId = id(caseFor(h.collarId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> caseById(caseId).get("escalateAt") != null);
        return caseId;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> task(long caseId) {
        return Optional.ofNullable((Map<String, Object>) caseById(caseId).get("task"));
    }

    private static String trail(long caseId) {
        return given().get("/api/v1/cases/" + caseId + "/events").asString();
    }

    private static List<Long> agentQueue() {
        return JsonPath.from(given().get("/api/v1/agent-queue").asString()).getList("id", Long.class);
    }

    @Test
    void helpReplyReachesAnAgentAtOnceNotOnlyTheAutoAnswer() {
        Household h = households.create("Rex", Optional.empty());
        long caseId = texted(h);

        assertEquals(200, textBack(h.phone(), "HELP", true));

        assertEquals("ESCALATED", status(caseId));
        assertEquals("agent", caseById(caseId).get("holder"));
        assertEquals(null, caseById(caseId).get("escalateAt"), "no more waiting for the timer");
        assertEquals("HELP", task(caseId).orElseThrow().get("reason"));
        assertTrue(agentQueue().contains(caseId));
        assertTrue(eventKinds(caseId).containsAll(List.of("OWNER_REPLIED", "ESCALATED", "CREDIT_GRANTED")));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(h.phone()).stream()
                .anyMatch(m -> "help".equals(m.get("template"))));
    }

    @Test
    void aWorriedReplyReachesAnAgentInsteadOfStoppingTheTimer() {
        Household h = households.create("Bruno", Optional.empty());
        long caseId = texted(h);

        assertEquals(200, textBack(h.phone(), "he's worse, what do I do?", true));

        assertEquals("ESCALATED", status(caseId), "not OWNER_RESPONDED: the worried owner needs a person");
        assertEquals("WORRIED", task(caseId).orElseThrow().get("reason"));
        assertEquals("he's worse, what do I do?", task(caseId).orElseThrow().get("reply"));
        assertTrue(agentQueue().contains(caseId));
        assertTrue(trail(caseId).contains("read as WORRIED (\\\"worse\\\""), "the words that decided it: " + trail(caseId));
    }

    @Test
    void anUnclearReplyIsReadByAPersonWhileTheTimerKeepsRunning() {
        Household h = households.create("Pip", Optional.empty());
        long caseId = texted(h);
        Object due = caseById(caseId).get("escalateAt");

        assertEquals(200, textBack(h.phone(), "who is this", true));

        assertEquals("AWAITING_OWNER", status(caseId));
        assertEquals(due, caseById(caseId).get("escalateAt"), "the owner's four hours still run");
        assertEquals("agent", caseById(caseId).get("holder"));
        Map<String, Object> task = task(caseId).orElseThrow();
        assertEquals("UNCLEAR", task.get("reason"));
        assertTrue(agentQueue().contains(caseId));

        long taskId = ((Number) task.get("id")).longValue();
        Staff.as("sam").post("/api/v1/agent-tasks/" + taskId + "/done").then().statusCode(200);
        Staff.as("sam").post("/api/v1/agent-tasks/" + taskId + "/done").then().statusCode(409);
        assertEquals("owner", caseById(caseId).get("holder"));
        assertFalse(agentQueue().contains(caseId));
        assertTrue(trail(caseId).contains("sam dealt with the owner's reply"));
    }

    @Test
    void aReassuredReplyStopsTheTimer() {
        Household h = households.create("Maisie", Optional.empty());
        long caseId = texted(h);

        assertEquals(200, textBack(h.phone(), "all good, she's just sulking in the heat", true));

        assertEquals("OWNER_RESPONDED", status(caseId));
        assertEquals(null, caseById(caseId).get("escalateAt"));
        assertEquals("none", caseById(caseId).get("holder"));
        assertTrue(task(caseId).isEmpty());
        assertTrue(trail(caseId).contains("read as REASSURED"), trail(caseId));
    }

    @Test
    void stopWhileTheCaseWaitsForTheOwnerSendsItToAnAgentAtOnce() {
        Household h = households.create("Fudge", Optional.empty());
        long caseId = texted(h);

        assertEquals(200, textBack(h.phone(), "STOP", true));

        assertEquals("ESCALATED", status(caseId), "no reply will come by text: a person reaches out");
        assertTrue(eventKinds(caseId).containsAll(List.of("OPTED_OUT", "ESCALATED", "CREDIT_GRANTED")));
        assertFalse(jdbc.first("SELECT sms_consent FROM customers WHERE id = ?", rs -> rs.getBoolean(1),
                h.customerId()).orElseThrow());
    }

    @Test
    void yesFromAnOptedInOwnerAnswersTheQuestionAndIsNotTakenOnlyAsStart() {
        Household h = households.create("Max", Optional.empty());
        long caseId = texted(h);

        assertEquals(200, textBack(h.phone(), "Yes", true));

        assertEquals("OWNER_RESPONDED", status(caseId), "\"Reply YES if Max is OK\": the timer stops");
        assertEquals("REASSURED", jdbc.first("SELECT meaning FROM inbound_messages WHERE customer_id = ?",
                rs -> rs.getString(1), h.customerId()).orElseThrow());
        assertFalse(messagesTo(h.phone()).stream().anyMatch(m -> "start-confirmation".equals(m.get("template"))));
    }

    @Test
    void yesFromAnOptedOutOwnerOptsThemBackIn() {
        Household h = households.create("Otto", Optional.empty());
        assertEquals(200, textBack(h.phone(), "STOP", true));
        assertEquals(200, textBack(h.phone(), "YES", true));

        assertTrue(jdbc.first("SELECT sms_consent FROM customers WHERE id = ?", rs -> rs.getBoolean(1),
                h.customerId()).orElseThrow());
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(h.phone()).stream()
                .anyMatch(m -> "start-confirmation".equals(m.get("template"))));
    }

    @Test
    void aPetThatRecoversNeverGetsTheAlarmStillWaitingForQuietHours() {
        clock.set(Instant.parse("2026-06-10T11:00:00Z")); // noon in London, inside 00:05-23:55
        Household h = households.create("Bella", Optional.of("00:05-23:55"));
        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        long caseId = id(caseFor(h.collarId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(h.phone()).size() == 1);
        assertEquals("QUEUED", messagesTo(h.phone()).get(0).get("status"));

        upload("hub-demo", "demo-hub-token",
                alert("hub-demo", h.collarId(), AlertState.RESOLVED, Severity.MEDIUM, AlertKind.LOW_ACTIVITY));
        await().atMost(Duration.ofSeconds(20)).until(() -> "RESOLVED".equals(status(caseId)));
        clock.set(Instant.parse("2026-06-11T08:00:00Z")); // quiet hours over
        relay.wake();

        List<Map<String, Object>> texts = messagesTo(h.phone());
        assertEquals(1, texts.size(), "no good news about an alarm the owner never got");
        assertEquals("CANCELLED", texts.get(0).get("status"));
        assertTrue(eventKinds(caseId).containsAll(List.of("MESSAGES_CANCELLED", "OWNER_NOT_TOLD")));
    }

    @Test
    void anAgentsOutcomeCancelsTheTextsTheCaseHadNotSentAndClosesItsTask() {
        clock.set(Instant.parse("2026-06-10T11:00:00Z"));
        Household h = households.create("Teddy", Optional.of("00:05-23:55"));
        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        long caseId = id(caseFor(h.collarId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(h.phone()).size() == 1);
        assertEquals(200, textBack(h.phone(), "??", true));
        assertEquals("UNCLEAR", task(caseId).orElseThrow().get("reason"));

        Staff.as("sam").contentType("application/json").body("{\"outcome\":\"VET_BOOKED\",\"note\":\"rang her\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(200);

        assertEquals("CANCELLED", messagesTo(h.phone()).get(0).get("status"));
        assertTrue(task(caseId).isEmpty(), "closing the case closed its task");
        assertEquals("none", caseById(caseId).get("holder"));
        assertTrue(eventKinds(caseId).contains("MESSAGES_CANCELLED"));
    }
}
