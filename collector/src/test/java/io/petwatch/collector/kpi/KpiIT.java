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
                "empathy-first", "RESOLVED");
        long b = kase("kpi-b", "collar-018", "pet-018", "cus-015", "2025-01-02T11:00:00Z", "2025-01-02T11:00:30Z",
                "incentive-first", "CLOSED");
        long c = kase("kpi-c", "collar-019", "pet-019", "cus-016", "2025-01-03T09:00:00Z", "2025-01-03T09:00:00Z",
                "holdout", "HOLDOUT");
        long d = kase("kpi-d", "collar-020", "pet-020", "cus-017", "2025-01-04T09:00:00Z", "2025-01-04T09:00:00Z",
                "empathy-first", "CLOSED");
        // The trails, as the collector writes them; the KPIs are read from these alone.
        event(a, "OPENED", "2025-01-02T10:00:01Z", "alert kpi-a: text the owner");
        event(a, "MESSAGE_SENT", "2025-01-02T10:00:03Z", "SMS vet-triage-lethargy handed to the provider (SMa)");
        event(a, "OWNER_REPLIED", "2025-01-02T10:30:00Z", "'He's fine now' read as REASSURED; escalation timer stopped");
        event(a, "OPTED_OUT", "2025-01-02T10:40:00Z", "the owner texted 'STOP'");
        event(a, "RESOLVED", "2025-01-03T08:00:00Z", "alert kpi-a recovered: the pet's activity is back");
        event(b, "OPENED", "2025-01-02T11:00:30Z", "alert kpi-b: text the owner");
        event(b, "MESSAGE_SENT", "2025-01-02T11:00:31Z", "SMS vet-triage-lethargy handed to the provider (SMb)");
        event(b, "ESCALATED", "2025-01-02T15:00:31Z", "no reply from the owner in time");
        event(b, "OUTCOME", "2025-01-02T16:00:00Z", "FALSE_ALARM recorded by sam (at the kennels); loyalty 50 -> 50");
        event(c, "HOLDOUT", "2025-01-03T09:00:00Z", "alert kpi-c: holdout customer, no outreach");
        event(d, "HELD_FOR_INCIDENT", "2025-01-04T09:00:00Z", "fleet storm: outreach held by engineering");
        event(d, "DISCARDED", "2025-01-04T10:00:00Z", "ops discarded the incident's outreach");
        jdbc.update("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, keyword, received_at)
                VALUES ('SMkpi', '+447700900108', 'STOP', 'cus-008', 'STOP', ?)""", Instant.parse("2025-01-04T08:00:00Z"));
    }

    /** A case row with no more than a case has when it opens: what became of it is only on its trail. */
    private long kase(String alertId, String collar, String pet, String customer, String detected, String received,
                      String variant, String status) {
        Instant at = Instant.parse(detected);
        jdbc.update("""
                INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                    detected_at, received_at, detector, detector_params, summary, payload, status)
                VALUES (?, 'hub-demo', ?, 'LOW_ACTIVITY', 'FIRING', 'MEDIUM', ?, ?, ?, ?, 'low-activity', '{}'::jsonb,
                        'kpi fixture', '\\x00'::bytea, 'TRIAGED')""", alertId, collar, at, at, at, Instant.parse(received));
        return jdbc.first("""
                INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start, status,
                                            decision, opened_at, variant)
                VALUES (?, ?, ?, ?, 'LOW_ACTIVITY', ?, ?, 'kpi fixture', ?, ?) RETURNING id""",
                rs -> rs.getLong(1), alertId, customer, pet, collar, at, status, Instant.parse(received), variant)
                .orElseThrow();
    }

    private void event(long caseId, String kind, String at, String detail) {
        jdbc.update("INSERT INTO case_events (case_id, kind, at, detail) VALUES (?, ?, ?, ?)", caseId, kind,
                Instant.parse(at), detail);
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
        assertEquals(1, number(all, "ticketsPrevented"));
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
        Map<String, Object> incentive = report.getMap("byVariant[2]");
        assertEquals(0.0, number(incentive, "responseRate"), 1e-9);
        assertEquals(1.0, number(incentive, "escalationRate"), 1e-9);
    }

    /** Issue 15, defect 8: "tickets prevented" counted the cases an operator discarded with a fleet storm. */
    @Test
    void ticketsPreventedDoesNotCountCasesDiscardedWithAStorm() {
        Map<String, Object> all = JsonPath.from(given().get(WEEK).asString()).getMap("overall");

        assertEquals(3, number(all, "closed"), "the recovery, the storm discard and the false alarm are closed");
        assertEquals(1, number(all, "ticketsPrevented"), "the recovery only: the storm case an operator discarded"
                + " and the false alarm an agent closed are not tickets prevented");
    }

    /** Issue 15, defect 8: the holdout row showed 0 cases while holdout customers had cases. */
    @Test
    void theHoldoutRowShowsItsCases() {
        JsonPath report = JsonPath.from(given().get(WEEK).asString());
        Map<String, Object> holdout = report.getMap("byVariant[1]");

        assertEquals("holdout", holdout.get("group"));
        assertEquals(1, number(holdout, "cases"), "the holdout row shows its cases");
        assertEquals(1, number(holdout, "holdoutCases"));
        assertEquals(0, number(holdout, "outreachCases"));
    }

    @Test
    void optOutsAreCountedByDayAndByVariant() {
        JsonPath report = JsonPath.from(given().get(WEEK).asString());

        Map<String, Object> secondOfJanuary = report.getMap("byDay[0]");
        assertEquals(1, number(secondOfJanuary, "optedOut"), "the owner of case a texted STOP");
        assertEquals(0.5, number(secondOfJanuary, "optOutRate"), 1e-9, "one of the two owners texted that day");
        assertEquals(1.0, number(report.getMap("byVariant[0]"), "optOutRate"), 1e-9, "empathy-first: 1 of 1");
        assertEquals(0.0, number(report.getMap("byVariant[2]"), "optOutRate"), 1e-9, "incentive-first: 0 of 1");
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
