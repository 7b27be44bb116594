package io.petwatch.collector.kpi;

import io.petwatch.collector.testing.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * A week in May 2024 of trigger cases that no other test touches, as the collector writes them (alerts, cases, sent
 * messages, the owners' texts, the trails); {@link CalibrationIT} says what is in it and what every figure must be.
 */
@ApplicationScoped
public class CalibrationWeek {
    public static final String RANGE = "?from=2024-05-06&to=2024-05-13";

    private final Jdbc jdbc;

    public CalibrationWeek(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the week's rows once per schema. */
    public void ensure() {
        if (jdbc.count("SELECT count(*) FROM alerts WHERE alert_id LIKE 'cal-%'") > 0) {
            return;
        }
        long p1 = retail("cal-p1", "cus-001", "PAYMENT", "PAYMENT_FAILED_AGAIN", "sub_cal1", "payment-assist", "base",
                "2024-05-06T09:00:00Z");
        sent(p1, "cus-001", "payment-assist", "2024-05-06T09:01:00Z");
        text("cus-001", "REPLY", "done, new card is on", "2024-05-06T09:11:00Z");
        trail(p1, "OPENED", "RESOLVED");
        long p2 = retail("cal-p2", "cus-002", "PAYMENT", "PAYMENT_FAILED_AGAIN", "sub_cal2", "payment-assist",
                "short-copy", "2024-05-06T10:00:00Z");
        sent(p2, "cus-002", "payment-assist", "2024-05-06T10:02:00Z");
        text("cus-002", "STOP", "STOP", "2024-05-06T10:05:00Z");
        text("cus-002", "YES", "YES", "2024-05-06T10:20:00Z", "START"); // back in: not an answer
        trail(p2, "OPENED", "ESCALATED");
        outcome(p2, "COULD_NOT_REACH");
        long p3 = retail("cal-p3", "cus-003", "PAYMENT", "PAYMENT_FAILED_AGAIN", "sub_cal3", "payment-assist", "base",
                "2024-05-06T11:00:00Z");
        trail(p3, "HOLDOUT");

        long c1 = collar("cal-c1", "collar-009", "pet-009", "cus-008", "LOW_ACTIVITY", null, "2024-05-07T08:00:00Z");
        sent(c1, "cus-008", "vet-triage-lethargy", "2024-05-07T08:00:03Z");
        sent(c1, "cus-008", "vet-triage-reminder", "2024-05-07T12:00:03Z");
        trail(c1, "OPENED", "ESCALATED");
        text("cus-008", "REPLY", "sorry, only just seen this", "2024-05-14T13:00:00Z"); // past the 7-day window
        outcome(c1, "FALSE_ALARM");
        long c2 = collar("cal-c2", "collar-018", "pet-018", "cus-015", "ACTIVITY_DRIFT", "wellness-check",
                "2024-05-07T09:00:00Z");
        sent(c2, "cus-015", "wellness-check", "2024-05-07T09:00:30Z");
        text("cus-015", "REPLY", "she's fine, just old", "2024-05-07T09:30:00Z");
        trail(c2, "OPENED", "OWNER_REPLIED", "RESOLVED");

        long d1 = retail("cal-d1", "cus-005", "DELIVERY", "PARCEL_STUCK", "TRKCAL1", null, "base",
                "2024-05-08T08:00:00Z");
        trail(d1, "ESCALATED");

        long s1 = retail("cal-s1", "cus-004", "SURVEY", "SURVEY_UNHAPPY", "resp_cal1", "service-recovery", "base",
                "2024-05-08T09:55:00Z");
        sent(s1, "cus-004", "service-recovery", "2024-05-08T10:00:00Z");
        text("cus-004", "REPLY", "yes please call me", "2024-05-08T11:00:00Z");
        trail(s1, "OPENED", "TASK_OPENED");
        long s2 = retail("cal-s2", "cus-004", "DELIVERY", "PARCEL_NO_SCAN", "TRKCAL2", "delay-notice", "base",
                "2024-05-08T11:58:00Z");
        sent(s2, "cus-004", "delay-notice", "2024-05-08T12:00:00Z");
        text("cus-004", "STOP", "stop texting me", "2024-05-08T12:30:00Z");
        trail(s2, "OPENED");

        for (int i = 0; i < 20; i++) {
            String customer = "cus-01" + (i % 5);
            Instant detected = Instant.parse("2024-05-09T08:00:00Z").plusSeconds(600L * i);
            long id = retail("cal-pd" + i, customer, "DELIVERY", "PARCEL_DELIVERED", "TRKCALPD" + i,
                    "post-delivery-care", "base", detected.toString());
            sent(id, customer, "post-delivery-care", detected.plusSeconds(60).toString());
            trail(id, "OPENED");
        }
        text("cus-010", "REPLY", "all arrived, thanks", "2024-05-09T08:05:00Z");
    }

    private long retail(String alertId, String customer, String signal, String kind, String subject, String rule,
                        String variant, String detected) {
        Instant at = Instant.parse(detected);
        jdbc.update("""
                INSERT INTO alerts (alert_id, source, customer_id, subject, kind, state, severity, window_start,
                                    window_end, detected_at, received_at, detector, detector_params, summary, payload,
                                    status)
                VALUES (?, 'test', ?, ?, ?, 'FIRING', 'MEDIUM', ?, ?, ?, ?, 'calibration-fixture', '{}'::jsonb,
                        'calibration fixture', '\\x00'::bytea, 'TRIAGED')""",
                alertId, customer, subject, kind, at, at, at, at);
        return jdbc.first("""
                INSERT INTO outreach_cases (opened_by_alert, customer_id, kind, episode_start, status, decision,
                                            opened_at, variant, signal, subject, rule)
                VALUES (?, ?, ?, ?, 'AWAITING_OWNER', 'calibration fixture', ?, ?, ?, ?, ?) RETURNING id""",
                rs -> rs.getLong(1), alertId, customer, kind, at, at, variant, signal, subject, rule).orElseThrow();
    }

    private long collar(String alertId, String collar, String pet, String customer, String kind, String rule,
                        String detected) {
        Instant at = Instant.parse(detected);
        jdbc.update("""
                INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                    detected_at, received_at, detector, detector_params, summary, payload, status)
                VALUES (?, 'hub-demo', ?, ?, 'FIRING', 'MEDIUM', ?, ?, ?, ?, 'calibration-fixture', '{}'::jsonb,
                        'calibration fixture', '\\x00'::bytea, 'TRIAGED')""", alertId, collar, kind, at, at, at, at);
        return jdbc.first("""
                INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start,
                                            status, decision, opened_at, rule)
                VALUES (?, ?, ?, ?, ?, ?, 'AWAITING_OWNER', 'calibration fixture', ?, ?) RETURNING id""",
                rs -> rs.getLong(1), alertId, customer, pet, collar, kind, at, at, rule).orElseThrow();
    }

    private void sent(long caseId, String customer, String template, String at) {
        Instant when = Instant.parse(at);
        jdbc.update("""
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, created_at,
                                      send_after, sent_at)
                VALUES (?, ?, 'SMS', '+447700900000', ?, 'calibration fixture', 'SENT', ?, ?, ?)""",
                caseId, customer, template, when, when, when);
    }

    private void text(String customer, String keyword, String body, String at) {
        text(customer, keyword, body, at, null);
    }

    private void text(String customer, String keyword, String body, String at, String meaning) {
        jdbc.update("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, keyword, received_at,
                                              meaning)
                VALUES (?, '+447700900000', ?, ?, ?, ?, ?)""", "SMcal-" + customer + "-" + at, body, customer, keyword,
                Instant.parse(at), meaning);
    }

    private void trail(long caseId, String... kinds) {
        for (String kind : kinds) {
            jdbc.update("INSERT INTO case_events (case_id, kind, detail) VALUES (?, ?, 'calibration fixture')",
                    caseId, kind);
        }
    }

    private void outcome(long caseId, String outcome) {
        jdbc.update("UPDATE outreach_cases SET status = 'CLOSED', outcome = ?, outcome_by = 'sam' WHERE id = ?",
                outcome, caseId);
        jdbc.update("INSERT INTO case_events (case_id, kind, detail) VALUES (?, 'OUTCOME', ?)", caseId,
                outcome + " recorded by sam; loyalty 50 -> 50");
    }
}
