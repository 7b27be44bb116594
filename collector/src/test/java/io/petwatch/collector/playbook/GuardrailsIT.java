package io.petwatch.collector.playbook;

import static io.petwatch.collector.testing.PlaybookScenario.alert;
import static io.petwatch.collector.testing.PlaybookScenario.caseById;
import static io.petwatch.collector.testing.PlaybookScenario.cases;
import static io.petwatch.collector.testing.PlaybookScenario.id;
import static io.petwatch.collector.testing.PlaybookScenario.lethargy;
import static io.petwatch.collector.testing.PlaybookScenario.messagesTo;
import static io.petwatch.collector.testing.PlaybookScenario.upload;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guardrails as invariants (issue 15), each against a defect seen on main: credits, caps per kind of outreach. */
@QuarkusTest
class GuardrailsIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    Households households;

    private long openCase(Household h) {
        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(20)).until(() -> cases().stream()
                .anyMatch(c -> h.collarId().equals(c.get("collarId"))));
        return id(cases().stream().filter(c -> h.collarId().equals(c.get("collarId"))).findFirst().orElseThrow());
    }

    private static String grant(long caseId, int cents) {
        return Staff.as("sam").contentType("application/json")
                .body("{\"amountCents\":" + cents + ",\"reason\":\"goodwill\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().extract().path("status");
    }

    @Test
    void splittingACreditIntoSeveralGrantsDoesNotBypassTheCap() {
        long caseId = openCase(households.create("Nala", Optional.empty()));

        assertEquals("GRANTED", grant(caseId, 1500));
        assertEquals("PENDING_APPROVAL", grant(caseId, 1500), "1,500 + 1,500 is past the case's cap of 2,500");
        assertEquals("GRANTED", grant(caseId, 1000), "what is left under the cap may still be granted alone");
    }

    @Test
    void noCreditOnAClosedCase() {
        long caseId = openCase(households.create("Rolo", Optional.empty()));
        Staff.as("sam").contentType("application/json").body("{\"outcome\":\"OWNER_REASSURED\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(200);

        Staff.as("sam").contentType("application/json").body("{\"amountCents\":500,\"reason\":\"sorry\"}")
                .post("/api/v1/cases/" + caseId + "/credits").then().statusCode(409)
                .body("error", is("case " + caseId + " is closed: no credit can be granted on it"));
    }

    @Test
    void deviceNudgesDoNotUseUpTheRoomForAHealthMessage() {
        Household h = households.create("Scout", Optional.empty());
        for (AlertKind device : List.of(AlertKind.BATTERY_LOW, AlertKind.COLLAR_OFF, AlertKind.SENSOR_STUCK)) {
            Alert nudge = alert("hub-demo", h.collarId(), AlertState.FIRING, Severity.LOW, device);
            upload("hub-demo", "demo-hub-token", nudge);
            await().atMost(Duration.ofSeconds(20)).until(() -> "TRIAGED".equals(given()
                    .get("/api/v1/alerts/" + nudge.getAlertId()).then().extract().path("status")));
        }
        assertEquals(2, messagesTo(h.phone()).size(), "the device cap is 2 nudges a day");

        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(20)).until(() -> cases().stream()
                .anyMatch(c -> h.collarId().equals(c.get("collarId")) && "LOW_ACTIVITY".equals(c.get("kind"))));
        Map<String, Object> lethargy = cases().stream()
                .filter(c -> h.collarId().equals(c.get("collarId")) && "LOW_ACTIVITY".equals(c.get("kind")))
                .findFirst().orElseThrow();
        assertEquals("AWAITING_OWNER", lethargy.get("status"), (String) caseById(id(lethargy)).get("decision"));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(h.phone()).stream()
                .anyMatch(m -> ((String) m.get("template")).startsWith("vet-triage")));
        assertTrue(messagesTo(h.phone()).size() == 3);
    }
}
