package io.petwatch.collector.signal;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way a retail signal event (a Stripe payment event, an EasyPost tracker update, a survey answer) enters
 * PetWatch, whether it came as a webhook or from Kafka. {@link #accept} takes the event's bytes exactly as the source
 * sent them, already authenticated by the caller (the webhook resources verify the source's signature first; the
 * Kafka consumer relies on the broker's access control and passes {@link Via#KAFKA}); it parses them with the
 * source's {@link SourceParser} (bad JSON or a missing field is a {@link BadInput} naming the field, and nothing is
 * stored), normalises them to the contract's facts, joins them to a customer through customer_refs (an unknown
 * customer is stored with customer_id NULL and the reason), and stores them once per (source, event id) in
 * signal_events with status RECEIVED. The same event again, by either path, is {@code ALREADY_STORED} and writes
 * nothing; an event type PetWatch does not use is {@code IGNORED}. Sources: {@code stripe}, {@code easypost},
 * {@code survey}. Joins the caller's transaction if there is one; {@link SignalStored} is fired for each stored row.
 */
@ApplicationScoped
public class SignalIntake {
    private static final Logger LOG = Logger.getLogger(SignalIntake.class);

    private final Jdbi jdbi;
    private final Map<String, SourceParser> parsers = new TreeMap<>();
    private final Event<SignalStored> stored;

    public SignalIntake(Jdbi jdbi, Instance<SourceParser> parsers, Event<SignalStored> stored) {
        this.jdbi = jdbi;
        this.stored = stored;
        parsers.forEach(p -> this.parsers.put(p.source(), p));
    }

    /**
     * Stores one event once.
     *
     * @param source stripe, easypost or survey
     * @param body   the event as the source sent it (JSON, UTF-8)
     * @param via    how it came
     * @throws BadInput when the source is unknown, or the body is not JSON or lacks a field (naming it)
     */
    @Transactional
    public IntakeResult accept(String source, byte[] body, Via via) {
        SourceParser parser = Optional.ofNullable(parsers.get(source)).orElseThrow(() -> new BadInput("source",
                "'" + InputText.printable(String.valueOf(source), 40) + "' is not a signal source; the sources are "
                        + String.join(", ", parsers.keySet())));
        Parsed parsed = parser.parse(body);
        if (parsed instanceof Parsed.Ignored ignored) {
            LOG.debugf("%s event %s (%s) not stored: %s", source, ignored.eventId(), ignored.eventType(),
                    ignored.reason());
            return IntakeResult.ignored(source, ignored.eventId(), ignored.reason());
        }
        SignalEvent event = ((Parsed.Stored) parsed).event();
        return jdbi.withHandle(h -> {
            CustomerJoin.Joined joined = CustomerJoin.join(h, event.refs());
            parser.complete(event.facts(), joined.details());
            Optional<Long> id = h.select("""
                    INSERT INTO signal_events (source, event_id, event_type, signal, subject, customer_id,
                                               unmatched_reason, occurred_at, via, payload, facts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                    ON CONFLICT (source, event_id) DO NOTHING
                    RETURNING id""", event.source(), event.eventId(), event.eventType(), event.signal().name(),
                    event.subject(), joined.customerId().orElse(null), joined.unmatched().orElse(null),
                    java.sql.Timestamp.from(event.occurredAt()), via.name(),
                    new String(body, StandardCharsets.UTF_8), event.facts().toString())
                    .mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                LOG.debugf("%s event %s already stored", source, event.eventId());
                return IntakeResult.alreadyStored(source, event.eventId());
            }
            LOG.debugf("%s event %s stored as signal event %d (%s %s, customer %s)", source, event.eventId(),
                    id.get(), event.signal(), event.subject(), joined.customerId().orElse("unknown"));
            stored.fire(new SignalStored(id.get(), source, event.signal(), event.subject(), joined.customerId()));
            return IntakeResult.stored(event, id.get(), joined.customerId(), joined.unmatched());
        });
    }
}
