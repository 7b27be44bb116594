package io.petwatch.collector.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server playing Google's OAuth token endpoint and FCM's HTTP v1 send endpoint for the collector under test.
 * Device token {@code stale-token} gets FCM's UNREGISTERED answer, as a token of an uninstalled app does.
 */
public class FakeFcmResource implements QuarkusTestResourceLifecycleManager {
    static final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer google;

    @Override
    public Map<String, String> start() {
        try {
            google = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            google.createContext("/token", exchange -> FakeGoogle.reply(exchange, 200, FakeGoogle.TOKEN_ANSWER));
            google.createContext("/v1/projects/petwatch-test/messages:send", this::send);
            google.start();
            String base = "http://127.0.0.1:" + google.getAddress().getPort();
            Path key = FakeGoogle.serviceAccountKey(Files.createTempDirectory("fcm"), base + "/token");
            return Map.of("petwatch.push.provider", "fcm", "petwatch.push.fcm.base-url", base,
                    "petwatch.push.fcm.project-id", "petwatch-test",
                    "petwatch.push.fcm.service-account-file", key.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonNode message = JSON.readTree(exchange.getRequestBody()).get("message");
        if (!"Bearer ya29.test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            FakeGoogle.reply(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
        } else if ("stale-token".equals(message.get("token").asText())) {
            FakeGoogle.reply(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                    + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                    + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        } else {
            delivered.add(message);
            FakeGoogle.reply(exchange, 200, "{\"name\":\"projects/petwatch-test/messages/" + delivered.size() + "\"}");
        }
    }


    @Override
    public void stop() {
        google.stop(0);
    }
}
