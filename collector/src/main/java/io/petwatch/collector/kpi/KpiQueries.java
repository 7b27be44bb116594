package io.petwatch.collector.kpi;

import io.petwatch.collector.playbook.CaseOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Computes the playbook's KPIs from the cases, messages and replies in PostgreSQL: nothing is counted twice. */
@ApplicationScoped
public class KpiQueries {
    private static final String CASES = """
            WITH c AS (
              SELECT oc.variant, to_char(oc.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, oc.status,
                     oc.responded_at, oc.escalated_at, oc.outcome, oc.outcome_by, a.detector, a.detected_at,
                     a.received_at, oc.incident_id,
                     EXISTS (SELECT 1 FROM agent_tasks t WHERE t.case_id = oc.id) AS tasked,
                     (SELECT min(m.sent_at) FROM messages m
                       WHERE m.case_id = oc.id AND m.status = 'SENT' AND m.template LIKE 'vet-triage%%') AS first_sent
                FROM outreach_cases oc JOIN alerts a ON a.alert_id = oc.opened_by_alert
               WHERE oc.kind IN ('LOW_ACTIVITY', 'RESTLESS_NIGHTS') AND oc.opened_at >= ? AND oc.opened_at < ?)
            SELECT %s AS grp, count(*) FILTER (WHERE status <> 'HOLDOUT'), count(first_sent),
                   count(*) FILTER (WHERE responded_at IS NOT NULL), count(*) FILTER (WHERE escalated_at IS NOT NULL),
                   count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED')),
                   count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED') AND escalated_at IS NULL
                                      AND outcome_by = 'hub' AND incident_id IS NULL AND NOT tasked),
                   count(*) FILTER (WHERE outcome LIKE 'FALSE_ALARM%%'),
                   count(*) FILTER (WHERE outcome ~ '%s'),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - detected_at)),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - detected_at)),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - received_at)),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - received_at)),
                   count(*) FILTER (WHERE status = 'HOLDOUT')
              FROM c GROUP BY 1 ORDER BY 1""";

    // An outcome an agent recorded (CaseActions writes "OUTCOME" or "OUTCOME: note"), not a recovery or a storm discard.
    private static final String AGENT_OUTCOME = "^(" + Arrays.stream(CaseOutcome.values()).map(Enum::name)
            .collect(Collectors.joining("|")) + ")(:|$)";

    private final Jdbi jdbi;

    public KpiQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public KpiReport report(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, was " + from + " .. " + to);
        }
        Object[] range = {from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC)};
        KpiRow overall = rows("'all'", range).stream().findFirst().orElse(empty());
        long texted = count("""
                SELECT count(DISTINCT customer_id) FROM messages
                 WHERE case_id IS NOT NULL AND status = 'SENT' AND sent_at >= ? AND sent_at < ?""", range);
        long stopped = count("""
                SELECT count(DISTINCT customer_id) FROM inbound_messages
                 WHERE keyword = 'STOP' AND received_at >= ? AND received_at < ?""", range);
        Map<String, Double> byDetector = new LinkedHashMap<>();
        rows("detector", range).forEach(r -> r.falseAlarmRate().ifPresent(v -> byDetector.put(r.group(), v)));
        return new KpiReport(from, to, overall, rows("day", range), rows("variant", range),
                KpiRow.rate(stopped, texted), byDetector);
    }

    private List<KpiRow> rows(String group, Object[] range) {
        return jdbi.withHandle(h -> h.select(String.format(CASES, group, AGENT_OUTCOME), range)
                .map((rs, ctx) -> row(rs)).list());
    }

    private long count(String sql, Object[] range) {
        return jdbi.withHandle(h -> h.select(sql, range).mapTo(Long.class).one());
    }

    private static KpiRow row(ResultSet rs) throws SQLException {
        long outreach = rs.getLong(2);
        long holdout = rs.getLong(14);
        long texted = rs.getLong(3);
        long responded = rs.getLong(4);
        long escalated = rs.getLong(5);
        long closed = rs.getLong(6);
        long withoutAgent = rs.getLong(7);
        long falseAlarms = rs.getLong(8);
        long outcomes = rs.getLong(9);
        return new KpiRow(rs.getString(1), outreach + holdout, outreach, holdout, texted, responded, escalated, closed,
                withoutAgent, falseAlarms, outcomes, seconds(rs, 10), seconds(rs, 11), seconds(rs, 12), seconds(rs, 13),
                KpiRow.rate(responded, texted), KpiRow.rate(escalated, outreach), KpiRow.rate(withoutAgent, closed),
                KpiRow.rate(falseAlarms, outcomes));
    }

    private static Optional<Double> seconds(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static KpiRow empty() {
        return new KpiRow("all", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
