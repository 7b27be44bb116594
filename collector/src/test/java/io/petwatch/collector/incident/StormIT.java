package io.petwatch.collector.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.hub.HubTokens;
import io.petwatch.collector.ingest.HubAuthenticator;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fleet storm on the real PostgreSQL: ten collars on one firmware (or behind ten hubs of one model), and half of
 * them start low-activity alerts together. The first four owners are texted as usual; from the fifth collar on (5 of
 * 10, past the 20% and 5-collar thresholds) outreach is held and an engineering incident lists the collars, until an
 * operator releases or discards it.
 */
@QuarkusTest
class StormIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    private static final String HUB_TOKEN = "storm-hub-token";

    @Inject
    Jdbc jdbc;

    /** Ten households, each with its own hub and one collar on its own firmware; the hubs report their model. */
    /**
     * {@code count} households, each with its own hub {@code prefix-hub-i} and one collar {@code prefix-collar-i};
     * their numbers start with {@code phonePrefix}, so two fleets of one test run never share one.
     */
    private void givenHouseholdsBehindHubsOfTheirOwn(String prefix, int count, String phonePrefix) {
        StringBuilder csv = new StringBuilder("customer_id,first_name,last_name,mobile,pet_id,pet_name,species,"
                + "collar_id,hub_id,sms_consent\n");
        for (int i = 1; i <= count; i++) {
            jdbc.update("INSERT INTO hubs (id, token_sha256) VALUES (?, ?)", prefix + "-hub-" + i,
                    HubTokens.sha256Hex(HUB_TOKEN));
            csv.append(String.format("%1$s-cus-%2$d,Hana,Hub,%4$s%3$05d,%1$s-pet-%2$d,Pip,cat,%1$s-collar-%2$d,"
                    + "%1$s-hub-%2$d,yes%n", prefix, i, Math.abs(prefix.hashCode() % 900) * 10 + i, phonePrefix));
        }
        given().contentType("text/csv").body(csv.toString()).post("/api/v1/customers/import").then().statusCode(200);
    }

    private void givenTenHubsOfModel(String model) {
        givenHouseholdsBehindHubsOfTheirOwn(model, 10, "+4477008");
        for (int i = 1; i <= 10; i++) {
            upload(model + "-hub-" + i, HUB_TOKEN, model, alert(model, i, AlertKind.BATTERY_LOW, model + "-hub-" + i)
                    .setCollarFirmware("fw-own-" + i).build());
        }
    }

    private void whenSixHubsCollarsGoQuiet(String model) {
        for (int i = 1; i <= 6; i++) {
            String collar = model + "-collar-" + i;
            upload(model + "-hub-" + i, HUB_TOKEN, model, alert(model, i, AlertKind.LOW_ACTIVITY, model + "-hub-" + i)
                    .setCollarFirmware("fw-own-" + i).build());
            await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(collar, "LOW_ACTIVITY").isPresent());
        }
    }

    private static void givenTenCollarsOn(String firmware) {
        StringBuilder csv = new StringBuilder("customer_id,first_name,last_name,mobile,pet_id,pet_name,species,"
                + "collar_id,hub_id,sms_consent\n");
        for (int i = 1; i <= 10; i++) {
            csv.append(String.format("%1$s-cus-%2$d,Sam,Storm,+4477009%3$05d,%1$s-pet-%2$d,Rex,dog,%1$s-collar-%2$d,"
                    + "hub-demo,yes%n", firmware, i, Math.abs(firmware.hashCode() % 900) * 10 + i));
        }
        given().contentType("text/csv").body(csv.toString()).post("/api/v1/customers/import").then().statusCode(200);
        // The collector learns each collar's firmware from its alerts; healthy collars report it with their
        // device nudges in real life, here with a battery alert each.
        for (int i = 1; i <= 10; i++) {
            upload(alert(firmware, i, AlertKind.BATTERY_LOW));
        }
    }

    private static Alert alert(String firmware, int collar, AlertKind kind) {
        return alert(firmware, collar, kind, "hub-demo").setCollarFirmware(firmware).build();
    }

    private static Alert.Builder alert(String prefix, int collar, AlertKind kind, String hub) {
        Instant now = Instant.now();
        return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(hub)
                .setCollarId(prefix + "-collar-" + collar).setKind(kind).setState(AlertState.FIRING)
                .setSeverity(Severity.MEDIUM).setWindowStartMs(now.minus(Duration.ofHours(48)).toEpochMilli())
                .setWindowEndMs(now.toEpochMilli()).setDetectedAtMs(now.toEpochMilli())
                .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"))
                .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f)).setSummary("activity at 30%");
    }

    private static void upload(Alert alert) {
        upload("hub-demo", "demo-hub-token", "", alert);
    }

    private static void upload(String hub, String token, String hubModel, Alert alert) {
        given().auth().preemptive().basic(hub, token).contentType("application/x-protobuf")
                .body(AlertBatch.newBuilder().setHubId(hub).setHubModel(hubModel).addAlerts(alert).build()
                        .toByteArray())
                .post("/api/v1/alerts").then().statusCode(200);
    }

    private static void whenSixCollarsGoQuiet(String firmware) {
        for (int i = 1; i <= 6; i++) {
            String collar = firmware + "-collar-" + i;
            upload(alert(firmware, i, AlertKind.LOW_ACTIVITY));
            await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(collar, "LOW_ACTIVITY").isPresent());
        }
    }

    private static java.util.Optional<String> statusOf(String collar, String kind) {
        return JsonPath.from(given().get("/api/v1/cases?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(c -> collar.equals(c.get("collarId")) && kind.equals(c.get("kind")))
                .map(c -> (String) c.get("status")).findFirst();
    }

    private static Map<String, Object> incident(String fleet, String key) {
        return JsonPath.from(given().get("/api/v1/incidents").asString()).<Map<String, Object>>getList("").stream()
                .filter(i -> fleet.equals(i.get("fleet")) && key.equals(i.get("key"))).findFirst().orElseThrow();
    }

    /**
     * The first four owners were texted; from the fifth collar outreach is held under one open incident of the
     * fleet, which lists all six collars and says why.
     */
    private static Map<String, Object> thenTheFifthAndSixthAreHeld(String prefix, String fleet, String key,
                                                                  String why) {
        for (int i = 1; i <= 4; i++) {
            assertEquals("AWAITING_OWNER", statusOf(prefix + "-collar-" + i, "LOW_ACTIVITY").orElseThrow());
        }
        assertEquals("HELD", statusOf(prefix + "-collar-5", "LOW_ACTIVITY").orElseThrow());
        assertEquals("HELD", statusOf(prefix + "-collar-6", "LOW_ACTIVITY").orElseThrow());
        Map<String, Object> incident = incident(fleet, key);
        assertEquals("OPEN", incident.get("status"));
        assertEquals(2, ((Number) incident.get("heldCases")).intValue());
        assertEquals(6, ((List<?>) incident.get("collars")).size());
        assertTrue(((String) incident.get("reason")).contains(why), (String) incident.get("reason"));
        return incident;
    }

    @Test
    void aStormHoldsOutreachAndOpensAnIncidentThatAReleaseSends() {
        givenTenCollarsOn("fw-storm-a");
        whenSixCollarsGoQuiet("fw-storm-a");

        Map<String, Object> incident = thenTheFifthAndSixthAreHeld("fw-storm-a", "FIRMWARE", "fw-storm-a",
                "5 of 10 known collars on firmware fw-storm-a");

        long id = ((Number) incident.get("id")).longValue();
        Staff.as("eng-oncall").contentType("application/json").body("{}")
                .post("/api/v1/incidents/" + id + "/release").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "AWAITING_OWNER".equals(
                statusOf("fw-storm-a-collar-6", "LOW_ACTIVITY").orElseThrow()));
        Staff.as("eng-oncall").contentType("application/json").body("{}")
                .post("/api/v1/incidents/" + id + "/release").then().statusCode(409);
    }

    @Test
    void aDiscardedIncidentClosesTheHeldCasesWithoutAText() {
        givenTenCollarsOn("fw-storm-b");
        whenSixCollarsGoQuiet("fw-storm-b");
        long id = ((Number) incident("FIRMWARE", "fw-storm-b").get("id")).longValue();

        Staff.as("eng-oncall").contentType("application/json").body("{}")
                .post("/api/v1/incidents/" + id + "/discard").then().statusCode(200);

        assertEquals("CLOSED", statusOf("fw-storm-b-collar-5", "LOW_ACTIVITY").orElseThrow());
        List<Map<String, Object>> held = JsonPath.from(given().get("/api/v1/messages?limit=500").asString())
                .<Map<String, Object>>getList("").stream()
                .filter(m -> String.valueOf(m.get("error")).contains("incident " + id)).toList();
        assertEquals(2, held.size());
        held.forEach(m -> assertEquals("FAILED", m.get("status")));
    }

    @Test
    void collarsBehindHubsOfOneModelGoingQuietTogetherAreAStormOfThatModel() {
        givenTenHubsOfModel("pw-hub-x9");
        whenSixHubsCollarsGoQuiet("pw-hub-x9");

        thenTheFifthAndSixthAreHeld("pw-hub-x9", "HUB_MODEL", "pw-hub-x9",
                "5 of 10 known collars on hub model pw-hub-x9");
        assertEquals(0, JsonPath.from(given().get("/api/v1/incidents").asString()).<Map<String, Object>>getList("")
                .stream().filter(i -> String.valueOf(i.get("key")).startsWith("fw-own-")).count(),
                "each collar is on its own firmware: no firmware storm");
    }

    /**
     * Six households, each behind its own hub with one collar on {@code firmware}; every hub's census says it hears
     * {@code activePerHub} collars on that firmware (the neighbours' collars, which never alerted, among them).
     */
    private void givenSixHubsWhoseCensusCounts(String firmware, int activePerHub) {
        givenHouseholdsBehindHubsOfTheirOwn(firmware, 6, "+4477007");
        for (int i = 1; i <= 6; i++) {
            given().auth().preemptive().basic(firmware + "-hub-" + i, HUB_TOKEN).contentType("application/x-protobuf")
                    .body(HubCensus.newBuilder().setHubId(firmware + "-hub-" + i)
                            .setSentAtMs(Instant.now().toEpochMilli())
                            .setWindowMs(Duration.ofHours(24).toMillis()).addFirmware(FirmwareCount.newBuilder()
                                    .setFirmware(firmware).setCollars(activePerHub)).build().toByteArray())
                    .post("/api/v1/hubs/census").then().statusCode(204);
        }
    }

    private void whenTheSixHubsCollarsGoQuiet(String firmware) {
        for (int i = 1; i <= 6; i++) {
            String hub = firmware + "-hub-" + i;
            upload(hub, HUB_TOKEN, "", alert(firmware, i, AlertKind.LOW_ACTIVITY, hub).setCollarFirmware(firmware)
                    .build());
            String collar = firmware + "-collar-" + i;
            await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(collar, "LOW_ACTIVITY").isPresent());
        }
    }

    private static long incidentsOf(String firmware) {
        return JsonPath.from(given().get("/api/v1/incidents").asString()).<Map<String, Object>>getList("").stream()
                .filter(i -> firmware.equals(i.get("key"))).count();
    }

    @Test
    void sixSickPetsAmongSixtyActiveCollarsOfOneFirmwareAreNotAStorm() {
        givenSixHubsWhoseCensusCounts("fw-census-a", 10);
        whenTheSixHubsCollarsGoQuiet("fw-census-a");

        for (int i = 1; i <= 6; i++) {
            assertEquals("AWAITING_OWNER", statusOf("fw-census-a-collar-" + i, "LOW_ACTIVITY").orElseThrow(),
                    "6 of 60 active collars (10%) is ordinary illness: every owner is told");
        }
        assertEquals(0, incidentsOf("fw-census-a"));
    }

    @Test
    void aStormIsJudgedAgainstTheActiveCollarsTheHubsCount() {
        givenSixHubsWhoseCensusCounts("fw-census-b", 2);
        whenTheSixHubsCollarsGoQuiet("fw-census-b");

        thenTheFifthAndSixthAreHeld("fw-census-b", "FIRMWARE", "fw-census-b",
                "5 of 12 known collars on firmware fw-census-b");
    }

    @Test
    void behindHubsWithoutARecentCensusTheCollarsKnownHereCount() {
        givenSixHubsWhoseCensusCounts("fw-census-c", 10);
        jdbc.update("UPDATE hubs SET census_at = census_at - interval '4 hours' WHERE id LIKE 'fw-census-c-hub-%'");
        whenTheSixHubsCollarsGoQuiet("fw-census-c");

        thenTheFifthAndSixthAreHeld("fw-census-c", "FIRMWARE", "fw-census-c",
                "5 of 5 known collars on firmware fw-census-c");
    }

    @Inject
    HighHoldLimit highHoldLimit;

    @Test
    void aHighAlertHeldByASuspectedStormReachesItsOwnerAfterTheLimit() {
        givenTenCollarsOn("fw-storm-h");
        for (int i = 1; i <= 6; i++) {
            String collar = "fw-storm-h-collar-" + i;
            upload(alert("fw-storm-h", i, AlertKind.LOW_ACTIVITY).toBuilder()
                    .setSeverity(i == 6 ? Severity.HIGH : Severity.MEDIUM).build());
            await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(collar, "LOW_ACTIVITY").isPresent());
        }
        assertEquals("HELD", statusOf("fw-storm-h-collar-6", "LOW_ACTIVITY").orElseThrow());
        assertEquals(1, ((Number) incident("FIRMWARE", "fw-storm-h").get("heldHigh")).intValue(),
                "operators see the held HIGH alert at once");

        assertTrue(highHoldLimit.releaseOverdue(Instant.now()).isEmpty(), "not before the limit");
        List<Long> released = highHoldLimit.releaseOverdue(Instant.now().plus(Duration.ofMinutes(31)));

        assertEquals(1, released.size());
        assertEquals("AWAITING_OWNER", statusOf("fw-storm-h-collar-6", "LOW_ACTIVITY").orElseThrow());
        assertEquals("HELD", statusOf("fw-storm-h-collar-5", "LOW_ACTIVITY").orElseThrow(), "MEDIUM waits for the"
                + " operator");
        long caseId = released.get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> JsonPath.from(given().get("/api/v1/messages?limit=500")
                .asString()).<Map<String, Object>>getList("").stream().anyMatch(m -> m.get("caseId") != null
                        && ((Number) m.get("caseId")).longValue() == caseId && "SENT".equals(m.get("status"))));
        assertTrue(given().get("/api/v1/cases/" + caseId + "/events").asString().contains("RELEASED_TO_OWNER"));
        assertEquals("OPEN", incident("FIRMWARE", "fw-storm-h").get("status"), "the incident stays open");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("petwatch_storm_held_high"), "monitoring can page on held HIGH alerts");
        double releasedTotal = metrics.lines().filter(l -> l.startsWith("petwatch_storm_high_released_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(releasedTotal >= 1, "the release is counted: " + releasedTotal);
    }
}
