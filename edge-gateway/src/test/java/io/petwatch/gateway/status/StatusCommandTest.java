package io.petwatch.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private static final String HEALTHY = "{\"state\":\"OK\",\"degraded_reasons\":[],\"mqtt_connected\":true,\"mqtt_subscribed\":true,\"watchdog\":\"\","
            + "\"batches\":12,\"outbox_depth\":0,"
            + "\"last_uplink_success\":\"2026-11-23T01:00:00Z\",\"uplink_failure\":\"\",\"dropped_payloads\":"
            + "{\"not-protobuf\":3},\"collars\":{\"collar-001\":{\"baseline\":\"ready\",\"learned_days\":9}}}";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serving(String json) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/status", exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private int runAgainst(int port) {
        return new StatusCommand().run(port, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHealthyGatewayPrintsItsStateAndExitsZero() throws IOException {
        assertEquals(StatusCommand.HEALTHY, runAgainst(serving(HEALTHY)));

        assertTrue(output().contains("mqtt connected: true\n"), output());
        assertTrue(output().contains("outbox depth: 0\n"), output());
        assertTrue(output().contains("uplink failure: none\n"), output());
        assertTrue(output().contains("dropped payloads:\n  not-protobuf: 3\n"), output());
        assertTrue(output().contains("collars:\n  collar-001:\n    baseline: ready\n    learned days: 9\n"), output());
        assertTrue(output().endsWith("OK\n"), output());
    }

    @Test
    void aDegradedGatewayPrintsEveryReasonAndExitsOne() throws IOException {
        String degraded = HEALTHY.replace("\"state\":\"OK\",\"degraded_reasons\":[]", "\"state\":\"DEGRADED\","
                + "\"degraded_reasons\":[\"32645 batch(es) missing from collars' seq runs in the last 10 min\","
                + "\"uploads to the collector failing: UNAUTHORIZED\"]");

        assertEquals(StatusCommand.DEGRADED, runAgainst(serving(degraded)));
        assertTrue(output().contains("state: DEGRADED\ndegraded reasons:\n  - 32645 batch(es) missing from collars'"
                + " seq runs in the last 10 min\n  - uploads to the collector failing: UNAUTHORIZED\n"), output());
        assertTrue(output().endsWith("DEGRADED\n"), output());
    }

    @Test
    void aGatewayThatDoesNotSayItIsOkIsDegraded() throws IOException {
        assertEquals(StatusCommand.DEGRADED, runAgainst(serving(HEALTHY.replace("\"state\":\"OK\",", ""))));
    }

    @Test
    void noGatewayOnThePortSaysSoAndExitsThree() throws IOException {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        assertEquals(StatusCommand.NOT_RUNNING, runAgainst(unused));
        assertTrue(output().contains("No gateway is answering at http://127.0.0.1:" + unused + "/status"), output());
    }
}
