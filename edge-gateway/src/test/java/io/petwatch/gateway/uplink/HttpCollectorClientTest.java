package io.petwatch.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a stand-in collector on a local port. */
class HttpCollectorClientTest {
    private static final HubCensus CENSUS = HubCensus.newBuilder().setHubId("hub-7").setHubModel("PW-HUB-2")
            .setSentAtMs(1_772_000_000_000L).setWindowMs(86_400_000L)
            .addFirmware(FirmwareCount.newBuilder().setFirmware("2.1.0").setCollars(3)).build();

    /** One request as the stand-in collector saw it. */
    private record Seen(String method, String path, String contentType, String accept, String authorization,
                        byte[] body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile byte[] answer = new byte[0];
    private HttpServer server;
    private HttpCollectorClient client;

    @BeforeEach
    void givenACollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new HttpCollectorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "hub-7",
                "s3cret", Duration.ofSeconds(5));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestBody().readAllBytes()));
            byte[] body = answer;
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheCensusAsProtobufWithTheHubsCredentials() throws Exception {
        client.send(CENSUS);

        assertEquals(1, seen.size());
        Seen request = seen.get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v1/hubs/census", request.path());
        assertEquals("application/x-protobuf", request.contentType());
        assertEquals("application/json", request.accept(), "the collector answers errors in JSON");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("hub-7:s3cret".getBytes(StandardCharsets.UTF_8)),
                request.authorization());
        assertEquals(CENSUS, HubCensus.parseFrom(request.body()));
    }

    @Test
    void takesA200AsSuccessToo() {
        status = 200;

        assertDoesNotThrow(() -> client.send(CENSUS));
    }

    @Test
    void mapsTheCollectorsAnswersToTheUplinksFailureKinds() {
        assertEquals(UplinkException.Kind.UNAUTHORIZED, failureOn(401));
        assertEquals(UplinkException.Kind.UNAUTHORIZED, failureOn(403));
        assertEquals(UplinkException.Kind.REFUSED, failureOn(400));
        assertEquals(UplinkException.Kind.TOO_LARGE, failureOn(413));
        assertEquals(UplinkException.Kind.TRANSIENT, failureOn(503));
        assertEquals(UplinkException.Kind.SERVER_ERROR, failureOn(500));
    }

    @Test
    void aRefusalSaysWhy() {
        status = 400;
        answer = "{\"error\": \"firmware[0].collars: too many\"}".getBytes(StandardCharsets.UTF_8);

        UplinkException e = assertThrows(UplinkException.class, () -> client.send(CENSUS));

        assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("firmware[0].collars: too many"),
                e.getMessage());
    }

    @Test
    void anUnreachableCollectorIsTransient() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpCollectorClient nowhere = new HttpCollectorClient(URI.create("http://127.0.0.1:" + closedPort), "hub-7",
                "s3cret", Duration.ofSeconds(5));

        UplinkException e = assertThrows(UplinkException.class, () -> nowhere.send(CENSUS));

        assertEquals(UplinkException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void alertsStillGoToTheirOwnEndpoint() throws Exception {
        status = 200;
        AlertBatchResult result = AlertBatchResult.newBuilder()
                .addResults(AlertResult.newBuilder().setAlertId("a-1")).build();
        answer = result.toByteArray();
        AlertBatch batch = AlertBatch.newBuilder().setHubId("hub-7").build();

        assertEquals(result, client.send(batch));
        assertEquals("/api/v1/alerts", seen.get(0).path());
        assertEquals("application/x-protobuf", seen.get(0).accept());
        assertArrayEquals(batch.toByteArray(), seen.get(0).body());
    }

    private UplinkException.Kind failureOn(int code) {
        status = code;
        answer = "{\"error\": \"no\"}".getBytes(StandardCharsets.UTF_8);
        return assertThrows(UplinkException.class, () -> client.send(CENSUS)).kind();
    }
}
