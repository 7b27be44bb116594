package io.petwatch.collector.outreach;

import io.petwatch.collector.casefile.CaseFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the relay records after each attempt, each outcome in one transaction: the message's mark, its case's audit
 * event, a started timer or the same step queued on the owner's next channel commit together or not at all.
 */
@ApplicationScoped
public class RelayOutcomes {
    private final Jdbi jdbi;
    private final CaseFile cases;
    private final Outbox outbox;

    public RelayOutcomes(Jdbi jdbi, CaseFile cases, Outbox outbox) {
        this.jdbi = jdbi;
        this.cases = cases;
        this.outbox = outbox;
    }

    /** A message the provider took, not yet marked SENT. */
    public record Sent(long messageId, Instant at, String providerRef) {
    }

    /**
     * Marks messages SENT, starts their cases' escalation timers (the owner's four hours start when the text actually
     * left) and writes the audit events.
     */
    @Transactional
    public int sent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return 0;
        }
        record Row(Optional<Long> caseId, String what, Instant at) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.select("""
                UPDATE messages m SET status = 'SENT', sent_at = s.at, provider_ref = NULLIF(s.ref, ''),
                                      error = NULL, claimed_until = NULL
                  FROM unnest(?::bigint[], ?::timestamptz[], ?::text[]) AS s(id, at, ref)
                 WHERE m.id = s.id
                RETURNING m.case_id, m.channel || ' ' || m.template || ' handed to the provider ('
                          || coalesce(s.ref, '') || ')', s.at""",
                sent.stream().map(Sent::messageId).toArray(Long[]::new),
                sent.stream().map(s -> s.at().toString()).toArray(String[]::new),
                sent.stream().map(Sent::providerRef).toArray(String[]::new))
                .map((rs, ctx) -> new Row(Optional.ofNullable((Long) rs.getObject(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list());
        Map<Long, Instant> timers = new LinkedHashMap<>();
        List<CaseFile.Event> events = new ArrayList<>();
        for (Row r : rows) {
            r.caseId().ifPresent(id -> {
                timers.putIfAbsent(id, r.at());
                events.add(new CaseFile.Event(id, "MESSAGE_SENT", r.what()));
            });
        }
        cases.startTimers(timers);
        cases.events(events);
        return sent.size();
    }

    /**
     * The message cannot go on this channel for good (the provider refused it, or the owner withdrew consent): it is
     * FAILED with the reason, on its case's trail, and the same step is queued on the owner's next channel.
     *
     * @param next the owner's next consented channel and its address, if any
     */
    @Transactional
    public void failed(OutboundMessage m, String channel, String error, String event, Optional<Outbox.Message> next,
                       String why) {
        jdbi.useHandle(h -> h.execute("UPDATE messages SET status = 'FAILED', error = ?, claimed_until = NULL"
                + " WHERE id = ?", error, m.messageId()));
        if (m.caseId().isEmpty()) {
            return; // replies to keywords belong to the channel they came in on
        }
        long caseId = m.caseId().get();
        List<CaseFile.Event> events = new ArrayList<>(List.of(new CaseFile.Event(caseId, event, channel + " "
                + m.template() + " " + error)));
        if (next.isEmpty()) {
            events.add(new CaseFile.Event(caseId, "NO_CHANNEL_LEFT", why + "; no other consented channel: an agent"
                    + " must reach the owner another way"));
        } else if (outbox.queue(next.get())) {
            events.add(new CaseFile.Event(caseId, "CHANNEL_FALLBACK", why + "; the same message goes by "
                    + next.get().channel()));
        }
        cases.events(events);
    }

    /** A failure worth retrying: the message stays QUEUED with its error until {@code retryAt}. */
    public void retryLater(long messageId, String error, Instant retryAt) {
        jdbi.useHandle(h -> h.execute("UPDATE messages SET error = ?, send_after = ?, claimed_until = NULL"
                + " WHERE id = ?", error, retryAt, messageId));
    }

    /**
     * The channel is down: these claimed messages go back to the queue untouched (the attempt does not count, the
     * message was never at fault) and leave when the channel is up again.
     */
    public void requeue(List<Long> messageIds, String error) {
        if (!messageIds.isEmpty()) {
            jdbi.useHandle(h -> h.execute("""
                    UPDATE messages SET error = ?, claimed_until = NULL, attempts = greatest(attempts - 1, 0)
                     WHERE id = ANY(?)""", error, messageIds.toArray(Long[]::new)));
        }
    }
}
