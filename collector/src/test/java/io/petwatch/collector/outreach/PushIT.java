package io.petwatch.collector.outreach;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.HubUploads;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Push through the FCM adapter to a local server playing FCM, on the real PostgreSQL: an owner who prefers the app
 * is reached there and nowhere else; a token FCM no longer knows falls back to a text, once.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFcmResource.class, restrictToAnnotatedClass = true)
class PushIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,push_consent,push_token,pet_id,pet_name,species,collar_id,hub_id\n";

    private static void givenAppUser(String id, String token) {
        given().contentType("text/csv").body(HEADER + String.format("%1$s,Ada,Okafor,+4477009%2$05d,,Europe/London,"
                + "PUSH,yes,no,yes,%3$s,%1$s-pet,Pickle,cat,%1$s-collar,hub-demo%n", id,
                Math.abs(id.hashCode() % 90000), token)).post("/api/v1/customers/import").then().statusCode(200);
    }

    private static void alertFor(String id) {
        HubUploads.lowActivity(id + "-collar");
    }

    private static List<Map<String, Object>> messagesOf(String id) {
        return JsonPath.from(given().get("/api/v1/messages?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(m -> id.equals(m.get("customerId"))).toList();
    }

    @Test
    void anOwnerWhoPrefersTheAppGetsTheTriageAsAPushAndNoText() {
        givenAppUser("push-1", "device-token-push-1");
        alertFor("push-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> FakeFcmResource.delivered.stream()
                .anyMatch(m -> m.get("token").asText().equals("device-token-push-1")));
        String body = FakeFcmResource.delivered.stream().filter(m -> m.get("token").asText()
                .equals("device-token-push-1")).findFirst().orElseThrow().get("notification").get("body").asText();
        assertTrue(body.contains("Pickle has been much less active than usual"), body);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(messagesOf("push-1").get(0).get("status")));
        List<Map<String, Object>> messages = messagesOf("push-1");
        assertEquals(1, messages.size(), "one message per step, never the same on two channels");
        assertEquals("PUSH", messages.get(0).get("channel"));
    }

    @Test
    void aTokenFcmNoLongerKnowsFallsBackToATextOnce() {
        givenAppUser("push-2", "stale-token");
        alertFor("push-2");

        await().atMost(Duration.ofSeconds(20)).until(() -> messagesOf("push-2").stream()
                .anyMatch(m -> "SMS".equals(m.get("channel")) && "SENT".equals(m.get("status"))));
        List<Map<String, Object>> messages = messagesOf("push-2");
        assertEquals(2, messages.size());
        Map<String, Object> push = messages.stream().filter(m -> "PUSH".equals(m.get("channel"))).findFirst()
                .orElseThrow();
        assertEquals("FAILED", push.get("status"));
        assertTrue(String.valueOf(push.get("error")).contains("UNREGISTERED"), push.toString());
    }
}
