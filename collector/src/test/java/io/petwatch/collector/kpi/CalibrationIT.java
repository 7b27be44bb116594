package io.petwatch.collector.kpi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trigger calibration report and the per-signal KPIs over {@link CalibrationWeek}, a week in May 2024 that no
 * other test touches. The rows are inserted as the collector writes them (alerts, cases, sent messages, the owners'
 * texts, the trails) and every figure below is counted by hand from them:
 * <ul>
 *   <li>payment-assist: p1 (base) texted at +60 s, the owner answers, the payment succeeds (RESOLVED);
 *       p2 (short-copy) texted at +120 s, the owner texts STOP (then YES to opt back in, which is no answer), an
 *       agent records COULD_NOT_REACH; p3 (base) holdout.
 *   <li>c1, an old collar case with no rule: named by its first template, vet-triage-lethargy; texted at +3 s and
 *       reminded, escalated and closed by an agent as FALSE_ALARM; its owner's reply 7 days and an hour after the
 *       reminder is past the reply window and answers nothing.
 *   <li>c2, an ACTIVITY_DRIFT collar case of rule wellness-check, texted at +30 s, answered, recovered.
 *   <li>d1, a PARCEL_STUCK case with no rule and no message: named by its kind; escalated at once.
 *   <li>cus-004 has a survey case (service-recovery, texted 10:00, answered 11:00) and a delivery case (delay-notice,
 *       texted 12:00); their STOP at 12:30 follows the delay notice, so it is charged to delay-notice.
 *   <li>post-delivery-care: 20 parcels delivered and texted at +60 s, one owner answers: 5%, under the 10% bar with
 *       20 activations, so the rule and its only variant get a recommendation.
 * </ul>
 */
@QuarkusTest
class CalibrationIT {
    private static final String WEEK = CalibrationWeek.RANGE;

    @Inject
    CalibrationWeek week;

    @Inject
    TestClock clock;

    @Inject
    KpiMetrics metrics;

    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @BeforeEach
    void givenAKnownWeekOfTriggers() {
        week.ensure();
    }

    private static JsonPath calibration() {
        return JsonPath.from(given().get("/api/v1/kpis/calibration" + WEEK).then().statusCode(200).extract()
                .asString());
    }

