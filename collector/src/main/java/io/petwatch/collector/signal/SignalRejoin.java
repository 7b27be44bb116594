package io.petwatch.collector.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Joins again the signal events kept with an unknown customer, when a CRM import may have named that customer (a
 * Stripe customer or a tracking code the retailer had not registered yet). Inside the import's transaction: an event
 * that now joins gets its customer, its facts completed from the ref's details, and status RECEIVED again, so
 * detection decides it as if it had just arrived (on its own event time); {@link SignalStored} is fired for it. Only
 * events received within {@code petwatch.signals.rejoin-window} are looked at, at most {@value #MAX_PER_IMPORT} an
 * import, oldest first; the rest keep their reason.
 */
@ApplicationScoped
public class SignalRejoin {
    static final int MAX_PER_IMPORT = 10_000;
    private static final Logger LOG = Logger.getLogger(SignalRejoin.class);

    private final Jdbi jdbi;
    private final Map<String, SourceParser> parsers = new TreeMap<>();
    private final Event<SignalStored> stored;
    private final Clock clock;
    private final Duration window;

    public SignalRejoin(Jdbi jdbi, Instance<SourceParser> parsers, Event<SignalStored> stored, Clock clock,
                        SignalConfig config) {
        this.jdbi = jdbi;
        this.stored = stored;
        this.clock = clock;
        this.window = config.rejoinWindow();
        parsers.forEach(p -> this.parsers.put(p.source(), p));
    }

    /** A stored event waiting for its customer. */
    private record Waiting(long id, String source, String payload) {
    }

    void imported(@Observes CustomerRefsChanged event) {
        if (event.refs() == 0 && event.customerIds().isEmpty()) {
            return;
        }
        int joined = jdbi.withHandle(this::rejoin);
        if (joined > 0) {
            LOG.infof("CRM import: %d signal event(s) kept with an unknown customer now joined", joined);
        }
    }

    /** Joins what it can; how many events it joined. */
    int rejoin(Handle h) {
        List<Waiting> waiting = h.select("""
                SELECT id, source, payload FROM signal_events
                 WHERE customer_id IS NULL AND status IN ('RECEIVED', 'UNMATCHED') AND received_at >= ?
                 ORDER BY id LIMIT ?""", Timestamp.from(clock.instant().minus(window)), MAX_PER_IMPORT)
                .map((rs, ctx) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        int joined = 0;
        for (Waiting w : waiting) {
            SourceParser parser = parsers.get(w.source());
            if (parser == null) {
                continue; // a source no longer configured: as it was
            }
            Parsed read;
            try {
                read = parser.parse(w.payload().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // Stored once it parsed; a parser changed since must not fail the customers' import.
                LOG.warnf("signal event %d not joined again: its payload no longer parses (%s)", w.id(), e.toString());
                continue;
            }
            if (!(read instanceof Parsed.Stored parsed)) {
                continue; // a type no longer stored: as it was
            }
            SignalEvent e = parsed.event();
            CustomerJoin.Joined join = CustomerJoin.join(h, e.refs());
            if (join.customerId().isEmpty()) {
                continue;
            }
            parser.complete(e.facts(), join.details());
            int updated = h.execute("""
                    UPDATE signal_events SET customer_id = ?, unmatched_reason = NULL, facts = CAST(? AS jsonb),
                           status = 'RECEIVED', status_reason = NULL, processed_at = NULL
                     WHERE id = ? AND customer_id IS NULL""", join.customerId().get(), e.facts().toString(), w.id());
            if (updated == 1) {
                joined++;
                stored.fire(new SignalStored(w.id(), w.source(), e.signal(), e.subject(), join.customerId()));
            }
        }
        return joined;
    }
}
