package io.petwatch.collector.kpi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KPI API over a known week in January 2025 that no other test touches: two texted cases in two variants (one
 * answered and closed by the hub's recovery, one escalated and closed by an agent as a false alarm), one holdout
 * case, one case held by a fleet storm and discarded by an operator, and one STOP. Every figure below is counted by
 * hand from those rows by the README's definitions.
 */
@QuarkusTest
class KpiIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    private static final String WEEK = "/api/v1/kpis?from=2025-01-01&to=2025-01-08";

    @Inject
    Jdbc jdbc;

    @BeforeEach
    void givenAKnownWeekOfCases() {
        if (jdbc.count("SELECT count(*) FROM alerts WHERE alert_id LIKE 'kpi-%'") > 0) {
            return;
        }
        long a = kase("kpi-a", "collar-009", "pet-009", "cus-008", "2025-01-02T10:00:00Z", "2025-01-02T10:00:01Z",
                "empathy-first", "RESOLVED", "hub", "pet recovered");
        long b = kase("kpi-b", "collar-018", "pet-018", "cus-015", "2025-01-02T11:00:00Z", "2025-01-02T11:00:30Z",
                "incentive-first", "CLOSED", "sam", "FALSE_ALARM: at the kennels");
        kase("kpi-c", "collar-019", "pet-019", "cus-016", "2025-01-03T09:00:00Z", "2025-01-03T09:00:00Z", "holdout",
                "HOLDOUT", null, null);
        long storm = jdbc.first("""
                INSERT INTO incidents (fleet_key, fleet, status, reason, opened_at, decided_by, decided_at)
                VALUES ('fw-kpi', 'FIRMWARE', 'DISCARDED', 'kpi fixture', ?, 'ops', ?) RETURNING id""",
                rs -> rs.getLong(1), Instant.parse("2025-01-04T09:00:00Z"), Instant.parse("2025-01-04T10:00:00Z"))
                .orElseThrow();
        long d = kase("kpi-d", "collar-020", "pet-020", "cus-017", "2025-01-04T09:00:00Z", "2025-01-04T09:00:00Z",
                "empathy-first", "CLOSED", "ops", "outreach discarded with fleet incident");
        jdbc.update("UPDATE outreach_cases SET incident_id = ? WHERE id = ?", storm, d);
        sent(a, "cus-008", "2025-01-02T10:00:03Z");
        sent(b, "cus-015", "2025-01-02T11:00:31Z");
        jdbc.update("UPDATE outreach_cases SET responded_at = ? WHERE id = ?", Instant.parse("2025-01-02T10:30:00Z"), a);
        jdbc.update("UPDATE outreach_cases SET escalated_at = ? WHERE id = ?", Instant.parse("2025-01-02T15:00:31Z"), b);
        jdbc.update("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, keyword, received_at)
                VALUES ('SMkpi', '+447700900108', 'STOP', 'cus-008', 'STOP', ?)""", Instant.parse("2025-01-04T08:00:00Z"));
    }

    private long kase(String alertId, String collar, String pet, String customer, String detected, String received,
                      String variant, String status, String by, String outcome) {
        Instant at = Instant.parse(detected);
        jdbc.update("""
                INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                    detected_at, received_at, detector, detector_params, summary, payload, status)
                VALUES (?, 'hub-demo', ?, 'LOW_ACTIVITY', 'FIRING', 'MEDIUM', ?, ?, ?, ?, 'low-activity', '{}'::jsonb,
                        'kpi fixture', '\\x00'::bytea, 'TRIAGED')""", alertId, collar, at, at, at, Instant.parse(received));
        return jdbc.first("""
                INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start, status,
                                            decision, opened_at, variant, outcome, outcome_by)
                VALUES (?, ?, ?, ?, 'LOW_ACTIVITY', ?, ?, 'kpi fixture', ?, ?, ?, ?) RETURNING id""",
                rs -> rs.getLong(1), alertId, customer, pet, collar, at, status, Instant.parse(received), variant,
                outcome, by).orElseThrow();
    }

    private void sent(long caseId, String customer, String at) {
        jdbc.update("""
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, sent_at, send_after)
                VALUES (?, ?, 'SMS', '+44', 'vet-triage-lethargy', 'text', 'SENT', ?, ?)""",
                caseId, customer, Instant.parse(at), Instant.parse(at));
    }

    private static double number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }

    @Test
    void theWeeksKpisFollowFromItsCases() {
        JsonPath report = JsonPath.from(given().get(WEEK).then().statusCode(200).extract().asString());
        Map<String, Object> all = report.getMap("overall");

        assertEquals(4, number(all, "cases"));
        assertEquals(3, number(all, "outreachCases"), "the holdout case got no outreach");
        assertEquals(1, number(all, "holdoutCases"));
        assertEquals(2, number(all, "texted"));
        assertEquals(0.5, number(all, "responseRate"), 1e-9);
        assertEquals(1.0 / 3, number(all, "escalationRate"), 1e-6);
        assertEquals(3, number(all, "closed"));
        assertEquals(1, number(all, "ticketsPrevented"), "the recovery only: the storm case an operator discarded"
                + " and the false alarm an agent closed are not tickets prevented");
        assertEquals(1.0 / 3, number(all, "automationResolutionRate"), 1e-6);
        assertEquals(1.0, number(all, "falseAlarmRate"), 1e-9);
        assertEquals(17.0, number(all, "timeToNotifyP50"), 1e-6); // 3 s and 31 s
        assertEquals(29.6, number(all, "timeToNotifyP95"), 1e-6);
        assertEquals(1.95, number(all, "collectorNotifyP95"), 1e-6); // 2 s and 1 s inside the collector
        assertEquals(0.5, report.getDouble("optOutRate"), 1e-9);
        Map<String, Object> byDetector = report.getMap("falseAlarmRateByDetector");
        assertEquals(List.of("low-activity"), List.copyOf(byDetector.keySet()));
        assertEquals(1.0, number(byDetector, "low-activity"), 1e-9);
    }

    @Test
    void theKpisSplitByDayAndByVariant() {
        JsonPath report = JsonPath.from(given().get(WEEK).asString());

        assertEquals(List.of("2025-01-02", "2025-01-03", "2025-01-04"), report.getList("byDay.group"));
        assertEquals(List.of("empathy-first", "holdout", "incentive-first"), report.getList("byVariant.group"));
        Map<String, Object> empathy = report.getMap("byVariant[0]");
        assertEquals(2, number(empathy, "cases"));
        assertEquals(1.0, number(empathy, "responseRate"), 1e-9);
        assertEquals(0.0, number(empathy, "escalationRate"), 1e-9);
        assertEquals(1, number(empathy, "ticketsPrevented"));
        Map<String, Object> holdout = report.getMap("byVariant[1]");
        assertEquals(1, number(holdout, "cases"), "the holdout row shows its cases");
        assertEquals(1, number(holdout, "holdoutCases"));
        assertEquals(0, number(holdout, "outreachCases"));
        Map<String, Object> incentive = report.getMap("byVariant[2]");
        assertEquals(0.0, number(incentive, "responseRate"), 1e-9);
        assertEquals(1.0, number(incentive, "escalationRate"), 1e-9);
    }

    @Test
    void aBadRangeIsRefusedWithAClearMessage() {
        given().get("/api/v1/kpis?from=2025-02-01&to=2025-01-01").then().statusCode(400);
        given().get("/api/v1/kpis?from=yesterday").then().statusCode(400);
    }

    @Test
    void theKpisAreAlsoPrometheusGauges() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("petwatch_kpi_response_rate"), "gauges exported");
        assertTrue(metrics.contains("petwatch_kpi_tickets_prevented"), "gauges exported");
    }
}
