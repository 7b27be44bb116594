package io.petwatch.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.TestBroker;
import io.petwatch.gateway.config.BrokerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paho waits for a reconnect's CONNACK without a timeout (eclipse-paho/paho.mqtt.java#511), and a CI run saw a
 * reconnect to a restarted broker wait for good. Here the broker's port, while the broker is away, belongs to a
 * listener that accepts the connection and never answers; then the real broker is back on that port. The subscriber
 * connects again and collar messages flow, where Paho alone stays stuck on the silent connection.
 */
class StuckReconnectIT {
    @TempDir
    Path dir;

    @Test
    void aReconnectLeftWaitingForTheBrokersAnswerIsReplacedAndMessagesFlowAgain() throws Exception {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        try (TestBroker broker = TestBroker.persistent(dir);
             CollarSubscriber subscriber = new CollarSubscriber(broker.url(), "stuck-reconnect", Duration.ofHours(1),
                     Optional.empty(), Optional.empty(), BrokerTls.none(), 10, d -> {
                         received.add(d);
                         d.ack().run();
                     }, Clock.systemUTC())) {
            subscriber.start();

            broker.stop();
            try (SilentListener silent = new SilentListener(broker.port())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> silent.accepted() > 0); // Paho's reconnect
                silent.stopListening(); // what it accepted stays open and unanswered
                broker.startAgain();

                await().atMost(Duration.ofSeconds(45)).until(subscriber::subscribed);
                publish(broker.url(), Topics.telemetry("collar-1"), "after");
                await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                        .anyMatch(d -> new String(d.payload(), StandardCharsets.UTF_8).equals("after")));
                assertEquals(Topics.telemetry("collar-1"), received.get(received.size() - 1).topic());
            }
        }
    }

    private static void publish(String url, String topic, String payload) throws Exception {
        MqttClient publisher = new MqttClient(url, "stuck-reconnect-publisher", new MemoryPersistence());
        publisher.connect();
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.disconnect();
        publisher.close();
    }

    /** Accepts connections on the port and never reads or writes; the accepted sockets stay open until closed. */
    private static final class SilentListener implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentListener(int port) throws IOException {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int accepted() {
            return held.size();
        }

        /** Stops listening; the connections already accepted stay open and silent. */
        void stopListening() throws IOException {
            server.close();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
