package io.petwatch.collector.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.petwatch.collector.outreach.TwilioSignature;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Given / when helpers for playbook scenarios against the running test collector: alerts uploaded as a hub, owners
 * texting back through the signed webhook, and the console API read back. Staff must be signed in
 * ({@link Staff#signInAsTester()}).
 */
public final class PlaybookScenario {
    private static final String WEBHOOK = "http://localhost:8080/api/v1/sms/inbound";
    private static final TwilioSignature TWILIO = new TwilioSignature("dev-auth-token");

    private PlaybookScenario() {
    }

    public static Alert alert(String hub, String collar, AlertState state, Severity severity, AlertKind kind) {
        Instant episode = Instant.parse("2026-05-01T06:00:00Z");
        return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(hub).setCollarId(collar)
                .setKind(kind).setState(state).setSeverity(severity).setWindowStartMs(episode.toEpochMilli())
                .setWindowEndMs(episode.plus(Duration.ofHours(48)).toEpochMilli())
                .setDetectedAtMs(episode.plus(Duration.ofHours(48)).toEpochMilli())
                .setDetector(Detector.newBuilder().setName(kind == AlertKind.LOW_ACTIVITY ? "low-activity" : "device")
                        .setVersion("1"))
                .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f).setWornCoverage(1f))
                .setSummary("activity at 30% of this pet's usual level for the last 48 h").build();
    }

    public static Alert lethargy(String collar, Severity severity) {
        return alert("hub-demo", collar, AlertState.FIRING, severity, AlertKind.LOW_ACTIVITY);
    }

    public static void upload(String hub, String token, Alert alert) {
        given().auth().preemptive().basic(hub, token).contentType("application/x-protobuf")
                .body(AlertBatch.newBuilder().setHubId(hub).addAlerts(alert).build().toByteArray())
                .post("/api/v1/alerts").then().statusCode(200);
    }

    public static Map<String, Object> caseFor(String collar) {
        await().atMost(Duration.ofSeconds(20)).until(() -> cases().stream().anyMatch(c -> collar.equals(c.get("collarId"))));
        return cases().stream().filter(c -> collar.equals(c.get("collarId"))).findFirst().orElseThrow();
    }

    public static Map<String, Object> caseById(long id) {
        return JsonPath.from(given().get("/api/v1/cases/" + id).then().statusCode(200).extract().asString()).getMap("");
    }

    public static List<Map<String, Object>> cases() {
        return JsonPath.from(given().get("/api/v1/cases?limit=500").asString()).getList("");
    }

    public static List<Map<String, Object>> messagesTo(String phone) {
        return JsonPath.from(given().get("/api/v1/messages?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(m -> phone.equals(m.get("recipient"))).toList();
    }

    public static List<String> eventKinds(long caseId) {
        return JsonPath.from(given().get("/api/v1/cases/" + caseId + "/events").asString()).getList("kind");
    }

    public static long id(Map<String, Object> c) {
        return ((Number) c.get("id")).longValue();
    }

    public static int textBack(String from, String body, boolean signed) {
        Map<String, String> form = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "AccountSid", "ACtest", "From", from.replace(" ", ""), "To", "+447700900000", "Body", body);
        return given().header("X-Twilio-Signature", signed ? TWILIO.sign(WEBHOOK, form) : "forged=")
                .formParams(form).post("/api/v1/sms/inbound").statusCode();
    }

    public static String status(long caseId) {
        return (String) caseById(caseId).get("status");
    }
}
