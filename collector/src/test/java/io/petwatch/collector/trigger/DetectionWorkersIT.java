package io.petwatch.collector.trigger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.collector.testing.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The detection tasks in the background, as in production: stored events become alerts with nobody driving them. */
@QuarkusTest
@TestProfile(DetectionWorkersIT.TwoTasks.class)
class DetectionWorkersIT {
    public static class TwoTasks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("petwatch.triggers.workers", "2", "petwatch.triggers.poll-interval", "PT0.2S",
                    "petwatch.triage.workers", "0");
        }
    }

    @Inject
    Jdbc jdbc;

    @Test
    void storedEventsAreDecidedInTheBackgroundAndLeaveOneTrigger() {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String customer = "cus-w" + tag;
        String sub = "sub_w" + tag;
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone) VALUES (?, 'Bo', 'Buyer', '+447700919999')",
                customer);
        Instant t = Instant.parse("2026-11-10T10:00:00Z");
        for (int attempt = 1; attempt <= 2; attempt++) {
            jdbc.update("""
                    INSERT INTO signal_events (source, event_id, event_type, signal, subject, customer_id, occurred_at,
                                               via, payload, facts)
                    VALUES ('stripe', ?, 'invoice.payment_failed', 'PAYMENT', ?, ?, ?, 'KAFKA', '{}', ?::jsonb)""",
                    "evt_" + tag + attempt, sub, customer, Timestamp.from(t.plus(Duration.ofDays(attempt))), """
                    {"kind": "payment_failed", "invoice": "in_%s", "attempt_count": %d}""".formatted(tag, attempt));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count(
                "SELECT count(*) FROM signal_events WHERE subject = ? AND status = 'DETECTED'", sub) == 2);
        assertEquals(1, jdbc.count("SELECT count(*) FROM alerts WHERE alert_id = ? AND status = 'RECEIVED'",
                "sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + t.plus(Duration.ofDays(1)).getEpochSecond()));
    }
}
