package io.petwatch.collector;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.PlaybookScenario;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The references V27 stopped checking on every write (a case's alert, customer, pet and collar; a message's case and
 * customer) still hold: after a collar's alert has become a case and a text here, and whatever the other ITs sharing
 * this schema have written, no case or message points at a row that does not exist.
 */
@QuarkusTest
class SchemaIntegrityIT {
    /** Each reference and the rows that break it. */
    private static final Map<String, String> ORPHANS = new LinkedHashMap<>();

    static {
        ORPHANS.put("case -> alert", "SELECT count(*) FROM outreach_cases oc"
                + " WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.alert_id = oc.opened_by_alert)");
        ORPHANS.put("case -> customer", "SELECT count(*) FROM outreach_cases oc"
                + " WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = oc.customer_id)");
        ORPHANS.put("case -> pet", "SELECT count(*) FROM outreach_cases oc"
                + " WHERE oc.pet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pets p WHERE p.id = oc.pet_id)");
        ORPHANS.put("case -> collar", "SELECT count(*) FROM outreach_cases oc"
                + " WHERE oc.collar_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM collars k WHERE k.id = oc.collar_id)");
        ORPHANS.put("message -> case", "SELECT count(*) FROM messages m WHERE m.case_id IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM outreach_cases oc WHERE oc.id = m.case_id)");
        ORPHANS.put("message -> customer", "SELECT count(*) FROM messages m"
                + " WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = m.customer_id)");
    }

    @Inject
    Jdbc jdbc;

    @Test
    void noCaseOrMessagePointsAtARowThatDoesNotExist() {
        Staff.signInAsTester();
        String collar = givenAFreshCollarOnTheDemoHub();
        PlaybookScenario.upload("hub-demo", "demo-hub-token", PlaybookScenario.lethargy(collar, Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count("SELECT count(*) FROM messages m"
                + " JOIN outreach_cases oc ON oc.id = m.case_id WHERE oc.collar_id = ?", collar) > 0);

        Map<String, Long> broken = new LinkedHashMap<>();
        ORPHANS.forEach((name, sql) -> broken.put(name, jdbc.count(sql)));

        assertEquals(Map.of("case -> alert", 0L, "case -> customer", 0L, "case -> pet", 0L, "case -> collar", 0L,
                "message -> case", 0L, "message -> customer", 0L), broken);
    }

    private String givenAFreshCollarOnTheDemoHub() {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone, time_zone) VALUES (?, 'Ida', 'Integrity', ?,"
                + " 'UTC')", "cus-i" + tag, "+447700" + (920_000 + ThreadLocalRandom.current().nextInt(79_999)));
        jdbc.update("INSERT INTO pets (id, customer_id, name, species) VALUES (?, ?, 'Ref', 'dog')", "pet-i" + tag,
                "cus-i" + tag);
        jdbc.update("INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, 'hub-demo')", "collar-i" + tag, "pet-i" + tag);
        return "collar-i" + tag;
    }
}
