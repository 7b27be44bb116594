package io.petwatch.collector.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends push notifications through Firebase Cloud Messaging's HTTP v1 API: {@code POST
 * /v1/projects/{project}/messages:send} with a bearer token and {@code {"message": {"token", "notification"}}}.
 * A 200 answer names the message. The errors FCM documents as the token or request being wrong for good
 * (UNREGISTERED, INVALID_ARGUMENT, SENDER_ID_MISMATCH, NOT_FOUND) are refusals; 401, 429 and 5xx are retried.
 */
public final class FcmPushSender implements PushSender {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Set<String> PERMANENT = Set.of("UNREGISTERED", "INVALID_ARGUMENT", "SENDER_ID_MISMATCH",
            "NOT_FOUND");

    private final HttpClient http;
    private final URI endpoint;
    private final Supplier<String> accessToken;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public FcmPushSender(URI baseUrl, String projectId, Supplier<String> accessToken, Duration timeout) {
        if (projectId.isBlank()) {
            throw new IllegalArgumentException("petwatch.push.fcm.project-id must be set when petwatch.push.provider"
                    + " is fcm");
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.endpoint = baseUrl.resolve("/v1/projects/" + projectId + "/messages:send");
        this.accessToken = accessToken;
        this.timeout = timeout;
    }

    /**
     * Access tokens from a Google service-account key file (the JSON Firebase gives out), refreshed before they
     * expire by Google's auth library.
     */
    public static Supplier<String> serviceAccountTokens(Path keyFile) {
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(keyFile)) {
            credentials = GoogleCredentials.fromStream(in).createScoped(SCOPE);
        } catch (IOException e) {
            throw new IllegalArgumentException("petwatch.push.fcm.service-account-file '" + keyFile
                    + "' is not a readable service-account key: " + e.getMessage(), e);
        }
        return () -> {
            try {
                credentials.refreshIfExpired();
                return credentials.getAccessToken().getTokenValue();
            } catch (IOException e) {
                throw new UncheckedIOException("could not get an FCM access token: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public String send(OutboundMessage message, String title) {
        ObjectNode body = json.createObjectNode();
        ObjectNode m = body.putObject("message");
        m.put("token", message.to());
        m.putObject("notification").put("title", title).put("body", message.body());
        m.putObject("data").put("petwatch_message", Long.toString(message.messageId()))
                .put("case", message.caseId().map(String::valueOf).orElse(""));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken.get())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("FCM unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a push notification", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return field(response.body(), "name", "");
        }
        String error = errorStatus(response.body());
        String detail = "FCM answered " + status + " " + error + ": " + field(response.body(), "message", "");
        if (status == 401 || status == 403 && !PERMANENT.contains(error)) {
            throw new CredentialsRejectedException(detail + ": check petwatch.push.fcm.service-account-file and"
                    + " petwatch.push.fcm.project-id");
        }
        if (PERMANENT.contains(error) || (status >= 400 && status < 500 && status != 429)) {
            throw new RefusedException(detail);
        }
        throw new IllegalStateException(detail);
    }

    private String errorStatus(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            for (JsonNode d : error.path("details")) {
                if (d.hasNonNull("errorCode")) {
                    return d.get("errorCode").asText();
                }
            }
            return error.path("status").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private String field(String body, String name, String otherwise) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode value = node.has(name) ? node.get(name) : node.path("error").path(name);
            return value.isMissingNode() || value.isNull() ? otherwise : value.asText();
        } catch (IOException e) {
            return otherwise;
        }
    }
}
