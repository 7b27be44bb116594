package io.petwatch.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads the collector's JSON API, the way the support console does. */
final class CollectorApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI baseUrl;

    CollectorApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    List<Map<String, Object>> alerts() {
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
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10)).build();
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
