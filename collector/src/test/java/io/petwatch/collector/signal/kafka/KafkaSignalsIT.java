package io.petwatch.collector.signal.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignalRows;
import io.petwatch.collector.testing.Jdbc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signals on Kafka, through a real broker in process (KafkaBrokerResource) into the real PostgreSQL: each source's
 * event in an envelope is stored once with via KAFKA, a redelivered one is not stored again, and a record that cannot
 * be taken in goes to the dead-letter topic with its reason while the records after it are still stored.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class KafkaSignalsIT {
    /** Ids unique to this run, so nothing is mistaken for another run's rows or dead letters. */
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static KafkaProducer<String, byte[]> producer;

    @Inject
    Jdbc jdbc;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** A record on the signals topic, keyed by customer, sent and acknowledged by the broker. */
    private static void produce(String customer, String value) throws Exception {
        producer.send(new ProducerRecord<>(KafkaBrokerResource.TOPIC, customer, value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static String envelope(String source, String event) {
        return "{\"source\": \"" + source + "\", \"event\": " + event + "}";
    }

    /** A sample event (the webhook ITs' real-shaped ones) with literal pieces replaced: pairs of from, to. */
    private static String sample(String name, String... fromAndTo) {
        String text = Samples.text(name);
        for (int i = 0; i < fromAndTo.length; i += 2) {
            if (!text.contains(fromAndTo[i])) {
                throw new IllegalArgumentException(name + " does not contain " + fromAndTo[i]);
            }
            text = text.replace(fromAndTo[i], fromAndTo[i + 1]);
        }
        return text;
    }

    private static String stripePaymentFailed(String eventId, String stripeCustomer) {
        return sample(Samples.STRIPE_PAYMENT_FAILED, "evt_1QdemoFailed0002", eventId,
                "cus_PWdemo0001", stripeCustomer);
    }

    private static String easyPostTrackerUpdated(String eventId, String trackingCode) {
        return sample(Samples.EASYPOST_TRACKER_UPDATED, "evt_3f6c1a2b9d8e4f7a", eventId,
                "EZ2000000002", trackingCode);
    }

    private static String surveyAnswer(String eventId, String customer) {
        return sample(Samples.TYPEFORM_RESPONSE, "01JEDEMO7Q2W5XK3VJ8B4N6M1P", eventId,
                "a3f9c2e1b7d04e5f8c6a1b2d3e4f5a6b", "resp-" + eventId, "\"customer_id\": \"cus-001\"",
                "\"customer_id\": \"" + customer + "\"");
    }

    /** The stored rows of one event: source, event type, signal, via and customer. */
    private List<String> stored(String source, String eventId) {
        return jdbc.query("SELECT source, event_type, signal, via, coalesce(customer_id, '-') FROM signal_events"
                        + " WHERE source = ? AND event_id = ?", rs -> rs.getString(1) + " " + rs.getString(2) + " "
                        + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5), source, eventId);
    }

    private void awaitStored(String source, String eventId) {
        await().atMost(PATIENCE).until(() -> !stored(source, eventId).isEmpty());
    }

    @Test
    void storesAPaymentAParcelUpdateAndASurveyAnswerOnceEachAsKafkaJoinedToTheirCustomer() throws Exception {
        String customer = SignalRows.customerWithRefs(jdbc, "stripe", "cus_K" + RUN, "parcel", "EZK" + RUN);
        String payment = stripePaymentFailed("evt_pf_" + RUN, "cus_K" + RUN);

        produce(customer, envelope("stripe", payment));
        produce(customer, envelope("easypost", easyPostTrackerUpdated("evt_tu_" + RUN, "EZK" + RUN)));
        produce(customer, envelope("survey", surveyAnswer("sv_" + RUN, customer)));

        awaitStored("survey", "sv_" + RUN);
        awaitStored("stripe", "evt_pf_" + RUN);
        awaitStored("easypost", "evt_tu_" + RUN);
        assertEquals(List.of("stripe invoice.payment_failed PAYMENT KAFKA " + customer),
                stored("stripe", "evt_pf_" + RUN));
        assertEquals(List.of("easypost tracker.updated DELIVERY KAFKA " + customer),
                stored("easypost", "evt_tu_" + RUN));
        assertEquals(List.of("survey form_response SURVEY KAFKA " + customer), stored("survey", "sv_" + RUN));
        // The sample's layout kept (indentation, line breaks); the newline after its closing brace is the envelope's.
        assertEquals(payment.strip(), jdbc.first("SELECT payload FROM signal_events WHERE source = 'stripe'"
                + " AND event_id = ?", rs -> rs.getString(1), "evt_pf_" + RUN).orElseThrow(),
                "the payload is the event object's bytes as produced");
    }

    @Test
    void storesARedeliveredEventOnce() throws Exception {
        String customer = "cus-dup-" + RUN;
        String event = envelope("stripe", stripePaymentFailed("evt_dup_" + RUN, "cus_D" + RUN));

        produce(customer, event);
        produce(customer, event);
        // One key, one partition, taken in order: once the next record is stored, both copies have been seen.
        produce(customer, envelope("easypost", easyPostTrackerUpdated("evt_after_dup_" + RUN, "EZD" + RUN)));

        awaitStored("easypost", "evt_after_dup_" + RUN);
        assertEquals(1, stored("stripe", "evt_dup_" + RUN).size());
    }

    @Test
    void sendsARecordItCannotTakeInToTheDeadLetterTopicWithItsReasonAndGoesOn() throws Exception {
        String customer = "cus-bad-" + RUN;
        String notJson = "payment failed for cus_123";
        String unknownSource = envelope("paypal", "{\"id\": \"PAYID-1\"}");
        String missingType = envelope("stripe", stripePaymentFailed("evt_nt_" + RUN, "cus_B" + RUN)
                .replace("\"type\": \"invoice.payment_failed\",", ""));

        produce(customer, notJson);
        produce(customer, unknownSource);
        produce(customer, missingType);
        produce(customer, envelope("survey", surveyAnswer("sv_after_bad_" + RUN, customer)));

        awaitStored("survey", "sv_after_bad_" + RUN);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE)
                .until(() -> deadLetters(customer), letters -> letters.size() >= 3);
        assertEquals(3, dead.size());
        assertArrayEquals(notJson.getBytes(StandardCharsets.UTF_8), dead.get(0).value());
        assertTrue(reason(dead.get(0)).startsWith("record value: not JSON"), reason(dead.get(0)));
        assertArrayEquals(unknownSource.getBytes(StandardCharsets.UTF_8), dead.get(1).value());
        assertTrue(reason(dead.get(1)).contains("'paypal' is not a signal source"), reason(dead.get(1)));
        assertArrayEquals(missingType.getBytes(StandardCharsets.UTF_8), dead.get(2).value());
        assertEquals("type: is required", reason(dead.get(2)));
        assertEquals(0, jdbc.count("SELECT count(*) FROM signal_events WHERE event_id = ?", "evt_nt_" + RUN));
    }

    /** The dead letters of one customer's records, in the order they were refused. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String customer) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(KafkaBrokerResource.DEAD_LETTER_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (customer.equals(r.key())) {
                        letters.add(r);
                    }
                });
            }
            return letters;
        }
    }

    private static String reason(ConsumerRecord<String, byte[]> letter) {
        return Optional.ofNullable(letter.headers().lastHeader("dead-letter-reason")).map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8)).orElse("(no dead-letter-reason header)");
    }
}
