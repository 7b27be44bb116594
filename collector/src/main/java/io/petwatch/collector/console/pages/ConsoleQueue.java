package io.petwatch.collector.console.pages;

import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.config.PetwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The agents' queue as the console shows it, most urgent first, and taking and handing back its cases. Taking is
 * one conditional UPDATE, so two agents clicking at once cannot both hold a case; the trail records who took it.
 */
@ApplicationScoped
public class ConsoleQueue {
    /** More than a team works in a day; the page says when it shows only the first ones. */
    static final int MAX_ITEMS = 500;
    private static final String ITEMS = """
            SELECT oc.id, t.id, oc.kind, oc.severity, oc.status, coalesce(p.name, ''),
                   c.first_name || ' ' || c.last_name, c.time_zone, t.reason, t.reply, t.opened_at, oc.opened_at,
                   oc.escalate_at, oc.escalated_at, oc.assigned_to,
                   CASE WHEN oc.subject IS NOT NULL THEN oc.signal || ' ' || oc.subject END
              FROM outreach_cases oc
              JOIN customers c ON c.id = oc.customer_id
              LEFT JOIN pets p ON p.id = oc.pet_id
              LEFT JOIN agent_tasks t ON t.case_id = oc.id AND t.done_at IS NULL
             WHERE oc.status IN ('AWAITING_OWNER', 'ESCALATED', 'HELD')
                OR (t.id IS NOT NULL AND oc.status IN %s)
            UNION ALL
            SELECT NULL, t.id, 'REPLY', NULL, 'REPLY', '', coalesce(c.first_name || ' ' || c.last_name, t.from_number),
                   coalesce(c.time_zone, 'UTC'), t.reason, t.reply, t.opened_at, t.opened_at, NULL, NULL, NULL, NULL
              FROM agent_tasks t
              LEFT JOIN customers c ON c.id = t.customer_id
             WHERE t.case_id IS NULL AND t.done_at IS NULL""".formatted(CaseFile.OPEN_STATUSES);

    private final Jdbi jdbi;
    private final CaseFile cases;
    private final Clock clock;
    private final Duration agentSla;

    public ConsoleQueue(Jdbi jdbi, CaseFile cases, Clock clock, PetwatchConfig config) {
        this.jdbi = jdbi;
        this.cases = cases;
        this.clock = clock;
        this.agentSla = config.console().agentSla();
    }

    /** The queue narrowed by {@code filter}, soonest due first, at most {@link #MAX_ITEMS}. */
    public List<QueueItem> items(QueueFilter filter, String user) {
        return mostUrgent(jdbi.withHandle(h -> h.select(ITEMS).map((rs, ctx) -> item(rs)).list()), filter, user,
                MAX_ITEMS);
    }

    /**
     * What the filter admits, soonest due first, cut to {@code max}. The due time is worked out here, not in SQL, so
     * the cut comes after the sort: a limit in the query would drop arbitrary rows, the most urgent among them.
     */
    static List<QueueItem> mostUrgent(List<QueueItem> items, QueueFilter filter, String user, int max) {
        return items.stream().filter(item -> filter.admits(item, user))
                .sorted(Comparator.comparing(QueueItem::due).thenComparing(QueueItem::since))
                .limit(max).toList();
    }

    public Instant now() {
        return clock.instant();
    }

    /** What came of a take or a hand-back. */
    public enum Change { DONE, HELD_BY_SOMEONE_ELSE, NOT_YOURS, NOT_OPEN }

    /** The agent takes an open case nobody else holds (taking one's own again changes nothing). */
    public Change take(long caseId, String user) {
        int taken = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE outreach_cases SET assigned_to = ?, assigned_at = ?
                 WHERE id = ? AND status IN %s AND (assigned_to IS NULL OR assigned_to = ?)"""
                        .formatted(CaseFile.OPEN_STATUSES))
                .bind(0, user).bind(1, Timestamp.from(clock.instant())).bind(2, caseId).bind(3, user).execute());
        if (taken == 1) {
            cases.event(caseId, "ASSIGNED", user + " took the case from the queue");
            return Change.DONE;
        }
        return open(caseId) ? Change.HELD_BY_SOMEONE_ELSE : Change.NOT_OPEN;
    }

    /** The agent gives back a case they hold, so it shows as nobody's in the queue again. */
    public Change handBack(long caseId, String user) {
        int given = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE outreach_cases SET assigned_to = NULL, assigned_at = NULL WHERE id = ? AND assigned_to = ?""")
                .bind(0, caseId).bind(1, user).execute());
        if (given == 1) {
            cases.event(caseId, "HANDED_BACK", user + " handed the case back to the queue");
            return Change.DONE;
        }
        return open(caseId) ? Change.NOT_YOURS : Change.NOT_OPEN;
    }

    /** Who holds an open case, if anyone. */
    public Optional<String> holder(long caseId) {
        return assignee(caseId).filter(a -> !a.isEmpty());
    }

    private boolean open(long caseId) {
        return assignee(caseId).isPresent();
    }

    /** An open case's assignee, "" for nobody; empty when the case is not open. */
    private Optional<String> assignee(long caseId) {
        return jdbi.withHandle(h -> h.select("SELECT coalesce(assigned_to, '') FROM outreach_cases WHERE id = ?"
                + " AND status IN " + CaseFile.OPEN_STATUSES, caseId).mapTo(String.class).findFirst());
    }

    private QueueItem item(ResultSet rs) throws SQLException {
        Optional<Long> caseId = Optional.ofNullable(rs.getObject(1, Long.class));
        Optional<Long> taskId = Optional.ofNullable(rs.getObject(2, Long.class));
        String status = rs.getString(5);
        Optional<Instant> taskOpened = instant(rs, 11);
        Instant opened = instant(rs, 12).orElseThrow();
        Optional<Instant> escalateAt = instant(rs, 13);
        Optional<Instant> escalatedAt = instant(rs, 14);
        Instant since;
        Instant due;
        String waitingFor;
        if (taskOpened.isPresent()) {
            since = taskOpened.get();
            due = since.plus(agentSla);
            waitingFor = "CALL".equals(rs.getString(9)) ? "an agent to call the customer"
                    : "an agent to read the owner's reply";
        } else if (status.equals("ESCALATED")) {
            since = escalatedAt.orElse(opened);
            due = since.plus(agentSla);
            waitingFor = "an agent to call the owner";
        } else if (status.equals("HELD")) {
            since = opened;
            due = opened.plus(agentSla);
            waitingFor = "an operator: held by a fleet incident";
        } else {
            since = opened;
            due = escalateAt.orElse(opened.plus(agentSla));
            waitingFor = "the owner's answer";
        }
        return new QueueItem(caseId, taskId, rs.getString(3), Optional.ofNullable(rs.getString(4)), status,
                rs.getString(6), rs.getString(7), rs.getString(8), Optional.ofNullable(rs.getString(9)),
                Optional.ofNullable(rs.getString(10)), since, due, Optional.ofNullable(rs.getString(15)), waitingFor,
                Optional.ofNullable(rs.getString(16)));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
