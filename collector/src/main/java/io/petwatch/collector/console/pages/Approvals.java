package io.petwatch.collector.console.pages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What the approvals page reads: credits waiting for a supervisor, and the latest decisions with their reasons. */
@ApplicationScoped
public class Approvals {
    static final int RECENT = 20;

    private final Jdbi jdbi;

    public Approvals(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A credit above the cap, and what the supervisor needs to judge it.
     *
     * @param about         what the case is about: the pet's name, or a retail case's signal and subject
     * @param grantedBefore what this customer already received (granted or approved) before this request
     */
    public record Request(long id, long caseId, int amountCents, String grantedBy, String reason, Instant askedAt,
                          String about, String ownerName, String caseKind, String caseStatus, long grantedBefore,
                          Optional<String> decidedBy, Optional<String> decision, Optional<String> decisionReason) {
        public String amount() {
            return euros(amountCents);
        }

        public String before() {
            return euros(grantedBefore);
        }
    }

    public List<Request> waiting() {
        return requests("cr.status = 'PENDING_APPROVAL' ORDER BY cr.created_at, cr.id");
    }

    public List<Request> recentlyDecided() {
        return requests("cr.status IN ('APPROVED', 'DECLINED', 'WITHDRAWN') ORDER BY cr.decided_at DESC, cr.id DESC LIMIT "
                + RECENT);
    }

    private List<Request> requests(String where) {
        return jdbi.withHandle(h -> h.select("""
                SELECT cr.id, cr.case_id, cr.amount_cents, cr.granted_by, cr.reason, cr.created_at,
                       coalesce(p.name, oc.signal || ' ' || oc.subject),
                       c.first_name || ' ' || c.last_name, oc.kind, oc.status,
                       (SELECT coalesce(sum(x.amount_cents), 0) FROM credits x
                         WHERE x.customer_id = cr.customer_id AND x.id <> cr.id AND x.created_at <= cr.created_at
                           AND x.status IN ('GRANTED', 'APPROVED')),
                       cr.decided_by, cr.status, cr.decision_reason
                  FROM credits cr
                  JOIN outreach_cases oc ON oc.id = cr.case_id
                  JOIN customers c ON c.id = cr.customer_id
                  LEFT JOIN pets p ON p.id = oc.pet_id
                 WHERE\s""" + where).map((rs, ctx) -> request(rs)).list());
    }

    private static Request request(ResultSet rs) throws SQLException {
        Optional<String> decidedBy = Optional.ofNullable(rs.getString(12));
        String status = rs.getString(13);
        return new Request(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getLong(11), decidedBy, decidedBy.map(d -> status), Optional.ofNullable(rs.getString(14)));
    }

    static String euros(long cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }
}
