package io.petwatch.collector.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Owners' replies a person must read ({@code agent_tasks}): worried, asking for help, unreadable, or from a number
 * several customers share; and calls the playbook asks an agent to make at once (CALL: a service recovery after an
 * unhappy survey answer). One open task per case: a later reply replaces the reply shown and can only raise the
 * reason's urgency (WORRIED over HELP over CALL over UNCLEAR). Called inside the caller's transaction.
 */
@ApplicationScoped
public class AgentTasks {
    private static final String COLUMNS = "id, case_id, customer_id, from_number, reason, reply, opened_at";

    private final Jdbi jdbi;
    private final Clock clock;

    public AgentTasks(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** An open task, for the agents' queue. */
    public record Task(long id, Optional<Long> caseId, Optional<String> customerId, String fromNumber, String reason,
                       String reply, Instant openedAt) {
    }

    /** Opens the case's task, or updates the one open; returns its id. */
    public long open(Optional<Long> caseId, Optional<String> customerId, String fromNumber, String reason,
                     String reply, long inboundId) {
        return jdbi.withHandle(h -> h.select("""
                INSERT INTO agent_tasks (case_id, customer_id, from_number, reason, reply, inbound_id, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id) WHERE done_at IS NULL DO UPDATE
                   SET reply = EXCLUDED.reply, inbound_id = EXCLUDED.inbound_id,
                       reason = CASE WHEN 'WORRIED' IN (agent_tasks.reason, EXCLUDED.reason) THEN 'WORRIED'
                                     WHEN 'HELP' IN (agent_tasks.reason, EXCLUDED.reason) THEN 'HELP'
                                     WHEN 'CALL' IN (agent_tasks.reason, EXCLUDED.reason) THEN 'CALL'
                                     ELSE EXCLUDED.reason END
                RETURNING id""", caseId.orElse(null), customerId.orElse(null), fromNumber, reason, reply, inboundId,
                clock.instant()).mapTo(Long.class).one());
    }

    /**
     * The playbook asks an agent to call the customer now: a CALL task on the case, showing {@code brief} (what the
     * customer told us) where an owner's reply would be. An open task on the case is kept, raised to CALL.
     */
    public long openCall(long caseId, String customerId, String phone, String brief) {
        return jdbi.withHandle(h -> h.select("""
                INSERT INTO agent_tasks (case_id, customer_id, from_number, reason, reply, opened_at)
                VALUES (?, ?, ?, 'CALL', ?, ?)
                ON CONFLICT (case_id) WHERE done_at IS NULL DO UPDATE
                   SET reason = CASE WHEN agent_tasks.reason IN ('WORRIED', 'HELP') THEN agent_tasks.reason
                                     ELSE 'CALL' END
                RETURNING id""", caseId, customerId, phone, brief, clock.instant()).mapTo(Long.class).one());
    }

    /** Marks a task done; the task, or empty when there is no such open task. */
    public Optional<Task> done(long taskId, String by) {
        return jdbi.withHandle(h -> h.select("""
                UPDATE agent_tasks SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL
                RETURNING \s""" + COLUMNS, clock.instant(), by, taskId).map((rs, ctx) -> task(rs)).findFirst());
    }

    /** Open tasks, oldest first. */
    public List<Task> open(int limit) {
        return jdbi.withHandle(h -> h.select("SELECT " + COLUMNS + " FROM agent_tasks WHERE done_at IS NULL"
                + " ORDER BY opened_at, id LIMIT ?", limit).map((rs, ctx) -> task(rs)).list());
    }

    private static Task task(ResultSet rs) throws SQLException {
        return new Task(rs.getLong(1), Optional.ofNullable((Long) rs.getObject(2)), Optional.ofNullable(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
