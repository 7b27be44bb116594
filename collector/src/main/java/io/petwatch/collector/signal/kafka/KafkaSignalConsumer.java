package io.petwatch.collector.signal.kafka;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.signal.IntakeResult;
import io.petwatch.collector.signal.SignalIntake;
import io.petwatch.collector.signal.Via;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes signal envelopes ({@link SignalEnvelope}) off the Kafka topic into {@link SignalIntake}, the same intake the
 * webhooks use, as {@link Via#KAFKA}. The channel is off unless {@code petwatch.signals.kafka.enabled=true}.
 *
 * <p>Delivery is at least once: a record is acknowledged after intake has committed its event, and only acknowledged
 * offsets are committed; a record seen again after a restart or a rebalance is stored once (intake keys by source and
 * event id). A record that cannot be taken in (not JSON, unknown source, an event missing a field) is nacked with the
 * reason: the connector's dead-letter-queue failure strategy copies it, key and value unchanged, to the dead-letter
 * topic with the reason in its {@code dead-letter-reason} header, and only then acknowledges it, so the partition
 * moves on and nothing is lost. A record intake still cannot store after its retries (the database away) goes the
 * same way, with the failure as its reason.
 */
@ApplicationScoped
public class KafkaSignalConsumer {
    /** The incoming channel of signal envelopes: mp.messaging.incoming.retail-signals.* in application.properties. */
    public static final String CHANNEL = "retail-signals";
    private static final Logger LOG = Logger.getLogger(KafkaSignalConsumer.class);

    private final SignalRecordIntake intake;
    private final KafkaSignalsConfig config;

    public KafkaSignalConsumer(SignalRecordIntake intake, KafkaSignalsConfig config) {
        this.intake = intake;
        this.config = config;
    }

    /** Says at start whether signals come from Kafka too, and from where: an operator need not read the config. */
    void announce(@Observes StartupEvent event) {
        if (config.enabled()) {
            LOG.infof("Signals on Kafka: consuming topic %s, records that cannot be taken in go to %s",
                    config.topic(), config.deadLetterTopic());
        } else {
            LOG.debug("Signals on Kafka: off (petwatch.signals.kafka.enabled=false); webhooks only");
        }
    }

    /**
     * One record. Its key is the customer id: it only orders a customer's events on one partition (intake joins the
     * customer from the event itself).
     */
    @Incoming(CHANNEL)
    // Intake writes to PostgreSQL, so off the event loop; ordered, so one partition's records are stored in turn.
    @Blocking
    public CompletionStage<Void> receive(Message<byte[]> record) {
        String where = position(record);
        try {
            IntakeResult result = intake.take(record.getPayload());
            LOG.debugf("Kafka record %s: %s event %s %s", where, result.source(), result.eventId(), result.outcome());
            return record.ack();
        } catch (BadInput refused) {
            // The producer's mistake, not ours: one line, no stack trace, as for a 400 on the API.
            LOG.infof("Kafka record %s refused, to the dead-letter topic: %s", where, refused.getMessage());
            return record.nack(refused);
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "Kafka record %s not stored after retries, to the dead-letter topic", where);
            return record.nack(failure);
        }
    }

    /** topic-partition@offset (key ...), the key escaped as a log line may show it. */
    private static String position(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getTopic() + "-" + m.getPartition()
                + "@" + m.getOffset() + " (key " + (m.getKey() == null ? "none"
                : InputText.printable(String.valueOf(m.getKey()), 80)) + ")").orElse("(no Kafka metadata)");
    }
}
