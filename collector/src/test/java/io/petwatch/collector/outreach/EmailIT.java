package io.petwatch.collector.outreach;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.HubUploads;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Email and channel coordination on the real PostgreSQL and a real SMTP server (GreenMail): one message per step, on
 * the owner's preferred consented channel, and the next channel only when the first cannot be used.
 */
@QuarkusTest
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
class EmailIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,collar_id,hub_id\n";

    @Inject
    Jdbc jdbc;
    @Inject
    TestClock clock;
    @Inject
    MessageRelay relay;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void givenCustomer(String id, String channel, String smsConsent, String quiet) {
        given().contentType("text/csv").body(HEADER + String.format("%1$s,Nell,Gwyn,+4477009%2$05d,%1$s@example.com,"
                + "Europe/London,%3$s,%4$s,yes,%5$s,%1$s-pet,Bramble,dog,%1$s-collar,hub-demo%n", id,
                Math.abs(id.hashCode() % 90000), channel, smsConsent, quiet)).post("/api/v1/customers/import")
                .then().statusCode(200);
    }

    private static void alertFor(String id) {
        HubUploads.lowActivity(id + "-collar");
    }

    private static List<Map<String, Object>> messagesOf(String id) {
        return JsonPath.from(given().get("/api/v1/messages?limit=500").asString()).<Map<String, Object>>getList("")
                .stream().filter(m -> ((String) m.get("customerId")).equals(id)).toList();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailResource.smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    /**
     * Waits for the first mail to arrive. The first send after start-up opens the SMTP client, which on a busy CI
     * machine can take a while; a timeout says what the outbox held instead of only "not fulfilled".
     */
    private static void awaitMailFor(String id) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertFalse(
                mailTo(id + "@example.com").isEmpty(), () -> "no mail yet; the outbox holds " + messagesOf(id)));
    }

    @Test
    void anOwnerWhoPrefersEmailGetsTheTriageByEmailAndNoText() throws Exception {
        givenCustomer("mail-1", "EMAIL", "yes", "");
        alertFor("mail-1");

        awaitMailFor("mail-1");
        assertEquals(1, mailTo("mail-1@example.com").size(), "one email, not a retry's second copy");
        MimeMessage mail = mailTo("mail-1@example.com").get(0);
        assertTrue(mail.getContent().toString().contains("Bramble has been much less active than usual"));
        assertEquals("A note from PetWatch", mail.getSubject());
        List<Map<String, Object>> messages = messagesOf("mail-1");
        assertEquals(1, messages.size(), "one message per step, never the same on two channels");
        assertEquals("EMAIL", messages.get(0).get("channel"));
        assertEquals("SENT", messages.get(0).get("status"));
    }

    @Test
    void anOwnerWhoOptedOutOfTextsIsEmailedInstead() {
        givenCustomer("mail-2", "SMS", "no", "");
        alertFor("mail-2");

        awaitMailFor("mail-2");
        assertEquals(1, mailTo("mail-2@example.com").size(), "one email, not a retry's second copy");
        assertEquals(List.of("EMAIL"), messagesOf("mail-2").stream().map(m -> m.get("channel")).toList());
    }

    @Test
    void consentWithdrawnBeforeAHeldEmailLeavesFallsBackToATextOnce() {
        clock.set(Instant.parse("2026-06-10T21:00:00Z")); // 22:00 in London: inside 21:30-08:00
        givenCustomer("mail-3", "EMAIL", "yes", "21:30-08:00");
        alertFor("mail-3");
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesOf("mail-3").size() == 1);
        jdbc.update("UPDATE customers SET email_consent = false WHERE id = 'mail-3'");

        clock.set(Instant.parse("2026-06-11T07:00:30Z"));
        relay.wake();
        relay.wake();

        List<Map<String, Object>> messages = messagesOf("mail-3");
        assertEquals(2, messages.size());
        Map<String, Object> email = messages.stream().filter(m -> "EMAIL".equals(m.get("channel"))).findFirst()
                .orElseThrow();
        Map<String, Object> text = messages.stream().filter(m -> "SMS".equals(m.get("channel"))).findFirst()
                .orElseThrow();
        assertEquals("FAILED", email.get("status"));
        assertEquals("SENT", text.get("status"));
        assertEquals(0, mailTo("mail-3@example.com").size());
    }

    @Test
    void aMailServerOutageKeepsTheEmailQueuedAndVisibleUntilItLeavesOnce() {
        GreenMailResource.outage();
        try {
            givenCustomer("mail-4", "EMAIL", "yes", "");
            alertFor("mail-4");
            await().atMost(Duration.ofSeconds(30)).until(() -> messagesOf("mail-4").stream()
                    .anyMatch(m -> m.get("error") != null));
            Map<String, Object> waiting = messagesOf("mail-4").get(0);
            assertEquals("QUEUED", waiting.get("status"));
            assertEquals("EMAIL", waiting.get("channel"));
            assertTrue(((String) waiting.get("error")).contains("SMTP failed"), (String) waiting.get("error"));
        } finally {
            GreenMailResource.recover();
        }

        // Past the retry backoff each time: the email channel's circuit breaker may still be open for a moment.
        clock.set(Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofMinutes(15));
            relay.wake();
            return "SENT".equals(messagesOf("mail-4").get(0).get("status"));
        });

        List<Map<String, Object>> messages = messagesOf("mail-4");
        assertEquals(1, messages.size(), "the email was not given up for a text while the server was down");
        assertEquals("SENT", messages.get(0).get("status"));
        assertEquals(1, mailTo("mail-4@example.com").size());
    }
}
