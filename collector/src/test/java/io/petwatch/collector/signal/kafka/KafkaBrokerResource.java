package io.petwatch.collector.signal.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in the test's JVM (KRaft, one node that is both broker and controller, on a free port), with the
 * signals topic and its dead-letter topic, for the collector under test, whose signals channel it switches on. Only
 * the tests that name this resource get it (restrictToAnnotatedClass): everywhere else the channel stays off.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    /** The collector's default topic names: the test produces where a deployment would. */
    static final String TOPIC = "petwatch.signals";
    static final String DEAD_LETTER_TOPIC = "petwatch.signals.rejected";
    /** Several partitions, so records keyed by customer really spread. */
    static final int PARTITIONS = 3;

    private static KafkaClusterTestKit cluster;

    /** host:port of the running broker. */
    static String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).build();
            // One broker: every internal topic with a single replica.
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("default.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1),
                        new NewTopic(DEAD_LETTER_TOPIC, 1, (short) 1))).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka broker did not start", e);
        }
        return Map.of("kafka.bootstrap.servers", bootstrapServers(), "petwatch.signals.kafka.enabled", "true");
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("the in-process Kafka broker did not stop", e);
            }
        }
    }
}
