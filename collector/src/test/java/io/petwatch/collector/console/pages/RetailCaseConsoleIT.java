package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TriggerScenario;
import io.petwatch.collector.testing.TriggerScenario.Customer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A retail trigger's case (no pet, no collar) in the console: the case page, the queue, the approvals and the JSON
 * API show its signal and subject where a collar's case shows the pet, and nothing breaks for want of one.
 */
@QuarkusTest
class RetailCaseConsoleIT {
    @BeforeAll
    static void api() {
        Staff.signInAsTester();
    }

    @Inject
    TriggerScenario scenario;

    @Test
    void aParcelCaseShowsItsSignalAndSubjectOnEveryPage() {
        Customer robin = scenario.customer();
        String subject = "1ZCON" + robin.id().substring(5).toUpperCase();
        scenario.raise(robin, "PARCEL_MISSING", subject, Map.of("carrier", "USPS", "tracking_code", subject,
                "delivered_at", "2026-12-03T09:30:00Z"));
        long caseId = scenario.caseOf(robin, "PARCEL_MISSING", subject).id();
        ConsoleSignIn sam = ConsoleSignIn.as("sam");

        String page = given().auth().none().cookies(sam.cookies()).get("/console/cases/" + caseId).then()
                .statusCode(200).extract().asString();
        assertTrue(page.contains("Case #" + caseId + ": DELIVERY " + subject), "title and heading");
        assertTrue(page.contains("What happened"), "a trigger's evidence, not the collar's");
        assertFalse(page.contains("activity-chart"), "no chart of a collar's hours");
        assertTrue(page.contains("id=\"case-about\">DELIVERY " + subject), "the subject where the pet would be");
        assertTrue(page.contains("Call guide") && page.contains("the parcel USPS marked delivered"), "its agent guide");

        String queue = given().auth().none().cookies(sam.cookies()).get("/console/queue?kind=PARCEL_MISSING").then()
                .statusCode(200).extract().asString();
        assertTrue(queue.contains("data-case=\"" + caseId + "\""), "the case waits for its customer in the queue");
        assertTrue(queue.contains("DELIVERY " + subject + ", Robin Ash"), queue);

        String approvals = given().auth().none().cookies(ConsoleSignIn.as("lee").cookies()).get("/console/approvals")
                .then().statusCode(200).extract().asString();
        assertTrue(approvals.contains("35.00 for DELIVERY " + subject + " (Robin Ash)"), "the make-good to approve");

        Map<String, Object> api = JsonPath.from(given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().asString()).getMap("");
        assertEquals("DELIVERY", api.get("signal"));
        assertEquals(subject, api.get("subject"));
        assertEquals("lost-maybe", api.get("rule"));
        assertNull(api.get("petName"));
        assertNull(api.get("collarId"));
        given().get("/api/v1/alerts/" + api.get("openedByAlert")).then().statusCode(200);
        given().auth().none().cookies(sam.cookies()).get("/console/cases/" + caseId + "/activity").then()
                .statusCode(200);
    }
}