    private static Map<String, Object> row(JsonPath report, String list, String rule, String variant) {
        List<Map<String, Object>> rows = report.getList(list);
        return rows.stream().filter(r -> r.get("rule").equals(rule) && r.get("variant").equals(variant)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + rule + "/" + variant + " in " + rows));
    }

    private static long count(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    private static double number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }

    @Test
    void eachRuleIsMeasuredFromItsCasesMessagesRepliesAndOutcomes() {
        JsonPath report = calibration();

        assertEquals(List.of("PARCEL_STUCK", "delay-notice", "payment-assist", "post-delivery-care",
                "service-recovery", "vet-triage-lethargy", "wellness-check"), report.getList("byRule.rule"));
        Map<String, Object> payment = row(report, "byRule", "payment-assist", "all");
        assertEquals(3, count(payment, "activations"));
        assertEquals(1, count(payment, "holdout"));
        assertEquals(2, count(payment, "texted"));
        assertEquals(2, count(payment, "messagesSent"));
        assertEquals(1, count(payment, "responded"), "the STOP is an opt-out, not an answer");
        assertEquals(0.5, number(payment, "responseRate"), 1e-9);
        assertEquals(2, count(payment, "closed"));
        assertEquals(1, count(payment, "resolvedWithoutAgent"));
        assertEquals(0.5, number(payment, "resolutionWithoutAgentRate"), 1e-9);
        assertEquals(1, count(payment, "optedOut"));
        assertEquals(1, count(payment, "outcomes"));
        assertEquals(0, count(payment, "falseAlarms"));
        assertEquals(0.0, number(payment, "falseAlarmRate"), 1e-9);
        assertEquals(null, payment.get("recommendation"), "3 activations are too few to judge");
    }

    @Test
    void eachVariantOfARuleHasItsOwnRow() {
        JsonPath report = calibration();

        Map<String, Object> base = row(report, "byRuleAndVariant", "payment-assist", "base");
        assertEquals(2, count(base, "activations"));
        assertEquals(1, count(base, "holdout"));
        assertEquals(1.0, number(base, "responseRate"), 1e-9);
        assertEquals(0, count(base, "optedOut"));
        Map<String, Object> shortCopy = row(report, "byRuleAndVariant", "payment-assist", "short-copy");
        assertEquals(1, count(shortCopy, "activations"));
        assertEquals(0.0, number(shortCopy, "responseRate"), 1e-9);
        assertEquals(1.0, number(shortCopy, "optOutRate"), 1e-9);
        assertEquals(1, count(shortCopy, "outcomes"));
    }

    @Test
    void aCaseWithoutARuleIsNamedByItsFirstTemplateThenByItsKind() {
        JsonPath report = calibration();

        Map<String, Object> old = row(report, "byRule", "vet-triage-lethargy", "all");
        assertEquals(1, count(old, "activations"));
        assertEquals(2, count(old, "messagesSent"), "the first text and its reminder");
        assertEquals(0.0, number(old, "responseRate"), 1e-9, "the reply came after the 7-day window");
        assertEquals(1, count(old, "falseAlarms"));
        assertEquals(1.0, number(old, "falseAlarmRate"), 1e-9);
        Map<String, Object> stuck = row(report, "byRule", "PARCEL_STUCK", "all");
        assertEquals(1, count(stuck, "activations"));
        assertEquals(0, count(stuck, "texted"));
        assertEquals(null, stuck.get("responseRate"), "nobody texted: no rate");
    }

    @Test
    void aStopIsChargedToTheRuleWhoseMessageCameJustBeforeIt() {
        JsonPath report = calibration();

        Map<String, Object> delay = row(report, "byRule", "delay-notice", "all");
        assertEquals(1, count(delay, "optedOut"));
        assertEquals(0, count(delay, "responded"));
        Map<String, Object> recovery = row(report, "byRule", "service-recovery", "all");
        assertEquals(0, count(recovery, "optedOut"), "the survey case's text came before the delay notice");
        assertEquals(1, count(recovery, "responded"));
        assertEquals(0, count(recovery, "closed"));
    }

    @Test
    void aRuleThatFiresOftenAndIsRarelyAnsweredGetsARecommendation() {
        JsonPath report = calibration();

        Map<String, Object> care = row(report, "byRule", "post-delivery-care", "all");
        assertEquals(20, count(care, "activations"));
        assertEquals(20, count(care, "messagesSent"));
        assertEquals(1, count(care, "responded"));
        assertEquals(0.05, number(care, "responseRate"), 1e-9);
        assertTrue(String.valueOf(care.get("recommendation")).startsWith("rule post-delivery-care fires often (20"
                + " activations) and is rarely answered (1 of 20 texted owners replied, 5.0% < 10.0%)"),
                String.valueOf(care.get("recommendation")));
        assertEquals(List.of(care.get("recommendation"), row(report, "byRuleAndVariant", "post-delivery-care", "base")
                .get("recommendation")), report.getList("recommendations"));
        assertEquals(20, report.getInt("thresholds.minActivations"));
        assertEquals(0.10, report.getDouble("thresholds.maxResponseRate"), 1e-9);
    }

    @Test
    void theKpiReportHasTicketsPreventedAndTimeToNotifyPerSignal() {
        JsonPath report = JsonPath.from(given().get("/api/v1/kpis" + WEEK).then().statusCode(200).extract()
                .asString());

        assertEquals(List.of("ACTIVITY_DRIFT", "COLLAR", "DELIVERY", "PAYMENT", "SURVEY"),
                report.getList("bySignal.signal"));
        Map<String, Object> drift = report.getMap("bySignal[0]");
        assertEquals(1, count(drift, "cases"));
        assertEquals(1, count(drift, "ticketsPrevented"));
        assertEquals(30.0, number(drift, "timeToNotifyP50"), 1e-6);
        Map<String, Object> collar = report.getMap("bySignal[1]");
        assertEquals(2, count(collar, "cases"), "the drift case is a collar case too");
        assertEquals(1, count(collar, "ticketsPrevented"));
        assertEquals(16.5, number(collar, "timeToNotifyP50"), 1e-6); // 3 s and 30 s
        assertEquals(28.65, number(collar, "timeToNotifyP95"), 1e-6);
        Map<String, Object> delivery = report.getMap("bySignal[2]");
        assertEquals(22, count(delivery, "cases"));
        assertEquals(21, count(delivery, "texted"));
        assertEquals(0, count(delivery, "ticketsPrevented"));
        assertEquals(60.0, number(delivery, "timeToNotifyP50"), 1e-6); // twenty at 60 s, one at 120 s
        assertEquals(60.0, number(delivery, "timeToNotifyP95"), 1e-6);
        Map<String, Object> payment = report.getMap("bySignal[3]");
        assertEquals(3, count(payment, "cases"));
        assertEquals(1, count(payment, "ticketsPrevented"));
        assertEquals(0.5, number(payment, "automationResolutionRate"), 1e-9);
        assertEquals(90.0, number(payment, "timeToNotifyP50"), 1e-6); // 60 s and 120 s
        assertEquals(117.0, number(payment, "timeToNotifyP95"), 1e-6);
        Map<String, Object> survey = report.getMap("bySignal[4]");
        assertEquals(1, count(survey, "cases"));
        assertEquals(300.0, number(survey, "timeToNotifyP50"), 1e-6);
    }

    @Test
    void aBadRangeIsRefusedWithAReason() {
        given().get("/api/v1/kpis/calibration?from=2024-05-13&to=2024-05-06").then().statusCode(400);
        String body = given().get("/api/v1/kpis/calibration?from=last-week").then().statusCode(400).extract()
                .asString();
        assertTrue(body.contains("from and to must be dates"), body);
    }

    @Test
    void theCalibrationIsAlsoPrometheusGaugesTaggedByRuleVariantAndSignal() {
        // The gauges cover the 30 days up to the clock's today: put the clock in this test's week and refresh them.
        clock.set(Instant.parse("2024-05-12T12:00:00Z"));
        try {
            metrics.refresh();
            String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertGauge(scraped, "calibration_activations", "rule=\"post-delivery-care\",variant=\"all\"", 20);
            assertGauge(scraped, "calibration_recommended", "rule=\"post-delivery-care\",variant=\"base\"", 1);
            assertGauge(scraped, "calibration_opt_outs", "rule=\"delay-notice\",variant=\"all\"", 1);
            assertGauge(scraped, "signal_tickets_prevented", "signal=\"PAYMENT\"", 1);
            assertGauge(scraped, "signal_cases", "signal=\"ACTIVITY_DRIFT\"", 1);
        } finally {
            clock.reset();
        }
    }

    /** The gauge petwatch_kpi_NAME whose tags start with these has this value in the scrape. */
    private static void assertGauge(String scraped, String name, String firstTags, double value) {
        String gauge = "petwatch_kpi_" + name + "{" + firstTags;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(gauge) + "[^}]*} (\\S+)$").matcher(scraped);
        assertTrue(m.find(), gauge + " not in the scrape");
        assertEquals(value, Double.parseDouble(m.group(1)), 1e-9, gauge);
    }
}
