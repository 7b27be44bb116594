package io.petwatch.collector.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FCM HTTP v1 adapter against a local server that plays both Google's OAuth token endpoint (the service-account
 * key names it) and FCM's send endpoint, with FCM's documented error bodies.
 */
class FcmPushSenderTest {
    private static final OutboundMessage MESSAGE = new OutboundMessage(3, Optional.of(11L), "cus-1", "device-token-abc",
            "vet-triage-lethargy", "Hi Amelia, Biscuit has been much less active than usual.");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private HttpServer google;
    private final AtomicReference<Map<String, String>> tokenRequest = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final AtomicReference<JsonNode> sent = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (google != null) {
            google.stop(0);
        }
    }

    private FcmPushSender playing(int status, String body, Duration delay) throws Exception {
        google = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        google.createContext("/token", exchange -> {
            tokenRequest.set(form(exchange));
            FakeGoogle.reply(exchange, 200, FakeGoogle.TOKEN_ANSWER);
        });
        google.createContext("/v1/projects/petwatch-test/messages:send", exchange -> {
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            sent.set(JSON.readTree(exchange.getRequestBody()));
            try {
                Thread.sleep(delay.toMillis()); // plays a slow provider
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeGoogle.reply(exchange, status, body);
        });
        google.start();
        String base = "http://127.0.0.1:" + google.getAddress().getPort();
        return new FcmPushSender(URI.create(base), "petwatch-test",
                FcmPushSender.serviceAccountTokens(FakeGoogle.serviceAccountKey(dir, base + "/token")), Duration.ofMillis(500));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }


    private static String fcmError(int code, String status, String errorCode) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"Requested entity was not found.\",\"status\":\""
                + status + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"" + errorCode + "\"}]}}";
    }

    @Test
    void sendsTheNotificationWithAServiceAccountTokenAndReturnsFcmsMessageName() throws Exception {
        FcmPushSender fcm = playing(200, "{\"name\":\"projects/petwatch-test/messages/0:1500415314455276%31bd1c9\"}",
                Duration.ZERO);

        String name = fcm.send(MESSAGE, "About Biscuit");

        assertEquals("projects/petwatch-test/messages/0:1500415314455276%31bd1c9", name);
        assertEquals("Bearer ya29.test-token", auth.get());
        JsonNode message = sent.get().get("message");
        assertEquals("device-token-abc", message.get("token").asText());
        assertEquals("About Biscuit", message.get("notification").get("title").asText());
        assertEquals(MESSAGE.body(), message.get("notification").get("body").asText());
        assertEquals("11", message.get("data").get("case").asText());
        // The token came from a signed service-account assertion for FCM's scope.
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", tokenRequest.get().get("grant_type"));
        String[] jwt = tokenRequest.get().get("assertion").split("\\.");
        assertEquals("RS256", JSON.readTree(Base64.getUrlDecoder().decode(jwt[0])).get("alg").asText());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(FcmPushSender.SCOPE, claims.get("scope").asText());
        assertEquals("pushes@petwatch-test.iam.gserviceaccount.com", claims.get("iss").asText());
    }

    @Test
    void anUnregisteredDeviceTokenIsARefusalForGood() throws Exception {
        FcmPushSender fcm = playing(404, fcmError(404, "NOT_FOUND", "UNREGISTERED"), Duration.ZERO);

        RefusedException refused = assertThrows(RefusedException.class, () -> fcm.send(MESSAGE, "t"));

        assertTrue(refused.getMessage().contains("UNREGISTERED"), refused.getMessage());
    }

    @Test
    void fcmUnavailableIsWorthRetrying() throws Exception {
        FcmPushSender fcm = playing(503, fcmError(503, "UNAVAILABLE", "UNAVAILABLE"), Duration.ZERO);

        RuntimeException failed = assertThrows(RuntimeException.class, () -> fcm.send(MESSAGE, "t"));

        assertFalse(failed instanceof RefusedException, failed.toString());
        assertTrue(failed.getMessage().contains("503"), failed.getMessage());
    }

    @Test
    void aSlowFcmTimesOutAndIsWorthRetrying() throws Exception {
        FcmPushSender fcm = playing(200, "{\"name\":\"late\"}", Duration.ofSeconds(2));

        RuntimeException failed = assertThrows(RuntimeException.class, () -> fcm.send(MESSAGE, "t"));

        assertFalse(failed instanceof RefusedException, failed.toString());
    }

    @Test
    void aMissingProjectIsAnErrorThatNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FcmPushSender(
                URI.create("http://127.0.0.1:1"), " ", () -> "t", Duration.ofSeconds(1)));

        assertTrue(e.getMessage().contains("petwatch.push.fcm.project-id"), e.getMessage());
    }
}
