package io.petwatch.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads the collector's JSON API, the way the support console does, signed in as the demo's staff user. */
public final class CollectorApi {
    /** The demo collector's one staff user, holding every role. */
    static final String STAFF_USER = "demo";
    static final String STAFF_PASSWORD = "demo-password";
    /** The collector's staff realm, which its password digests include. */
    static final String STAFF_REALM = "PetWatch staff";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI baseUrl;
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((STAFF_USER + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));

    public CollectorApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The collector's configuration for the demo's staff user, in the production form: the password only as the
     * digest HEX(SHA-512(user:realm:password)).
     */
    /**
     * What a demo, chaos or test collector is started with: the demo staff user, and providers that record messages
     * instead of sending them, named explicitly (a collector outside dev and test has no provider by default) with a
     * fresh webhook signing secret per run.
     */
    public static Map<String, String> demoEnvironment() {
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        Map<String, String> env = new java.util.HashMap<>(staffEnvironment());
        env.put("PETWATCH_SMS_PROVIDER", "recording");
        env.put("PETWATCH_EMAIL_PROVIDER", "recording");
        env.put("PETWATCH_PUSH_PROVIDER", "recording");
        env.put("PETWATCH_SMS_AUTH_TOKEN", HexFormat.of().formatHex(secret));
        new java.security.SecureRandom().nextBytes(secret);
        env.put("PETWATCH_CONSOLE_SESSION_KEY", HexFormat.of().formatHex(secret));
        // The retail signals' webhook signing secrets: whoever posts a webhook signs it with these.
        for (String source : new String[] {"STRIPE", "EASYPOST", "SURVEY"}) {
            new java.security.SecureRandom().nextBytes(secret);
            env.put("PETWATCH_SIGNALS_" + source + "_WEBHOOK_SECRET", HexFormat.of().formatHex(secret));
        }
        return Map.copyOf(env);
    }

    public static Map<String, String> staffEnvironment() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest((STAFF_USER + ":" + STAFF_REALM + ":"
                    + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));
            return Map.of("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_DEMO", HexFormat.of().formatHex(digest),
                    "QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_DEMO", "agent,supervisor,operator,crm");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512, which every Java platform must provide", e);
        }
    }

    /** The URL the collector's SMS webhook is configured with, which its signatures cover (the collector's default). */
    String webhookUrl() {
        return "http://localhost:8080/api/v1/sms/inbound";
    }

    /** Uploads an alert batch as a hub, the way a gateway does. */
    void uploadAlerts(String hubId, String hubToken, byte[] batch) {
        send(HttpRequest.newBuilder(baseUrl.resolve("/api/v1/alerts")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((hubId + ":" + hubToken)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), "POST /api/v1/alerts");
    }

    /** An owner's text back, as the SMS provider posts it: a signed form. */
    void textBack(Map<String, String> form, String signature) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        send(HttpRequest.newBuilder(baseUrl.resolve("/api/v1/sms/inbound")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), "POST /api/v1/sms/inbound");
    }

    /** A retail signal's webhook, as its source posts it: a signed JSON body. */
    void postWebhook(String path, String header, String signature, byte[] body) {
        send(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header(header, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "POST " + path);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public List<Map<String, Object>> alerts() {
        return list("/api/v1/alerts?limit=500");
    }

    List<Map<String, Object>> cases() {
        return list("/api/v1/cases?limit=500");
    }

    List<Map<String, Object>> messages() {
        return list("/api/v1/messages?limit=500");
    }

    /** A case's audit trail, oldest first. */
    List<Map<String, Object>> caseEvents(long caseId) {
        return list("/api/v1/cases/" + caseId + "/events");
    }

    private List<Map<String, Object>> list(String path) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return mapper.readValue(response.body(), new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
