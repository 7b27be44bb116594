package io.petwatch.collector.outreach;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.HubUploads;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A text due at once is leased to the instance whose triage queued it, in the same insert, and handed to that
 * instance's relay after the commit: no other relay claims it while the lease stands, and if the handing-over never
 * happens (the instance died) any relay sends it once the lease has run out. A text due later is not leased.
 */
@QuarkusTest
class RelayLeaseIT {
    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,collar_id,hub_id\n";

    @Inject
    Outbox outbox;
    @Inject
    TestClock clock;
    @Inject
    Jdbc jdbc;

    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aTextDueAtOnceIsLeasedAsItIsQueuedAndClaimedByAnyRelayOnlyOnceTheLeaseRunsOut() {
        long caseId = givenACaseWhoseFirstTextLeft("lease-1");
        Instant now = clock.instant();

        Optional<Outbox.Queued> dueNow = queue(caseId, "lease-test-now", now);
        Optional<Outbox.Queued> dueLater = queue(caseId, "lease-test-later", now.plus(Duration.ofHours(1)));

        assertTrue(dueNow.orElseThrow().leased(), "a text due at once is leased as it is queued");
        assertFalse(dueLater.orElseThrow().leased(), "a text due later waits for a claim when it is due");
        // Never handed to this relay (as if the instance had died after the commit): the lease keeps every relay off
        // it, the scheduled claims included.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> status(dueNow.get().messageId()).equals("QUEUED"));

        clock.set(now.plus(Duration.ofSeconds(61)));

        await().atMost(Duration.ofSeconds(20)).until(() -> status(dueNow.get().messageId()).equals("SENT"));
        assertEquals("QUEUED", status(dueLater.get().messageId()));
        assertEquals(1, jdbc.count("SELECT count(*) FROM messages WHERE case_id = ? AND template = ?", caseId,
                "lease-test-now"));
    }

    private Optional<Outbox.Queued> queue(long caseId, String script, Instant sendAfter) {
        List<Optional<Outbox.Queued>> queued = QuarkusTransaction.requiringNew().call(() -> outbox.queueAll(List.of(
                new Outbox.Message(ChannelPlan.SMS, Optional.of(caseId), "lease-1", "+447700812345", script,
                        "A test text.", sendAfter, "lease test"))));
        return queued.get(0);
    }

    private long givenACaseWhoseFirstTextLeft(String id) {
        given().contentType("text/csv").body(HEADER + id + ",Ada,Lease,+447700812345," + id + "@example.com,"
                + "Europe/London,SMS,yes,yes,," + id + "-pet,Biscuit,dog," + id + "-collar,hub-demo\n")
                .post("/api/v1/customers/import").then().statusCode(200);
        HubUploads.lowActivity(id + "-collar");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count("""
                SELECT count(*) FROM messages m JOIN outreach_cases c ON c.id = m.case_id
                 WHERE c.collar_id = ? AND m.status = 'SENT'""", id + "-collar") == 1);
        return jdbc.count("SELECT id FROM outreach_cases WHERE collar_id = ?", id + "-collar");
    }

    private String status(long messageId) {
        return jdbc.first("SELECT status FROM messages WHERE id = ?", rs -> rs.getString(1), messageId).orElseThrow();
    }
}
