package io.petwatch.sim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.metrics.FleetMetrics.Connect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint serves the same figures as the report, on a free port of 127.0.0.1. */
class MetricsServerTest {
    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @Test
    void servesTheCountersTheRatesNeedAndTheLatencyQuantiles() throws Exception {
        FleetMetrics metrics = new FleetMetrics();
        metrics.collars(3);
        for (int i = 0; i < 3; i++) {
            metrics.connectStarted(Connect.FIRST, i);
            metrics.connected(Connect.FIRST, 2_000_000, 10 + i);
        }
        for (int i = 0; i < 5; i++) {
            metrics.handed();
            metrics.sent(100 + i);
        }
        for (int i = 0; i < 4; i++) {
            metrics.acknowledged(3_000_000, 200 + i);
            metrics.settled(Delivery.Status.ACKNOWLEDGED);
        }
        metrics.dropped();
        metrics.malformed(true);

        try (MetricsServer server = new MetricsServer(0, metrics)) {
            assertTrue(server.port() > 0);
            String body = scrape(server.port());

            assertTrue(body.contains("petwatch_sim_collars_online 3"), body);
            assertTrue(body.contains("petwatch_sim_collars_connected_total 3"), body);
            assertTrue(body.contains("petwatch_sim_batches_sent_total 5"), body);
            assertTrue(body.contains("petwatch_sim_batches_settled_total{status=\"acknowledged\"} 4"), body);
            assertTrue(body.contains("petwatch_sim_in_flight 1"), body);
            assertTrue(body.contains("petwatch_sim_drops_total 1"), body);
            assertTrue(body.contains("petwatch_sim_malformed_sent_total 1"), body);
            assertTrue(body.contains("petwatch_sim_ack_latency_seconds_count 4"), body);
            assertTrue(body.contains("petwatch_sim_ack_latency_seconds{quantile=\"0.99\"} 0.003"), body);
            assertTrue(body.contains("petwatch_sim_connect_seconds_count 3"), body);
        }
    }
}
