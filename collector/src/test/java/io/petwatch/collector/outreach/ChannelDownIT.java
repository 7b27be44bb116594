package io.petwatch.collector.outreach;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.FlakySmsSender;
import io.petwatch.collector.testing.HubUploads;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider that rejects our credentials takes its channel down for every instance: the texts stay QUEUED (not
 * failed one by one, not moved to another channel), operators see it in the health check, the metrics and the
 * channel list, other channels keep sending, and once the credentials work the waiting texts leave once each.
 */
@QuarkusTest
class ChannelDownIT {
    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,collar_id,hub_id\n";

    @Inject
    FlakySmsSender provider;
    @Inject
    MessageRelay relay;
    @Inject
    Jdbc jdbc;

    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @AfterEach
    void credentialsFixed() {
        provider.rejectCredentials(false);
        Staff.as("eng-oncall").post("/api/v1/channels/sms/retry");
        await().atMost(Duration.ofSeconds(20)).until(() -> smsUp());
    }

    private static void givenCustomer(String id, String channel) {
        given().contentType("text/csv").body(HEADER + String.format("%1$s,Nell,Gwyn,+4477008%2$05d,%1$s@example.com,"
                + "Europe/London,%3$s,yes,yes,,%1$s-pet,Bramble,dog,%1$s-collar,hub-demo%n", id,
                Math.abs(id.hashCode() % 90000), channel)).post("/api/v1/customers/import").then().statusCode(200);
    }

    private static List<Map<String, Object>> messagesOf(String id) {
        return JsonPath.from(given().get("/api/v1/messages?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(m -> ((String) m.get("customerId")).equals(id)).toList();
    }

    private static Map<String, Object> sms() {
        return JsonPath.from(given().get("/api/v1/channels").then().statusCode(200).extract().asString())
                .<Map<String, Object>>getList("channels").stream().filter(c -> "SMS".equals(c.get("channel")))
                .findFirst().orElseThrow();
    }

    private static boolean smsUp() {
        return Boolean.TRUE.equals(sms().get("up"));
    }

    @Test
    void rejectedCredentialsTakeTheChannelDownAndKeepItsTextsQueuedUntilTheyWork() {
        provider.rejectCredentials(true);
        givenCustomer("creds-1", "SMS");
        givenCustomer("creds-2", "EMAIL");
        HubUploads.lowActivity("creds-1-collar");
        HubUploads.lowActivity("creds-2-collar");

        await().atMost(Duration.ofSeconds(20)).until(() -> !smsUp());
        assertTrue(((String) sms().get("reason")).contains("HTTP 401"), String.valueOf(sms().get("reason")));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesOf("creds-2").stream()
                .anyMatch(m -> "SENT".equals(m.get("status"))));
        Map<String, Object> text = messagesOf("creds-1").get(0);
        assertEquals("QUEUED", text.get("status"), "a text is never failed for our own credentials");
        assertEquals("SMS", text.get("channel"));
        assertEquals(1, messagesOf("creds-1").size(), "no fallback to another channel: the message is fine");
        assertEquals(List.of("EMAIL"), messagesOf("creds-2").stream().map(m -> m.get("channel")).toList(),
                "the email channel kept going while SMS was down");

        given().get("/q/health/well").then().statusCode(503);
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("petwatch_channel_up{channel=\"SMS\"} 0.0"), "the SMS gauge reads 0");
        assertEquals(1, jdbc.count("SELECT count(*) FROM channel_events WHERE channel = 'SMS' AND status = 'DOWN'"
                + " AND reason LIKE '%HTTP 401%'"));

        relay.wake();
        assertEquals("QUEUED", messagesOf("creds-1").get(0).get("status"), "nothing is sent before the next probe");

        provider.rejectCredentials(false);
        Staff.as("eng-oncall").post("/api/v1/channels/sms/retry").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(messagesOf("creds-1").get(0).get("status")));
        assertTrue(smsUp());
        assertEquals(1, messagesOf("creds-1").size());
        given().get("/q/health/well").then().statusCode(200);
        assertEquals(1, jdbc.count("SELECT count(*) FROM channel_events WHERE channel = 'SMS' AND status = 'UP'"));
    }

    @Test
    void onlyAnOperatorRetriesAChannel() {
        Staff.as("sam").post("/api/v1/channels/sms/retry").then().statusCode(403);
        Staff.as("eng-oncall").post("/api/v1/channels/fax/retry").then().statusCode(404);
    }
}
