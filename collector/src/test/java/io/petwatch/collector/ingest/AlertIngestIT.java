package io.petwatch.collector.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.HourlyActivity;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hub-facing endpoint and the playbook behind it, against the real PostgreSQL (seeded with demo-seed.json). */
@QuarkusTest
class AlertIngestIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    private static final String PROTOBUF = "application/x-protobuf";

    @Inject
    Jdbc jdbc;
    private static final Instant EPISODE = Instant.parse("2026-03-10T06:00:00Z");

    private static Alert lethargy(String collarId, AlertState state) {
        return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId("hub-demo").setCollarId(collarId)
                .setKind(AlertKind.LOW_ACTIVITY).setState(state).setSeverity(Severity.MEDIUM)
                .setWindowStartMs(EPISODE.toEpochMilli())
                .setWindowEndMs(EPISODE.plus(Duration.ofHours(48)).toEpochMilli())
                .setDetectedAtMs(EPISODE.plus(Duration.ofHours(48)).toEpochMilli())
                .setRaisedAtMs(Instant.now().toEpochMilli())
                .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1").putParams("window_hours", "48"))
                .setEvidence(Evidence.newBuilder().setActivityRatio(0.31f).setWornCoverage(0.98f)
                        .addHourly(HourlyActivity.newBuilder().setHourStartMs(EPISODE.toEpochMilli()).setActivity(120)
                                .setBaseline(400).setWornMinutes(60)))
                .setSummary("activity at 31% of this pet's usual level for the last 48 h")
                .build();
    }

    private static Response upload(String user, String token, byte[] body) {
        return given().auth().preemptive().basic(user, token).contentType(PROTOBUF).body(body)
                .post("/api/v1/alerts");
    }

    private static AlertBatchResult uploadAsDemoHub(Alert... alerts) throws Exception {
        byte[] body = upload("hub-demo", "demo-hub-token",
                AlertBatch.newBuilder().setHubId("hub-demo").addAllAlerts(List.of(alerts)).build().toByteArray())
                .then().statusCode(200).contentType(PROTOBUF).extract().asByteArray();
        return AlertBatchResult.parseFrom(body);
    }

    private static List<Map<String, Object>> messagesFor(String recipient) {
        return JsonPath.from(given().get("/api/v1/messages?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(m -> recipient.equals(m.get("recipient"))).toList();
    }

    private static Map<String, Object> alertView(String alertId) {
        return JsonPath.from(given().get("/api/v1/alerts/" + alertId).then().statusCode(200).extract().asString())
                .getMap("");
    }

    @Test
    void aLethargyAlertTextsTheOwnerByNameAboutTheirPet() throws Exception {
        Alert alert = lethargy("collar-003", AlertState.FIRING);

        AlertBatchResult result = uploadAsDemoHub(alert);

        assertEquals(AlertResult.Outcome.ACCEPTED, result.getResults(0).getOutcome());
        // Priya Raman's dog Pip wears collar-003 (seed file).
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesFor("+44 7700 900103").size() == 1);
        String body = (String) messagesFor("+44 7700 900103").get(0).get("body");
        assertTrue(body.startsWith("Hi Priya,"), body);
        assertTrue(body.contains("Pip has been much less active than usual for about 48 hours (around 31% of her normal)"),
                body);
        assertTrue(body.contains("https://vets.petwatch.example/book?pet=pet-003&case="), body);
        Map<String, Object> view = alertView(alert.getAlertId());
        assertEquals("TRIAGED", view.get("status"));
        assertEquals(Map.of("window_hours", "48"), view.get("params"));
        assertEquals(1, ((List<?>) view.get("evidence")).size());
        // Optional fields read as plain JSON values, never as wrapper objects.
        assertTrue(view.get("raisedAt") instanceof String, "raisedAt: " + view.get("raisedAt"));
        assertEquals(0.31, ((Number) view.get("activityRatio")).doubleValue(), 1e-6);
        assertTrue(((String) view.get("statusReason")).startsWith("low activity"), "reason: " + view.get("statusReason"));
        Map<String, Object> message = messagesFor("+44 7700 900103").get(0);
        assertTrue(((String) message.get("providerRef")).startsWith("recorded-"), "providerRef: " + message);
        assertEquals(null, message.get("error"));
    }

    @Test
    void aRepeatedAlertIdIsAcceptedOnceAndNeverProcessedTwice() throws Exception {
        Alert alert = lethargy("collar-004", AlertState.FIRING);

        assertEquals(AlertResult.Outcome.ACCEPTED, uploadAsDemoHub(alert).getResults(0).getOutcome());
        assertEquals(AlertResult.Outcome.DUPLICATE, uploadAsDemoHub(alert).getResults(0).getOutcome());
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesFor("+44 7700 900104").size() == 1);
        assertEquals(AlertResult.Outcome.DUPLICATE, uploadAsDemoHub(alert).getResults(0).getOutcome());

        // Give a second SMS every chance to appear before asserting it did not.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> messagesFor("+44 7700 900104").size() == 1);
        long cases = JsonPath.from(given().get("/api/v1/cases?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(c -> "collar-004".equals(c.get("collarId"))).count();
        assertEquals(1, cases);
    }

    @Test
    void aRecoveryClosesTheEpisodesCaseWithAGladMessage() throws Exception {
        uploadAsDemoHub(lethargy("collar-006", AlertState.FIRING));
        // The owner has the first text: good news follows only news they got.
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesFor("+44 7700 900105").size() == 1
                && "SENT".equals(messagesFor("+44 7700 900105").get(0).get("status")));

        uploadAsDemoHub(lethargy("collar-006", AlertState.RESOLVED));

        await().atMost(Duration.ofSeconds(20)).until(() -> JsonPath.from(given().get("/api/v1/cases?limit=500").asString())
                .<Map<String, Object>>getList("").stream()
                .anyMatch(c -> "collar-006".equals(c.get("collarId")) && "RESOLVED".equals(c.get("status"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesFor("+44 7700 900105").size() == 2);
        Map<String, Object> glad = messagesFor("+44 7700 900105").get(0); // newest first
        assertEquals("feeling-better", glad.get("template"));
        assertTrue(((String) glad.get("body")).contains("Glad he's feeling better"), (String) glad.get("body"));
    }

    @Test
    void aCollarOfAnotherHubIsRejectedAndTheRestOfTheBatchAccepted() throws Exception {
        Alert foreign = lethargy("collar-900", AlertState.FIRING);
        Alert unknown = lethargy("collar-does-not-exist", AlertState.FIRING);
        Alert invalid = lethargy("collar-010", AlertState.FIRING).toBuilder().setKind(AlertKind.ALERT_KIND_UNSPECIFIED)
                .build();
        Alert good = lethargy("collar-011", AlertState.FIRING);

        AlertBatchResult result = uploadAsDemoHub(foreign, unknown, invalid, good);

        assertEquals(List.of(AlertResult.Outcome.REJECTED, AlertResult.Outcome.REJECTED, AlertResult.Outcome.REJECTED,
                AlertResult.Outcome.ACCEPTED), result.getResultsList().stream().map(AlertResult::getOutcome).toList());
        assertTrue(result.getResults(0).getReason().contains("not registered to hub 'hub-demo'"));
        assertTrue(result.getResults(1).getReason().contains("is not registered"));
        assertTrue(result.getResults(2).getReason().contains("kind"));
        given().get("/api/v1/alerts/" + foreign.getAlertId()).then().statusCode(404);
    }

    @Test
    void anUploadOfOneAlertForAStrangersCollarIsRejectedWithTheReason() throws Exception {
        Alert foreign = lethargy("collar-900", AlertState.FIRING);
        Alert unknown = lethargy("collar-does-not-exist", AlertState.FIRING);

        AlertResult foreignResult = uploadAsDemoHub(foreign).getResults(0);
        AlertResult unknownResult = uploadAsDemoHub(unknown).getResults(0);

        assertEquals(AlertResult.Outcome.REJECTED, foreignResult.getOutcome());
        assertTrue(foreignResult.getReason().contains("not registered to hub 'hub-demo'"), foreignResult.getReason());
        assertEquals(AlertResult.Outcome.REJECTED, unknownResult.getOutcome());
        assertTrue(unknownResult.getReason().contains("is not registered"), unknownResult.getReason());
        given().get("/api/v1/alerts/" + foreign.getAlertId()).then().statusCode(404);
    }

    @Test
    void anIdRepeatedWithinAnUploadIsStoredOnceAndAnEarlierOneIsADuplicate() throws Exception {
        // Recoveries of a collar no other test uses: nothing is texted to its owner, whom other tests count texts to.
        Alert earlier = lethargy("collar-005", AlertState.RESOLVED);
        uploadAsDemoHub(earlier);
        Alert twice = lethargy("collar-005", AlertState.RESOLVED);

        AlertBatchResult result = uploadAsDemoHub(twice, earlier, twice);

        assertEquals(List.of(AlertResult.Outcome.ACCEPTED, AlertResult.Outcome.DUPLICATE,
                AlertResult.Outcome.DUPLICATE), result.getResultsList().stream().map(AlertResult::getOutcome).toList());
        given().get("/api/v1/alerts/" + twice.getAlertId()).then().statusCode(200);
    }

    @Test
    void everyAlertOfALargeUploadIsProcessed() throws Exception {
        List<String> collars = List.of("collar-020", "collar-021", "collar-022", "collar-023", "collar-024");
        Alert[] alerts = new Alert[300];
        for (int i = 0; i < alerts.length; i++) {
            Instant episode = EPISODE.plus(Duration.ofDays(i / collars.size() + 1));
            alerts[i] = lethargy(collars.get(i % collars.size()), AlertState.FIRING).toBuilder()
                    .setWindowStartMs(episode.toEpochMilli())
                    .setWindowEndMs(episode.plus(Duration.ofHours(48)).toEpochMilli()).build();
        }

        AlertBatchResult result = uploadAsDemoHub(alerts);

        assertTrue(result.getResultsList().stream().allMatch(r -> r.getOutcome() == AlertResult.Outcome.ACCEPTED));
        Set<String> ids = java.util.Arrays.stream(alerts).map(Alert::getAlertId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> JsonPath.from(given().get("/api/v1/alerts?limit=500")
                .asString()).<Map<String, Object>>getList("").stream()
                .filter(a -> ids.contains(a.get("alertId"))).filter(a -> "TRIAGED".equals(a.get("status")))
                .count() == alerts.length);
        // Sixty episodes for each of five pets while its first case is open: one conversation per pet, so one
        // text per pet (the owner on +44 7700 900118 has two of them).
        Map<String, Integer> expected = Map.of("+44 7700 900117", 1, "+44 7700 900118", 2, "+44 7700 900119", 1,
                "+44 7700 900120", 1);
        // Triage runs in parallel, so this also checks that one customer's alerts are decided one at a time.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).until(() -> expected.entrySet().stream()
                .allMatch(e -> messagesFor(e.getKey()).size() == e.getValue()));
        long cases = JsonPath.from(given().get("/api/v1/cases?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(c -> c.get("collarId") != null && collars.contains(c.get("collarId"))).count();
        assertEquals(collars.size(), cases);
    }

    @Test
    void aTriageFailureOfOneAlertLeavesTheOtherAlertsOfItsUploadDecided() throws Exception {
        // A zone no clock knows, as a hand-edited row could hold: deciding Scout's alert throws.
        jdbc.update("UPDATE customers SET time_zone = 'Mars/Olympus_Mons' WHERE id = 'cus-006'");
        Alert biscuit = lethargy("collar-001", AlertState.FIRING);
        Alert scout = lethargy("collar-007", AlertState.FIRING);
        Alert luna = lethargy("collar-008", AlertState.FIRING);

        uploadAsDemoHub(biscuit, scout, luna);

        await().atMost(Duration.ofSeconds(20)).until(() -> !"RECEIVED".equals(alertView(scout.getAlertId())
                .get("status")));
        Map<String, Object> failed = alertView(scout.getAlertId());
        assertEquals("FAILED", failed.get("status"));
        assertTrue(String.valueOf(failed.get("statusReason")).contains("Mars/Olympus_Mons"), failed.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> "TRIAGED".equals(alertView(biscuit.getAlertId())
                .get("status")) && "TRIAGED".equals(alertView(luna.getAlertId()).get("status")));
        assertEquals(1, messagesFor("+44 7700 900101").size());
        assertEquals(1, messagesFor("+44 7700 900107").size());
    }

    @Test
    void anUnknownHubOrWrongTokenGets401() {
        byte[] body = AlertBatch.newBuilder().addAlerts(lethargy("collar-012", AlertState.FIRING)).build().toByteArray();

        upload("hub-nobody", "x", body).then().statusCode(401).header("WWW-Authenticate", containsString("Basic"))
                .body("error", containsString("unknown hub or wrong token"));
        upload("hub-demo", "not-the-token", body).then().statusCode(401);
        given().contentType(PROTOBUF).body(body).post("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aRevokedHubIsRefusedEvenWithItsRightToken() {
        byte[] body = AlertBatch.newBuilder().setHubId("hub-revoked")
                .addAlerts(lethargy("collar-013", AlertState.FIRING)).build().toByteArray();

        upload("hub-revoked", "revoked-hub-token", body).then().statusCode(401)
                .body("error", containsString("revoked"));
        upload("hub-revoked", "a-guess", body).then().statusCode(401)
                .body("error", containsString("unknown hub or wrong token"));
    }

    @Test
    void aMalformedBodyGets400WithAClearMessage() {
        upload("hub-demo", "demo-hub-token", new byte[] {(byte) 0xff, (byte) 0xff, 0x01}).then().statusCode(400)
                .body("error", containsString("not a petwatch.v1.AlertBatch"));
        upload("hub-demo", "demo-hub-token", AlertBatch.newBuilder().setHubId("hub-demo").build().toByteArray())
                .then().statusCode(400).body("error", containsString("no alerts"));
    }

    @Test
    void aBatchClaimingAnotherHubGets403() {
        byte[] body = AlertBatch.newBuilder().setHubId("hub-ellison")
                .addAlerts(lethargy("collar-900", AlertState.FIRING)).build().toByteArray();

        upload("hub-demo", "demo-hub-token", body).then().statusCode(403).body("error", containsString("hub-ellison"));
    }

    @Test
    void aHubModelTooLongForTheStormCheckGets400AndStoresNothing() {
        Alert alert = lethargy("collar-014", AlertState.FIRING);
        byte[] body = AlertBatch.newBuilder().setHubId("hub-demo").setHubModel("m".repeat(65)).addAlerts(alert)
                .build().toByteArray();

        upload("hub-demo", "demo-hub-token", body).then().statusCode(400).body("error", containsString("hub_model"));
        given().get("/api/v1/alerts/" + alert.getAlertId()).then().statusCode(404);
    }

    @Test
    void theReadApiRefusesAnAbsurdLimit() {
        given().get("/api/v1/alerts?limit=100000").then().statusCode(400).body("error", containsString("limit"));
        given().get("/api/v1/alerts/no-such-alert").then().statusCode(404);
    }
}
