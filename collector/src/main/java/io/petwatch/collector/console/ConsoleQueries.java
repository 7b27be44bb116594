package io.petwatch.collector.console;

import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.ingest.AcceptedAlert;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.HourlyActivity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Read-only queries behind the console's JSON API, newest first. */
@ApplicationScoped
public class ConsoleQueries {
    private static final String ALERT_COLUMNS = """
            alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end, detected_at, raised_at,
            received_at, detector, detector_params::text, summary, activity_ratio, worn_coverage, status, status_reason,
            payload, arrival, source, customer_id, subject""";

    private final Jdbi jdbi;

    public ConsoleQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<AlertView> alerts(int limit) {
        return jdbi.withHandle(h -> h.select("SELECT " + ALERT_COLUMNS + " FROM alerts ORDER BY arrival DESC LIMIT ?",
                limit).map((rs, ctx) -> alert(rs, false)).list());
    }

    public Optional<AlertView> alert(String alertId) {
        return jdbi.withHandle(h -> h.select("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE alert_id = ?", alertId)
                .map((rs, ctx) -> alert(rs, true)).findFirst());
    }

    // A retail trigger's case has no pet: LEFT JOIN.
    private static final String CASE_SELECT = """
            SELECT oc.id, oc.opened_by_alert, oc.customer_id, c.first_name || ' ' || c.last_name, oc.pet_id, p.name,
                   oc.collar_id, oc.kind, oc.severity, oc.episode_start, oc.status, oc.decision, oc.opened_at,
                   oc.escalate_at, oc.responded_at, oc.escalated_at, oc.closed_at, oc.outcome, oc.outcome_by,
                   t.id, t.reason, t.reply, t.opened_at, oc.signal, oc.subject, oc.rule
              FROM outreach_cases oc
              JOIN customers c ON c.id = oc.customer_id
              LEFT JOIN pets p ON p.id = oc.pet_id
              LEFT JOIN agent_tasks t ON t.case_id = oc.id AND t.done_at IS NULL""";

    public List<CaseView> cases(int limit) {
        return jdbi.withHandle(h -> h.select(CASE_SELECT + " ORDER BY oc.opened_at DESC, oc.id DESC LIMIT ?", limit)
                .map((rs, ctx) -> caseView(rs)).list());
    }

    /**
     * The agents' queue: escalated cases and cases with an owner's reply a person must read, longest waiting first
     * (since the escalation or the reply, whichever came first).
     */
    public List<CaseView> agentQueue(int limit) {
        return jdbi.withHandle(h -> h.select(CASE_SELECT + "\n" + """
                 WHERE oc.status = 'ESCALATED' OR (t.id IS NOT NULL AND oc.status IN %s)
                 ORDER BY least(oc.escalated_at, t.opened_at), oc.id LIMIT ?""".formatted(CaseFile.OPEN_STATUSES),
                        limit)
                .map((rs, ctx) -> caseView(rs)).list());
    }

    public Optional<CaseView> caseById(long id) {
        return jdbi.withHandle(h -> h.select(CASE_SELECT + " WHERE oc.id = ?", id)
                .map((rs, ctx) -> caseView(rs)).findFirst());
    }

    public List<CaseEventView> caseEvents(long caseId) {
        return jdbi.withHandle(h -> h.select(
                        "SELECT id, case_id, at, kind, detail FROM case_events WHERE case_id = ? ORDER BY id", caseId)
                .map((rs, ctx) -> new CaseEventView(rs.getLong(1), rs.getLong(2), instant(rs, 3), rs.getString(4),
                        rs.getString(5)))
                .list());
    }

    private static CaseView caseView(ResultSet rs) throws SQLException {
        return new CaseView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), rs.getString(8), Optional.ofNullable(rs.getString(9)),
                instant(rs, 10), rs.getString(11), rs.getString(12), instant(rs, 13), optionalInstant(rs, 14),
                optionalInstant(rs, 15), optionalInstant(rs, 16), optionalInstant(rs, 17),
                Optional.ofNullable(rs.getString(18)), Optional.ofNullable(rs.getString(19)),
                CaseView.holder(rs.getString(11), rs.getObject(20) != null),
                rs.getObject(20) == null ? Optional.empty() : Optional.of(new CaseView.TaskView(rs.getLong(20),
                        rs.getString(21), rs.getString(22), instant(rs, 23))),
                rs.getString(24), Optional.ofNullable(rs.getString(25)), Optional.ofNullable(rs.getString(26)));
    }

    public List<MessageView> messages(int limit) {
        return jdbi.withHandle(h -> h.select("""
                SELECT id, case_id, customer_id, channel, recipient, template, body, status, provider_ref, error,
                       created_at, send_after, sent_at, attempts, reason
                  FROM messages ORDER BY created_at DESC, id DESC LIMIT ?""", limit)
                .map((rs, ctx) -> new MessageView(rs.getLong(1), Optional.ofNullable((Long) rs.getObject(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10)),
                        instant(rs, 11), instant(rs, 12), optionalInstant(rs, 13), rs.getInt(14),
                        Optional.ofNullable(rs.getString(15))))
                .list());
    }

    private static AlertView alert(ResultSet rs, boolean withEvidence) throws SQLException {
        String source = rs.getString(21);
        // A retail trigger's payload is its evidence as JSON, not a hub's protobuf: it has no hours to chart.
        Evidence evidence = withEvidence && "hub".equals(source) ? evidence(rs.getBytes(19))
                : Evidence.getDefaultInstance();
        return new AlertView(rs.getString(1), Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                optionalInstant(rs, 10), instant(rs, 11), rs.getString(12),
                AcceptedAlert.paramsFromJson(rs.getString(1), rs.getString(13)), rs.getString(14),
                optionalDouble(rs, 15), optionalDouble(rs, 16), rs.getString(17), Optional.ofNullable(rs.getString(18)),
                hours(evidence.getHourlyList()), hours(evidence.getBeforeWindowList()), rs.getLong(20), source,
                Optional.ofNullable(rs.getString(22)), Optional.ofNullable(rs.getString(23)));
    }

    private static Evidence evidence(byte[] payload) {
        try {
            return Alert.parseFrom(payload).getEvidence();
        } catch (IOException e) {
            throw new IllegalStateException("stored alert payload is unreadable", e);
        }
    }

    private static List<AlertView.HourView> hours(List<HourlyActivity> hours) {
        return hours.stream().map(h -> new AlertView.HourView(Instant.ofEpochMilli(h.getHourStartMs()),
                Integer.toUnsignedLong(h.getActivity()), Integer.toUnsignedLong(h.getBaseline()), h.getWornMinutes(),
                Integer.toUnsignedLong(h.getBaselineLow()), Integer.toUnsignedLong(h.getBaselineHigh()))).toList();
    }

    private static Optional<Double> optionalDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** A nullable timestamp column. */
    private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    /** A NOT NULL timestamp column. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
