package io.petwatch.collector.outreach;

import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The relay's bookkeeping for messages the provider took: marked SENT in batches, one statement each. */
@ApplicationScoped
public class SentMessages {
    private final Jdbc jdbc;

    public SentMessages(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A message the provider took, not yet marked SENT. */
    public record Sent(long messageId, Instant at, String providerRef) {
    }

    /**
     * Marks texts SENT, starts their cases' escalation timers (the owner's four hours start when the text actually
     * left) and writes the audit events: one statement, so a crash cannot leave a sent text without its timer.
     */
    public int mark(List<Sent> sent) {
        if (sent.isEmpty()) {
            return 0;
        }
        jdbc.update("""
                WITH sent AS (
                    UPDATE messages m SET status = 'SENT', sent_at = s.at, provider_ref = NULLIF(s.ref, ''),
                                          error = NULL, claimed_until = NULL
                      FROM unnest(?::bigint[], ?::timestamptz[], ?::text[]) AS s(id, at, ref)
                     WHERE m.id = s.id
                 RETURNING m.id, m.case_id, m.channel, m.template, s.at, s.ref),
                timer AS (
                    UPDATE outreach_cases c SET escalate_at = sent.at + c.escalate_after
                      FROM sent
                     WHERE c.id = sent.case_id AND c.status = 'AWAITING_OWNER' AND c.escalate_at IS NULL
                       AND c.escalate_after IS NOT NULL)
                INSERT INTO case_events (case_id, kind, detail)
                SELECT case_id, 'MESSAGE_SENT', channel || ' ' || template || ' handed to the provider ('
                       || coalesce(ref, '') || ')'
                  FROM sent WHERE case_id IS NOT NULL ORDER BY id""",
                sent.stream().map(Sent::messageId).toArray(Long[]::new),
                sent.stream().map(s -> Timestamp.from(s.at())).toArray(Timestamp[]::new),
                sent.stream().map(Sent::providerRef).toArray(String[]::new));
        return sent.size();
    }
}
