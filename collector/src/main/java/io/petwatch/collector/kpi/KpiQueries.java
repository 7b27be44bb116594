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

/**
 * Computes the playbook's KPIs from the cases' audit trails in PostgreSQL (opt-outs from the owners' inbound texts):
 * what was done, as it was recorded when it was done; nothing is counted twice.
 */
@ApplicationScoped
public class KpiQueries {
    /**
     * Each case as its audit trail tells it: how it opened (OPENED for outreach, HOLDOUT), what the owner and the
     * playbook did (MESSAGE_SENT, OWNER_REPLIED, TASK_OPENED, ESCALATED, HELD_FOR_INCIDENT) and who closed it (RESOLVED:
     * the hub saw the pet recover; OUTCOME: an agent, its detail starting with the outcome; DISCARDED: an operator).
     * Only the alert's times and the case's variant and day come from elsewhere.
     */
    private static final String CASES = """
            WITH c AS (
              SELECT oc.variant, to_char(oc.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, a.detector,
                     a.detected_at, a.received_at,
                     coalesce(bool_or(e.kind = 'OPENED'), false) AS opened,
                     coalesce(bool_or(e.kind = 'HOLDOUT'), false) AS holdout,
                     coalesce(bool_or(e.kind = 'OWNER_REPLIED'), false) AS replied,
                     coalesce(bool_or(e.kind = 'TASK_OPENED'), false) AS tasked,
                     coalesce(bool_or(e.kind = 'ESCALATED'), false) AS escalated,
                     coalesce(bool_or(e.kind IN ('HELD_FOR_INCIDENT', 'DISCARDED')), false) AS held,
                     coalesce(bool_or(e.kind IN ('RESOLVED', 'OUTCOME', 'DISCARDED')), false) AS closed,
                     coalesce(bool_or(e.kind = 'RESOLVED'), false) AS recovered,
                     coalesce(bool_or(e.kind = 'OPTED_OUT'), false) AS opted_out,
                     coalesce(bool_or(e.kind = 'OUTCOME' AND e.detail ~ '%s'), false) AS agent_outcome,
                     coalesce(bool_or(e.kind = 'OUTCOME' AND e.detail LIKE 'FALSE_ALARM %%'), false) AS false_alarm,
                     min(e.at) FILTER (WHERE e.kind = 'MESSAGE_SENT' AND e.detail ~ '%s') AS first_sent
                FROM outreach_cases oc JOIN alerts a ON a.alert_id = oc.opened_by_alert
                LEFT JOIN case_events e ON e.case_id = oc.id
               WHERE oc.kind IN ('LOW_ACTIVITY', 'RESTLESS_NIGHTS') AND oc.opened_at >= ? AND oc.opened_at < ?
               GROUP BY oc.id, a.alert_id)
            SELECT %s AS grp, count(*) FILTER (WHERE NOT holdout), count(first_sent), count(*) FILTER (WHERE replied),
                   count(*) FILTER (WHERE escalated), count(*) FILTER (WHERE closed),
                   count(*) FILTER (WHERE opened AND recovered AND NOT escalated AND NOT held AND NOT tasked),
                   count(*) FILTER (WHERE false_alarm), count(*) FILTER (WHERE agent_outcome),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - detected_at)),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - detected_at)),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - received_at)),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - received_at)),
                   count(*) FILTER (WHERE holdout),
                   count(*) FILTER (WHERE opted_out AND first_sent IS NOT NULL)
              FROM c GROUP BY 1 ORDER BY 1""";

    /** The first text of a case: its MESSAGE_SENT event's detail starts with the channel and the script. */
    static final String FIRST_TEXT = "^[A-Z]+ vet-triage";

    /** An outcome an agent recorded: the OUTCOME event's detail starts with it (see {@code CaseActions}). */
    static final String AGENT_OUTCOME = "^(" + Arrays.stream(CaseOutcome.values()).map(Enum::name)
            .collect(Collectors.joining("|")) + ") ";

    private final Jdbi jdbi;
    private final CalibrationQueries calibration;

    public KpiQueries(Jdbi jdbi, CalibrationQueries calibration) {
        this.jdbi = jdbi;
        this.calibration = calibration;
    }

    public KpiReport report(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, was " + from + " .. " + to);
        }
        Object[] range = {from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC)};
        KpiRow overall = rows("'all'", range).stream().findFirst().orElse(empty());
        long texted = count("""
                SELECT count(DISTINCT oc.customer_id) FROM case_events e JOIN outreach_cases oc ON oc.id = e.case_id
                 WHERE e.kind = 'MESSAGE_SENT' AND e.at >= ? AND e.at < ?""", range);
        long stopped = count("""
                SELECT count(DISTINCT customer_id) FROM inbound_messages
                 WHERE keyword = 'STOP' AND received_at >= ? AND received_at < ?""", range);
        Map<String, Double> byDetector = new LinkedHashMap<>();
        rows("detector", range).forEach(r -> r.falseAlarmRate().ifPresent(v -> byDetector.put(r.group(), v)));
        return new KpiReport(from, to, overall, rows("day", range), rows("variant", range),
                KpiRow.rate(stopped, texted), byDetector, calibration.bySignal(from, to));
    }

    private List<KpiRow> rows(String group, Object[] range) {
        return jdbi.withHandle(h -> h.select(String.format(CASES, AGENT_OUTCOME, FIRST_TEXT, group), range)
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
        long optedOut = rs.getLong(15);
        return new KpiRow(rs.getString(1), outreach + holdout, outreach, holdout, texted, responded, escalated, closed,
                withoutAgent, falseAlarms, outcomes, optedOut, seconds(rs, 10), seconds(rs, 11), seconds(rs, 12),
                seconds(rs, 13), KpiRow.rate(responded, texted), KpiRow.rate(escalated, outreach),
                KpiRow.rate(withoutAgent, closed), KpiRow.rate(falseAlarms, outcomes), KpiRow.rate(optedOut, texted));
    }

    private static Optional<Double> seconds(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static KpiRow empty() {
        return new KpiRow("all", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
