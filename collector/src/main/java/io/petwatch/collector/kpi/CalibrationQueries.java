package io.petwatch.collector.kpi;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.playbook.CaseOutcome;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Measures each trigger rule and each signal from what happened to the cases they opened: the messages sent
 * ({@code messages}), what the owners texted back ({@code inbound_messages}) and the cases' audit trails (how they
 * closed). An owner's text counts for the case of the last message sent to them before it (within the reply window),
 * so a STOP is charged to the rule whose message provoked it even when that case had closed.
 */
@ApplicationScoped
@Startup // its settings are checked when the collector starts, not at the first report
public class CalibrationQueries {
    /** One row per case opened in the range. Binds: reply window seconds, replies from, replies to, opened from, to. */
    private static final String CASES = """
            WITH credited AS (
              SELECT i.keyword, coalesce(i.meaning, '') AS meaning,
                     (SELECT m.case_id FROM messages m
                       WHERE m.customer_id = i.customer_id AND m.status = 'SENT' AND m.case_id IS NOT NULL
                         AND m.sent_at <= i.received_at AND m.sent_at > i.received_at - ? * interval '1 second'
                       ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS case_id
                FROM inbound_messages i
               WHERE i.customer_id IS NOT NULL AND i.received_at >= ? AND i.received_at < ?),
            -- YES from an owner who had opted out means START (inbound_messages.meaning), not an answer.
            answers AS (
              SELECT case_id,
                     bool_or(keyword NOT IN ('STOP', 'START') AND meaning NOT IN ('STOP', 'START')) AS replied,
                     bool_or(keyword = 'STOP') AS opted_out
                FROM credited WHERE case_id IS NOT NULL GROUP BY case_id),
            c AS (
              SELECT coalesce(oc.rule, (SELECT m.template FROM messages m WHERE m.case_id = oc.id
                                         ORDER BY m.created_at, m.id LIMIT 1), oc.kind) AS rule,
                     oc.variant, oc.signal, oc.kind, a.detected_at, s.sent, s.first_sent, t.*,
                     coalesce(r.replied, false) AS replied, coalesce(r.opted_out, false) AS opted_out
                FROM outreach_cases oc JOIN alerts a ON a.alert_id = oc.opened_by_alert
                LEFT JOIN answers r ON r.case_id = oc.id
                CROSS JOIN LATERAL (SELECT count(*) AS sent, min(m.sent_at) AS first_sent FROM messages m
                                     WHERE m.case_id = oc.id AND m.status = 'SENT') s
                CROSS JOIN LATERAL (
                  SELECT coalesce(bool_or(e.kind = 'OPENED'), false) AS opened,
                         coalesce(bool_or(e.kind = 'HOLDOUT'), false) AS holdout,
                         coalesce(bool_or(e.kind = 'TASK_OPENED'), false) AS tasked,
                         coalesce(bool_or(e.kind = 'ESCALATED'), false) AS escalated,
                         coalesce(bool_or(e.kind IN ('HELD_FOR_INCIDENT', 'DISCARDED')), false) AS held,
                         coalesce(bool_or(e.kind IN ('RESOLVED', 'OUTCOME', 'DISCARDED')), false) AS closed,
                         coalesce(bool_or(e.kind = 'RESOLVED'), false) AS recovered,
                         coalesce(bool_or(e.kind = 'OUTCOME' AND e.detail ~ '%1$s'), false) AS agent_outcome,
                         coalesce(bool_or(e.kind = 'OUTCOME' AND e.detail ~ '%2$s'), false) AS false_alarm
                    FROM case_events e WHERE e.case_id = oc.id) t
               WHERE oc.opened_at >= ? AND oc.opened_at < ?)
            """;

    /** Closed by the trigger's own resolution after outreach, with no person involved (KpiQueries' definition). */
    private static final String PREVENTED = "opened AND recovered AND NOT escalated AND NOT held AND NOT tasked";

    private static final String BY_RULE = CASES + """
            SELECT rule, coalesce(variant, '%3$s'), count(*), count(*) FILTER (WHERE holdout), count(first_sent),
                   coalesce(sum(sent), 0), count(*) FILTER (WHERE replied), count(*) FILTER (WHERE closed),
                   count(*) FILTER (WHERE %4$s), count(*) FILTER (WHERE opted_out),
                   count(*) FILTER (WHERE agent_outcome), count(*) FILTER (WHERE false_alarm)
              FROM c GROUP BY GROUPING SETS ((rule), (rule, variant))
             ORDER BY rule COLLATE "C", variant COLLATE "C" NULLS FIRST""";

    private static final String BY_SIGNAL = CASES + """
            SELECT g.grp, count(*), count(first_sent), count(*) FILTER (WHERE closed), count(*) FILTER (WHERE %4$s),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - detected_at)),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - detected_at))
              FROM c CROSS JOIN LATERAL (VALUES (c.signal),
                                                (CASE WHEN c.kind = 'ACTIVITY_DRIFT' THEN 'ACTIVITY_DRIFT' END)) g(grp)
             WHERE g.grp IS NOT NULL GROUP BY g.grp ORDER BY g.grp COLLATE "C"
            """;

    /** An OUTCOME event's detail starts with the outcome (see {@code CaseActions}). */
    static final String AGENT_OUTCOME = outcomes(Arrays.stream(CaseOutcome.values()).toList());

    /** The outcomes that say the alert was wrong. */
    static final String FALSE_ALARM = outcomes(Arrays.stream(CaseOutcome.values()).filter(CaseOutcome::falseAlarm)
            .toList());

    private final Jdbi jdbi;
    private final PetwatchConfig.Calibration config;
    private final CalibrationAdvice advice;

    public CalibrationQueries(Jdbi jdbi, PetwatchConfig config) {
        this.jdbi = jdbi;
        this.config = config.kpi().calibration();
        this.advice = new CalibrationAdvice(this.config.minActivations(), this.config.maxResponseRate());
    }

    private static String outcomes(List<CaseOutcome> outcomes) {
        return "^(" + outcomes.stream().map(Enum::name).collect(Collectors.joining("|")) + ")( |:|$)";
    }

    /** The advice with the configured thresholds. */
    public CalibrationAdvice advice() {
        return advice;
    }

    public CalibrationReport calibration(LocalDate from, LocalDate to) {
        List<CalibrationRow> rows = jdbi.withHandle(h -> h.select(sql(BY_RULE), binds(from, to))
                .map((rs, ctx) -> CalibrationRow.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11), rs.getLong(12)))
                .list());
        return CalibrationReport.of(from, to, advice(), rows);
    }

    /** Per signal, for the KPI report: cases, tickets prevented and time to notify. */
    public List<SignalRow> bySignal(LocalDate from, LocalDate to) {
        return jdbi.withHandle(h -> h.select(sql(BY_SIGNAL), binds(from, to))
                .map((rs, ctx) -> new SignalRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), KpiRow.rate(rs.getLong(5), rs.getLong(4)), seconds(rs, 6), seconds(rs, 7)))
                .list());
    }

    private static String sql(String template) {
        return String.format(template, AGENT_OUTCOME, FALSE_ALARM, CalibrationRow.ALL_VARIANTS, PREVENTED);
    }

    private Object[] binds(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, was " + from + " .. " + to);
        }
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = to.atStartOfDay().toInstant(ZoneOffset.UTC);
        Duration window = config.replyWindow();
        // Replies to the range's cases can come after the range ends, up to a reply window later.
        return new Object[] {(double) window.toSeconds(), start, end.plus(window), start, end};
    }

    private static Optional<Double> seconds(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
