package io.petwatch.collector.staff;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.HubUploads;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, on the real collector: staff sign in with HTTP Basic, each endpoint admits its roles, actions are
 * recorded under the signed-in user, and hubs' credentials and staff logins never stand in for each other.
 */
@QuarkusTest
class StaffAccessIT {
    @BeforeAll
    static void signedOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static long caseOf(String collar) {
        return JsonPath.from(Staff.as("sam").get("/api/v1/cases?limit=500").asString())
                .<Map<String, Object>>getList("").stream().filter(c -> collar.equals(c.get("collarId")))
                .map(c -> ((Number) c.get("id")).longValue()).findFirst().orElseThrow();
    }

    @Test
    void theConsoleAsksForASignInAndRefusesAWrongPassword() {
        given().get("/api/v1/cases").then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm=\"PetWatch staff\""));
        given().auth().preemptive().basic("sam", "guess").get("/api/v1/cases").then().statusCode(401);
        Staff.as("sam").get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void eachRoleReachesOnlyItsOwnActions() {
        Staff.as("sam").contentType("application/json").body("{}").post("/api/v1/credits/1/approve").then()
                .statusCode(403);
        Staff.as("sam").contentType("text/csv").body("customer_id\n").post("/api/v1/customers/import").then()
                .statusCode(403);
        Staff.as("sam").contentType("application/json").body("{}").post("/api/v1/incidents/1/release").then()
                .statusCode(403);
        Staff.as("crm-sync").get("/api/v1/cases").then().statusCode(403);
        Staff.as("crm-sync").get("/api/v1/kpis").then().statusCode(403);
        Staff.as("eng-oncall").contentType("application/json").body("{\"outcome\":\"VET_BOOKED\"}")
                .post("/api/v1/cases/1/outcome").then().statusCode(403);
        Staff.as("lee").get("/api/v1/agent-queue").then().statusCode(200);
        Staff.as("eng-oncall").get("/api/v1/incidents").then().statusCode(200);
    }

    @Test
    void anActionIsRecordedUnderTheSignedInUserAndCannotClaimAnother() {
        Staff.as("crm-sync").contentType("text/csv").body("customer_id,first_name,last_name,mobile,pet_id,pet_name,"
                + "species,collar_id,hub_id,sms_consent\n"
                + "staff-1,Ada,Lane,+447700955501,staff-1-pet,Moss,dog,staff-1-collar,hub-demo,yes\n")
                .post("/api/v1/customers/import").then().statusCode(200);
        HubUploads.lowActivity("staff-1-collar");
        await().atMost(Duration.ofSeconds(20)).until(() -> Staff.as("sam").get("/api/v1/cases?limit=500").asString()
                .contains("staff-1-collar"));
        long caseId = caseOf("staff-1-collar");

        Staff.as("sam").contentType("application/json")
                .body("{\"amountCents\":500,\"grantedBy\":\"lee\",\"reason\":\"goodwill\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(403)
                .body("error", containsString("signed in as 'sam'"));
        Staff.as("sam").contentType("application/json").body("{\"amountCents\":500,\"reason\":\"goodwill\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(201);

        List<String> details = JsonPath.from(Staff.as("sam").get("/api/v1/cases/" + caseId + "/events").asString())
                .getList("detail");
        assertTrue(details.stream().anyMatch(d -> d.startsWith("sam granted")),
                details.toString());
    }

    @Test
    void hubAndStaffCredentialsDoNotStandInForEachOther() {
        given().auth().preemptive().basic("hub-demo", "demo-hub-token").get("/api/v1/cases").then().statusCode(401);
        Staff.as("tester").contentType("application/x-protobuf").body(new byte[] {0x0a, 0x00})
                .post("/api/v1/alerts").then().statusCode(401).body("error", containsString("unknown hub"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
