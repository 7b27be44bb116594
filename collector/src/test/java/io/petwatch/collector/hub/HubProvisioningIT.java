package io.petwatch.collector.hub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hub provisioning on the real collector: a registered hub uploads with the token it was given once, pairing it
 * again stops the old token, revoking it stops every upload, and bad requests change nothing.
 */
@QuarkusTest
class HubProvisioningIT {
    @BeforeAll
    static void signedOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static String register(String hubId, String customerId) {
        return JsonPath.from(Staff.as("crm-sync").contentType("application/json")
                .body("{\"hubId\":\"" + hubId + "\",\"customerId\":\"" + customerId + "\"}").post("/api/v1/hubs")
                .then().statusCode(201).extract().asString()).getString("token");
    }

    /** An upload with one alert for a collar this hub does not have: authenticated, the alert itself refused. */
    private static Response upload(String hubId, String token) {
        Instant now = Instant.now();
        Alert alert = Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(hubId)
                .setCollarId("no-such-collar").setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING)
                .setSeverity(Severity.MEDIUM).setWindowStartMs(now.toEpochMilli() - 1)
                .setWindowEndMs(now.toEpochMilli()).setDetectedAtMs(now.toEpochMilli()).setDetector(Detector.newBuilder().setName("low-activity")).build();
        return given().auth().preemptive().basic(hubId, token).contentType("application/x-protobuf")
                .body(AlertBatch.newBuilder().setHubId(hubId).addAlerts(alert).build().toByteArray())
                .post("/api/v1/alerts");
    }

    @Test
    void aRegisteredHubUploadsWithTheTokenItWasGivenOnce() throws Exception {
        String token = register("hub-prov-1", "cus-001");

        byte[] body = upload("hub-prov-1", token).then().statusCode(200).extract().asByteArray();
        assertEquals(AlertResult.Outcome.REJECTED, AlertBatchResult.parseFrom(body).getResults(0).getOutcome(),
                "signed in as the hub; only the unknown collar is refused");
        upload("hub-prov-1", "a-guess").then().statusCode(401);
        String listed = Staff.as("eng-oncall").get("/api/v1/hubs").then().statusCode(200).extract().asString();
        assertTrue(listed.contains("\"hubId\":\"hub-prov-1\""), listed);
        assertTrue(listed.contains("\"customerId\":\"cus-001\""), listed);
        assertFalse(listed.contains(token), "the token is shown once, at registration, and never listed");
        assertTrue(token.length() >= 43, "256 random bits");
    }

    @Test
    void pairingAgainStopsTheOldTokenAndRevokingStopsEveryUpload() {
        String first = register("hub-prov-2", "cus-002");
        String second = JsonPath.from(Staff.as("eng-oncall").post("/api/v1/hubs/hub-prov-2/pair").then()
                .statusCode(200).extract().asString()).getString("token");

        upload("hub-prov-2", first).then().statusCode(401);
        upload("hub-prov-2", second).then().statusCode(200);

        Staff.as("eng-oncall").post("/api/v1/hubs/hub-prov-2/revoke").then().statusCode(200);
        upload("hub-prov-2", second).then().statusCode(401).body("error", containsString("revoked"));
        Staff.as("eng-oncall").post("/api/v1/hubs/hub-prov-2/revoke").then().statusCode(409);

        String third = JsonPath.from(Staff.as("eng-oncall").post("/api/v1/hubs/hub-prov-2/pair").then()
                .statusCode(200).extract().asString()).getString("token");
        upload("hub-prov-2", third).then().statusCode(200);
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndChangeNothing() {
        register("hub-prov-3", "cus-003");

        Staff.as("crm-sync").contentType("application/json").body("{\"hubId\":\"hub-prov-3\"}").post("/api/v1/hubs")
                .then().statusCode(409).body("error", containsString("/pair"));
        Staff.as("crm-sync").contentType("application/json").body("{\"hubId\":\"has space\"}").post("/api/v1/hubs")
                .then().statusCode(400).body("error", containsString("1 to 64"));
        Staff.as("crm-sync").contentType("application/json")
                .body("{\"hubId\":\"hub-prov-4\",\"customerId\":\"nobody\"}").post("/api/v1/hubs").then().statusCode(400).body("error", containsString("not known"));
        Staff.as("crm-sync").contentType("application/json").body("{}").post("/api/v1/hubs").then().statusCode(400);
        Staff.as("eng-oncall").post("/api/v1/hubs/hub-nobody/pair").then().statusCode(404);
        Staff.as("eng-oncall").post("/api/v1/hubs/hub-nobody/revoke").then().statusCode(404);
        Staff.as("sam").get("/api/v1/hubs").then().statusCode(403);
        given().get("/api/v1/hubs").then().statusCode(401);

        String listed = Staff.as("eng-oncall").get("/api/v1/hubs").asString();
        assertFalse(listed.contains("hub-prov-4"), listed);
        assertFalse(listed.contains("has space"), listed);
    }
}
