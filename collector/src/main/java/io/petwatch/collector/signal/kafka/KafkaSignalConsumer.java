package io.petwatch.collector.signal.kafka;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.signal.IntakeResult;
import io.petwatch.collector.signal.SignalIntake;
import io.petwatch.collector.signal.Via;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes signal envelopes ({@link SignalEnvelope}) off the Kafka topic into {@link SignalIntake}, the same intake the
 * webhooks use, as {@link Via#KAFKA}. The channel is off unless {@code petwatch.signals.kafka.enabled=true}.
 *
 * <p>Delivery is at least once: a record is acknowledged when this method returns, after intake has committed the
 * event, and only acknowledged offsets are committed; a record seen again after a restart is stored once (intake keys
 * by source and event id). A record that cannot be taken in (not JSON, unknown source, an event missing a field) is
 * refused with a {@link BadInput}: the connector's dead-letter-queue failure strategy copies it, key and value
 * unchanged, to the dead-letter topic with the reason in its {@code dead-letter-reason} header, then acknowledges
 * it, so the partition moves on. Any other failure (the database away) is retried for about half a minute first, then
 * the record goes to the dead-letter topic the same way, with the failure as its reason.
 */
@ApplicationScoped
public class KafkaSignalConsumer {
    /** The incoming channel of signal envelopes: mp.messaging.incoming.retail-signals.* in application.properties. */
    public static final String CHANNEL = "retail-signals";
    private static final Logger LOG = Logger.getLogger(KafkaSignalConsumer.class);

    private final SignalIntake intake;

    public KafkaSignalConsumer(SignalIntake intake) {
        this.intake = intake;
    }

    /**
     * One record: its key is the customer id (it only orders a customer's events on one partition; intake joins the
     * customer from the event itself).
     *
     * @throws BadInput when the record cannot be taken in, naming why: the record goes to the dead-letter topic
     */
    @Incoming(CHANNEL)
    // Intake writes to PostgreSQL, so off the event loop; ordered, so one partition's records are stored in turn.
    @Blocking
    // A refused record would be refused again: only other failures (the database away) are worth another try. Half a
    // minute at most, within the throttled commit strategy's 60 s limit on an unacknowledged record.
    @Retry(maxRetries = 10, delay = 2_000, jitter = 1_000, maxDuration = 40_000, abortOn = BadInput.class)
    public void receive(ConsumerRecord<String, byte[]> record) {
        try {
            SignalEnvelope envelope = SignalEnvelope.parse(record.value());
            IntakeResult result = intake.accept(envelope.source(), envelope.event(), Via.KAFKA);
            LOG.debugf("Kafka record %s (key %s): %s event %s %s", position(record), key(record), result.source(),
                    result.eventId(), result.outcome());
        } catch (BadInput refused) {
            LOG.warnf("Kafka record %s (key %s) refused, to the dead-letter topic: %s", position(record),
                    key(record), refused.getMessage());
            throw refused;
        }
    }

    /** The key as a log line may show it: the producer's text, so control characters escaped. */
    private static String key(ConsumerRecord<String, ?> record) {
        return record.key() == null ? "none" : InputText.printable(record.key(), 80);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
