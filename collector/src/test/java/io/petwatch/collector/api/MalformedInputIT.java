package io.petwatch.collector.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.outreach.TwilioSignature;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.HubUploads;
import io.petwatch.collector.testing.LogCapture;
import io.petwatch.collector.testing.RawHttp;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and unstorable input on every endpoint that takes it: a 400 (or the CRM import's 422) naming the field,
 * nothing stored, never a 500, and one log line without a stack trace.
 */
@QuarkusTest
class MalformedInputIT {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String WEBHOOK = "http://localhost:8080/api/v1/sms/inbound";
    private static final String CRM_HEADER = "customer_id,first_name,last_name,mobile,pet_id,pet_name,species,"
            + "collar_id,hub_id,sms_consent\n";

    @Inject
    Jdbc jdbc;

    @BeforeAll
    static void signedOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static RequestSpecification as(String user) {
        return Staff.as(user).urlEncodingEnabled(false);
    }

    private static Alert.Builder alert(String collarId) {
        return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId("hub-demo").setCollarId(collarId)
                .setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING).setSeverity(Severity.MEDIUM)
                .setWindowStartMs(1_700_000_000_000L).setWindowEndMs(1_700_172_800_000L)
                .setDetectedAtMs(1_700_172_800_000L).setSummary("activity at 30%")
                .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"));
    }

    private static io.restassured.response.Response upload(Alert... alerts) {
        return given().auth().preemptive().basic("hub-demo", "demo-hub-token").contentType(PROTOBUF)
                .body(AlertBatch.newBuilder().setHubId("hub-demo").addAllAlerts(List.of(alerts)).build().toByteArray())
                .post("/api/v1/alerts");
    }

    private static String signedForm(Map<String, String> form) {
        return new TwilioSignature("dev-auth-token").sign(WEBHOOK, form);
    }

    @Test
    void aNulInAPathIsA400NamingTheParameter() {
        as("eng-oncall").post("/api/v1/hubs/%00/pair").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("path parameter id: contains a control character (U+0000)"));
        as("eng-oncall").post("/api/v1/hubs/hub-demo%00/revoke").then().statusCode(400)
                .body("error", equalTo("path parameter id: contains a control character (U+0000)"));
        as("tester").get("/api/v1/alerts/%00").then().statusCode(400)
                .body("error", equalTo("path parameter alertId: contains a control character (U+0000)"));
        as("tester").get("/api/v1/kpis?from=%00").then().statusCode(400)
                .body("error", equalTo("query parameter from: contains a control character (U+0000)"));
        assertEquals(0, jdbc.count("SELECT count(*) FROM hubs WHERE revoked_at IS NOT NULL AND id = 'hub-demo'"),
                "hub-demo was not revoked");
    }

    @Test
    void anAlertWithANulInItsFirmwareRefusesTheWholeUploadAndStoresNothing() {
        Alert good = alert("collar-016").build();
        Alert poison = alert("collar-017").setCollarFirmware("fw-1.2\u0000evil").build();

        upload(good, poison).then().statusCode(400).contentType("application/json")
                .body("error", equalTo("alerts[1].collar_firmware: contains a control character (U+0000)"));

        Staff.as("tester").get("/api/v1/alerts/" + good.getAlertId()).then().statusCode(404);
        assertEquals(0, jdbc.count("SELECT count(*) FROM alerts WHERE alert_id IN (?, ?)", good.getAlertId(),
                poison.getAlertId()));
    }

    @Test
    void aNulInTheHubIdOfTheCredentialsIsAWrongCredentialNotAServerError() {
        given().auth().preemptive().basic("hub-demo\u0000", "demo-hub-token").contentType(PROTOBUF)
                .body(AlertBatch.newBuilder().addAlerts(alert("collar-016")).build().toByteArray())
                .post("/api/v1/alerts").then().statusCode(401).body("error", startsWith("unknown hub or wrong token"));
    }

    @Test
    void anUploadWithAMalformedAlertIdOrOverlongSummaryIsRefusedNamingIt() {
        upload(alert("collar-016").setAlertId("not an id").build()).then().statusCode(400)
                .body("error", startsWith("alerts[0].alert_id: must be 1 to 64 letters, digits"));
        upload(alert("collar-016").build(), alert("collar-016").setSummary("s".repeat(501)).build()).then()
                .statusCode(400).body("error", equalTo("alerts[1].summary: must be at most 500 characters, was 501"));
    }

    @Test
    void anUndecodableFormOnTheSmsWebhookIsA400BeforeItsSignatureIsChecked() {
        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/sms/inbound", "From=%zz&Body=%",
                "Content-Type: application/x-www-form-urlencoded");

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("\"error\":\"form: is not application/x-www-form-urlencoded"),
                answer.body());
    }

    @Test
    void aSignedTextWithAControlCharacterIsA400NamingTheFieldAndAnUnsignedOneA403() {
        Map<String, String> form = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", "+447700900101\u0000", "To", "+447700900000", "Body", "yes");

        given().header("X-Twilio-Signature", signedForm(form)).formParams(form).post("/api/v1/sms/inbound").then()
                .statusCode(400).body("error", equalTo("From: contains a control character (U+0000)"));
        given().header("X-Twilio-Signature", "forged=").formParams(form).post("/api/v1/sms/inbound").then()
                .statusCode(403);
        assertEquals(0, jdbc.count("SELECT count(*) FROM inbound_messages WHERE provider_sid = ?",
                form.get("MessageSid")));
    }

    @Test
    void jsonThatCannotBeReadIsA400NamingTheField() {
        as("eng-oncall").contentType("application/json").body("{").post("/api/v1/hubs").then().statusCode(400)
                .body("error", startsWith("body: is not valid JSON (line 1, column 2)"));
        as("eng-oncall").contentType("application/json").body("{\"hubId\": [1]}").post("/api/v1/hubs").then()
                .statusCode(400).body("error", equalTo("hubId: has the wrong JSON type: expected a string"));
        as("sam").contentType("application/json").body("{\"amountCents\": 99999999999999, \"reason\": \"x\"}")
                .post("/api/v1/cases/1/credits").then().statusCode(400)
                .body("error", equalTo("amountCents: is out of range for a whole number up to 2147483647"));
        as("lee").contentType("application/json").body("[").post("/api/v1/credits/1/approve").then()
                .statusCode(400).body("error", startsWith("body: "));
        as("eng-oncall").contentType("application/json")
                .body(new byte[] {'{', '"', 'h', 'u', 'b', 'I', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'})
                .post("/api/v1/hubs").then().statusCode(400).body("error", startsWith("hubId: is not valid JSON"));
    }

    @Test
    void aHubRegistrationNamingAnUnstorableCustomerIsRefusedAndNothingRegistered() {
        as("crm-sync").contentType("application/json")
                .body("{\"hubId\": \"hub-nul-1\", \"customerId\": \"cus-001\\u0000\"}").post("/api/v1/hubs").then()
                .statusCode(400).body("error", equalTo("customerId: contains a control character (U+0000)"));

        assertEquals(0, jdbc.count("SELECT count(*) FROM hubs WHERE id = 'hub-nul-1'"));
    }

    @Test
    void aNoteOrReasonThatCannotBeStoredLeavesTheCaseAsItWas() {
        as("crm-sync").contentType("text/csv").body(CRM_HEADER
                + "nul-1,Ada,Lane,+447700955601,nul-1-pet,Moss,dog,nul-1-collar,hub-demo,yes\n")
                .post("/api/v1/customers/import").then().statusCode(200);
        HubUploads.lowActivity("nul-1-collar");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count(
                "SELECT count(*) FROM outreach_cases WHERE collar_id = 'nul-1-collar'") == 1);
        long caseId = jdbc.first("SELECT id FROM outreach_cases WHERE collar_id = 'nul-1-collar'",
                rs -> rs.getLong(1)).orElseThrow();

        as("sam").contentType("application/json").body("{\"outcome\": \"VET_BOOKED\", \"note\": \"booked\\u0000\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(400)
                .body("error", equalTo("note: contains a control character (U+0000)"));
        as("sam").contentType("application/json").body("{\"amountCents\": 500, \"reason\": \"goodwill\\u0000\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(400)
                .body("error", equalTo("reason: contains a control character (U+0000)"));

        assertEquals(1, jdbc.count("SELECT count(*) FROM outreach_cases WHERE id = ? AND outcome IS NULL", caseId));
        assertEquals(0, jdbc.count("SELECT count(*) FROM case_events WHERE case_id = ? AND (kind = 'OUTCOME'"
                + " OR kind LIKE 'CREDIT%')", caseId));
        assertEquals(0, jdbc.count("SELECT count(*) FROM credits WHERE case_id = ?", caseId));
        as("sam").contentType("application/json").body("{\"outcome\": \"VET_BOOKED\", \"note\": \"booked for Monday,"
                + "\\nowner relieved\"}").post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(200);
    }

    @Test
    void aCrmImportWithAControlCharacterRejectsItsRowNamingTheColumn() {
        JsonPath csv = JsonPath.from(as("crm-sync").contentType("text/csv").body(CRM_HEADER
                + "nul-2,A\u0000da,Lane,+447700955602,nul-2-pet,Moss,dog,,,yes\n").post("/api/v1/customers/import")
                .then().statusCode(422).extract().asString());
        JsonPath json = JsonPath.from(as("crm-sync").contentType("application/json").body("[{\"customer_id\": \"nul-3\","
                + " \"first_name\": \"Ada\", \"last_name\": \"La\\u0007ne\", \"mobile\": \"+447700955603\","
                + " \"pet_id\": \"nul-3-pet\", \"pet_name\": \"Moss\", \"species\": \"dog\"}]")
                .post("/api/v1/customers/import").then().statusCode(422).extract().asString());

        assertTrue(csv.getList("rejected[0].reasons").contains("first_name: contains a control character (U+0000)"),
                csv.prettify());
        assertTrue(json.getList("rejected[0].reasons").contains("last_name: contains a control character (U+0007)"),
                json.prettify());
        assertEquals(0, jdbc.count("SELECT count(*) FROM customers WHERE id IN ('nul-2', 'nul-3')"));
    }

    @Test
    void malformedNumbersInPathsAndQueriesAre400sNamingTheParameter() {
        as("tester").get("/api/v1/alerts?limit=abc").then().statusCode(400)
                .body("error", equalTo("limit: must be a whole number between 1 and 500, was 'abc'"));
        as("tester").get("/api/v1/cases/abc").then().statusCode(400).body("error", startsWith("id: must be a whole"));
        as("tester").get("/api/v1/cases/99999999999999999999/events").then().statusCode(400)
                .body("error", startsWith("id: must be a whole"));
        as("eng-oncall").contentType("application/json").body("{}").post("/api/v1/incidents/-1/release").then()
                .statusCode(400).body("error", startsWith("id: must be between 1"));
    }

    @Test
    void wrongPathsMethodsAndContentTypesAreAnsweredInJson() {
        as("tester").get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("no such resource: GET /api/v1/no-such-thing"));
        as("tester").delete("/api/v1/alerts").then().statusCode(405).contentType("application/json");
        given().auth().preemptive().basic("hub-demo", "demo-hub-token").contentType("text/plain").body("x")
                .post("/api/v1/alerts").then().statusCode(415).contentType("application/json")
                .body("error", startsWith("content type 'text/plain"));
    }

    @Test
    void clientErrorsAreLoggedInOneLineWithoutAStackTraceWhileServerFaultsKeepTheirs() {
        List<LogRecord> records;
        try (LogCapture log = LogCapture.start()) {
            as("eng-oncall").post("/api/v1/hubs/%00/pair").then().statusCode(400);
            RawHttp.send("POST", "/api/v1/sms/inbound", "From=%zz", "Content-Type: application/x-www-form-urlencoded");
            upload(alert("collar-018").setCollarFirmware("fw-1.2\u0000evil").build()).then().statusCode(400);
            as("eng-oncall").contentType("application/json").body("{").post("/api/v1/hubs").then().statusCode(400);
            assertEquals(400, RawHttp.send("GET", "/api/v1/alerts/%zz", "", "Authorization: " + RawHttp.tester())
                    .status(), "an escape that is not hex: Quarkus refuses the request line itself");
            List<LogRecord> clientErrors = log.of(ClientErrors.class.getName());
            assertEquals(4, clientErrors.size(), clientErrors.stream().map(LogRecord::getMessage).toList().toString());
            assertTrue(clientErrors.stream().allMatch(r -> r.getLevel().intValue() == Level.INFO.intValue()
                    && r.getThrown() == null), "one line at INFO each");
            assertTrue(clientErrors.stream().noneMatch(r -> formatted(r).contains("\u0000")
                    || formatted(r).contains("\n")), "nothing unprintable reaches the log");
            assertTrue(log.records().stream().noneMatch(r -> r.getThrown() != null),
                    "no stack trace for a client error");

            given().get("/test-only/fault").then().statusCode(500);
            records = log.records();
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()
                        && r.getThrown() instanceof IllegalStateException),
                "a server fault is still logged at ERROR with its stack trace");
    }

    private static String formatted(LogRecord record) {
        return record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : record.getMessage();
    }
}
