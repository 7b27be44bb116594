package io.petwatch.collector.signal.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collector as every other test (and a default deployment) runs it, without Kafka configured: the signals channel
 * is off, so there is no Kafka consumer or producer at all, and nothing tries to reach a broker.
 */
@QuarkusTest
class KafkaSignalsOffIT {
    @Inject
    KafkaClientService kafka;

    @Test
    void makesNoKafkaClientUnlessSignalsOnKafkaAreEnabled() {
        assertEquals(Set.of(), kafka.getConsumerChannels());
        assertEquals(Set.of(), kafka.getProducerChannels());
    }
}
