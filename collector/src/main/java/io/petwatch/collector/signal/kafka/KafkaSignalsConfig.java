package io.petwatch.collector.signal.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Signals on Kafka (environment: PETWATCH_SIGNALS_KAFKA_ENABLED, _TOPIC, _DEAD_LETTER_TOPIC). The channel
 * {@value KafkaSignalConsumer#CHANNEL} reads these through application.properties; the broker is {@code kafka.bootstrap.servers}
 * (KAFKA_BOOTSTRAP_SERVERS). Webhooks need none of it.
 */
@ConfigMapping(prefix = "petwatch.signals.kafka")
public interface KafkaSignalsConfig {
    /** Consume the signals topic; off by default, and then the collector never connects to a broker. */
    @WithDefault("false")
    boolean enabled();

    /** The topic of signal envelopes, keyed by customer id. */
    @WithDefault("petwatch.signals")
    String topic();

    /** Where a record that cannot be taken in goes, with its reason in the dead-letter-reason header. */
    @WithDefault("petwatch.signals.rejected")
    String deadLetterTopic();
}
