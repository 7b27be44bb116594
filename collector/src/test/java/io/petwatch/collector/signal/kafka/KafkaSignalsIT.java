package io.petwatch.collector.signal.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static String stripePaymentFailed(String eventId) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": 1764928800,
                 "type": "invoice.payment_failed", "livemode": false,
                 "data": {"object": {"id": "in_%s", "object": "invoice", "customer": "cus_kafka_%s",
                   "subscription": "sub_kafka_%s", "attempt_count": 2, "amount_due": 1999, "currency": "gbp",
                   "next_payment_attempt": 1765274400, "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1/test",
                   "metadata": {}}}}""".formatted(eventId, eventId, RUN, RUN);
    }

    private static String easyPostTrackerUpdated(String eventId) {
        return """
                {"id": "%s", "object": "Event", "mode": "test", "description": "tracker.updated",
                 "created_at": "2026-12-04T09:00:00Z", "updated_at": "2026-12-04T09:00:00Z",
                 "result": {"id": "trk_%s", "object": "Tracker", "tracking_code": "EZK%s", "status": "in_transit",
                   "status_detail": "arrived_at_facility", "carrier": "USPS", "created_at": "2026-12-02T10:00:00Z",
                   "updated_at": "2026-12-04T09:00:00Z", "est_delivery_date": "2026-12-06T00:00:00Z",
                   "carrier_detail": {"origin_tracking_location": {"country": "US"},
                                      "destination_tracking_location": {"country": "US"}},
                   "tracking_details": [{"datetime": "2026-12-03T08:00:00Z", "status": "in_transit",
                     "status_detail": "arrived_at_facility", "message": "Arrived at USPS Regional Facility",
                     "tracking_location": {"city": "DENVER", "country": "US"}}]}}""".formatted(eventId, eventId, RUN);
    }

    private static String surveyAnswer(String eventId) {
        return """
                {"event_id": "%s", "event_type": "form_response",
                 "form_response": {"form_id": "lT4Z3j", "token": "resp_%s", "submitted_at": "2026-12-04T18:30:00Z",
                   "hidden": {"customer_id": "cust-kafka-%s", "tracking_code": "EZK%s"},
                   "definition": {"id": "lT4Z3j", "title": "How did we do?", "fields": [
                     {"id": "f1", "ref": "score", "type": "opinion_scale", "title": "How likely are you to recommend us?",
                      "properties": {"steps": 11, "start_at_one": false}},
                     {"id": "f2", "ref": "comment", "type": "long_text", "title": "Anything else?"}]},
                   "answers": [
                     {"type": "number", "number": 3, "field": {"id": "f1", "type": "opinion_scale", "ref": "score"}},
                     {"type": "text", "text": "The box arrived crushed.",
                      "field": {"id": "f2", "type": "long_text", "ref": "comment"}}]}}"""
                .formatted(eventId, eventId, RUN, RUN);
    }

    /** The stored rows of one event: source, event type, signal and via. */
    private List<String> stored(String source, String eventId) {
        return jdbc.query("SELECT source, event_type, signal, via FROM signal_events WHERE source = ? AND event_id = ?",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4),
                source, eventId);
    }

    private void awaitStored(String source, String eventId) {
        await().atMost(PATIENCE).until(() -> !stored(source, eventId).isEmpty());
    }

    @Test
    void storesAPaymentAParcelUpdateAndASurveyAnswerOnceEachAsKafka() throws Exception {
        String customer = "cust-kafka-" + RUN;

        produce(customer, envelope("stripe", stripePaymentFailed("evt_pf_" + RUN)));
        produce(customer, envelope("easypost", easyPostTrackerUpdated("evt_tu_" + RUN)));
        produce(customer, envelope("survey", surveyAnswer("sv_" + RUN)));

        awaitStored("survey", "sv_" + RUN);
        awaitStored("stripe", "evt_pf_" + RUN);
        awaitStored("easypost", "evt_tu_" + RUN);
        assertEquals(List.of("stripe invoice.payment_failed PAYMENT KAFKA"), stored("stripe", "evt_pf_" + RUN));
        assertEquals(List.of("easypost tracker.updated DELIVERY KAFKA"), stored("easypost", "evt_tu_" + RUN));
        assertEquals(List.of("survey form_response SURVEY KAFKA"), stored("survey", "sv_" + RUN));
        assertEquals(stripePaymentFailed("evt_pf_" + RUN), jdbc.first(
                "SELECT payload FROM signal_events WHERE source = 'stripe' AND event_id = ?", rs -> rs.getString(1),
                "evt_pf_" + RUN).orElseThrow(), "the payload is the event's bytes as produced");
    }

    @Test
    void storesARedeliveredEventOnce() throws Exception {
        String customer = "cust-dup-" + RUN;
        String event = envelope("stripe", stripePaymentFailed("evt_dup_" + RUN));

        produce(customer, event);
        produce(customer, event);
        // One key, one partition, taken in order: once the next record is stored, both copies have been seen.
        produce(customer, envelope("easypost", easyPostTrackerUpdated("evt_after_dup_" + RUN)));

        awaitStored("easypost", "evt_after_dup_" + RUN);
        assertEquals(1, stored("stripe", "evt_dup_" + RUN).size());
    }

    @Test
    void sendsARecordItCannotTakeInToTheDeadLetterTopicWithItsReasonAndGoesOn() throws Exception {
        String customer = "cust-bad-" + RUN;
        String notJson = "payment failed for cus_123";
        String unknownSource = envelope("paypal", "{\"id\": \"PAYID-1\"}");
        String missingType = envelope("stripe", "{\"id\": \"evt_nt_" + RUN + "\", \"created\": 1764928800, "
                + "\"data\": {\"object\": {\"id\": \"in_1\"}}}");

        produce(customer, notJson);
        produce(customer, unknownSource);
        produce(customer, missingType);
        produce(customer, envelope("survey", surveyAnswer("sv_after_bad_" + RUN)));

        awaitStored("survey", "sv_after_bad_" + RUN);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE)
                .until(() -> deadLetters(customer), letters -> letters.size() >= 3);
        assertEquals(3, dead.size());
        assertArrayEquals(notJson.getBytes(StandardCharsets.UTF_8), dead.get(0).value());
        assertTrue(reason(dead.get(0)).startsWith("record value: not JSON"), reason(dead.get(0)));
        assertArrayEquals(unknownSource.getBytes(StandardCharsets.UTF_8), dead.get(1).value());
        assertTrue(reason(dead.get(1)).contains("'paypal' is not a signal source"), reason(dead.get(1)));
        assertArrayEquals(missingType.getBytes(StandardCharsets.UTF_8), dead.get(2).value());
        assertTrue(reason(dead.get(2)).startsWith("type"), reason(dead.get(2)));
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
