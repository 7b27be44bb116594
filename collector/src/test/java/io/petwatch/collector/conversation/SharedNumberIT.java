package io.petwatch.collector.conversation;

import static io.petwatch.collector.testing.PlaybookScenario.caseById;
import static io.petwatch.collector.testing.PlaybookScenario.caseFor;
import static io.petwatch.collector.testing.PlaybookScenario.id;
import static io.petwatch.collector.testing.PlaybookScenario.lethargy;
import static io.petwatch.collector.testing.PlaybookScenario.status;
import static io.petwatch.collector.testing.PlaybookScenario.textBack;
import static io.petwatch.collector.testing.PlaybookScenario.upload;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two customers on one phone number (a household, or a typo in the CRM), issue 15: one customer's STOP must not
 * silently decide for the other's conversation, nor a reply land on the wrong case.
 */
@QuarkusTest
class SharedNumberIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    Households households;
    @Inject
    Jdbc jdbc;

    private long texted(Household h) {
        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        long caseId = id(caseFor(h.collarId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> caseById(caseId).get("escalateAt") != null);
        return caseId;
    }

    private boolean consent(Household h) {
        return jdbc.first("SELECT sms_consent FROM customers WHERE id = ?", rs -> rs.getBoolean(1), h.customerId())
                .orElseThrow();
    }

    @Test
    void stopFromASharedNumberOptsOutEveryCustomerOnItAndTheTrailSaysSo() {
        String phone = Households.newPhone();
        Household mum = households.create("Biscuit", Optional.empty(), phone);
        Household son = households.create("Pickle", Optional.empty(), phone);
        long caseId = texted(mum);

        assertEquals(200, textBack(phone, "STOP", true));

        assertFalse(consent(mum));
        assertFalse(consent(son), "consent belongs to the number");
        String trail = given().get("/api/v1/cases/" + caseId + "/events").asString();
        assertTrue(trail.contains("from a number 2 customers share"), trail);
        assertEquals(200, textBack(phone, "START", true));
        assertTrue(consent(mum) && consent(son));
    }

    @Test
    void aReplyFromASharedNumberGoesToTheCustomerTextedLast() {
        String phone = Households.newPhone();
        Household texted = households.create("Mochi", Optional.empty(), phone);
        households.create("Pepper", Optional.empty(), phone); // never texted
        long caseId = texted(texted);

        assertEquals(200, textBack(phone, "she's fine now, thanks", true));

        assertEquals("OWNER_RESPONDED", status(caseId));
        assertEquals(texted.customerId(), jdbc.first("SELECT customer_id FROM inbound_messages WHERE from_number = ?",
                rs -> rs.getString(1), phone).orElseThrow());
    }

    @Test
    void aReplyFromASharedNumberNobodyWasTextedOnGoesToAnAgent() {
        String phone = Households.newPhone();
        households.create("Olive", Optional.empty(), phone);
        households.create("Juniper", Optional.empty(), phone);

        assertEquals(200, textBack(phone, "hello? is this about the dog", true));

        List<Map<String, Object>> tasks = JsonPath.from(given().get("/api/v1/agent-tasks?limit=500").asString())
                .getList("");
        Map<String, Object> task = tasks.stream().filter(t -> phone.equals(t.get("fromNumber"))).findFirst()
                .orElseThrow(() -> new AssertionError("no agent task for the shared number: " + tasks));
        assertEquals("SHARED_NUMBER", task.get("reason"));
        assertEquals(null, task.get("customerId"), "whose it is, a person decides");
    }
}
