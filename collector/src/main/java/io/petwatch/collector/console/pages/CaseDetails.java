package io.petwatch.collector.console.pages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What the case page shows beyond the case itself: who it is about, the whole conversation, and the credits. */
@ApplicationScoped
public class CaseDetails {
    private final Jdbi jdbi;

    public CaseDetails(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The owner and the pet (none on a retail trigger's case), as the agent needs them on the phone. */
    public record Parties(String customerId, String ownerName, String phone, Optional<String> email, String zone,
                          int loyalty, boolean smsConsent, Optional<String> petName, Optional<String> species,
                          Optional<String> breed, Optional<String> vetClinic) {
    }

    /**
     * One message of the conversation, either way.
     *
     * @param fromOwner the owner wrote it (a reply), or we did (a text, an email, a push)
     * @param detail    for ours: status and script; for theirs: what it was read as
     */
    public record Line(Instant at, boolean fromOwner, String channel, String text, String detail) {
    }

    /** A credit granted or asked for on the case. */
    public record CreditLine(long id, int amountCents, String status, String grantedBy, String reason,
                             Optional<String> decidedBy) {
        public String amount() {
            return String.format("%d.%02d", amountCents / 100, amountCents % 100);
        }
    }

    public Optional<Parties> parties(long caseId) {
        return jdbi.withHandle(h -> h.select("""
                SELECT c.id, c.first_name || ' ' || c.last_name, c.phone, c.email, c.time_zone, c.loyalty_score,
                       c.sms_consent, p.name, p.species, p.breed, p.vet_clinic
                  FROM outreach_cases oc
                  JOIN customers c ON c.id = oc.customer_id
                  LEFT JOIN pets p ON p.id = oc.pet_id
                 WHERE oc.id = ?""", caseId)
                .map((rs, ctx) -> new Parties(rs.getString(1), rs.getString(2), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), rs.getString(5), rs.getInt(6), rs.getBoolean(7),
                        Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)),
                        Optional.ofNullable(rs.getString(10)),
                        Optional.ofNullable(rs.getString(11))))
                .findFirst());
    }

    /** Every message of the case, ours and the owner's, in the order they were written. */
    public List<Line> conversation(long caseId) {
        List<Line> lines = new ArrayList<>(jdbi.withHandle(h -> h.select("""
                SELECT coalesce(sent_at, created_at), channel, body, status, template, error
                  FROM messages WHERE case_id = ?""", caseId)
                .map((rs, ctx) -> new Line(instant(rs, 1), false, rs.getString(2), rs.getString(3),
                        rs.getString(4) + " · " + rs.getString(5)
                                + Optional.ofNullable(rs.getString(6)).map(e -> " · " + e).orElse("")))
                .list()));
        lines.addAll(jdbi.withHandle(h -> h.select("""
                SELECT received_at, body, coalesce(meaning, keyword), meaning_cues
                  FROM inbound_messages WHERE case_id = ?""", caseId)
                .map((rs, ctx) -> new Line(instant(rs, 1), true, "SMS", rs.getString(2), "read as "
                        + rs.getString(3) + Optional.ofNullable(rs.getString(4)).filter(c -> !c.isBlank())
                        .map(c -> " (" + c + ")").orElse("")))
                .list()));
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }

    public List<CreditLine> credits(long caseId) {
        return jdbi.withHandle(h -> h.select("""
                SELECT id, amount_cents, status, granted_by, reason, decided_by FROM credits WHERE case_id = ?
                 ORDER BY id""", caseId).map((rs, ctx) -> credit(rs)).list());
    }

    private static CreditLine credit(ResultSet rs) throws SQLException {
        return new CreditLine(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Optional.ofNullable(rs.getString(6)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t.toInstant();
    }
}
