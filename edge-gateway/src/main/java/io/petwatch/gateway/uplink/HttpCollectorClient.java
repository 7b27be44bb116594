package io.petwatch.gateway.uplink;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Posts protobuf alert batches to the collector with the hub's credentials (HTTP Basic over the JDK client). */
public final class HttpCollectorClient implements CollectorClient {
    static final String PROTOBUF = "application/x-protobuf";

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;

    public HttpCollectorClient(URI collectorBaseUrl, String hubId, String hubToken, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.endpoint = collectorBaseUrl.resolve("/api/v1/alerts");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((hubId + ":" + hubToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    @Override
    public AlertBatchResult send(AlertBatch batch) throws UplinkException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UplinkException(UplinkException.Kind.TRANSIENT, "collector unreachable at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UplinkException(UplinkException.Kind.TRANSIENT, "interrupted while sending", e);
        }
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status == 200) {
            try {
                return AlertBatchResult.parseFrom(response.body());
            } catch (InvalidProtocolBufferException e) {
                throw new UplinkException(UplinkException.Kind.TRANSIENT, "collector answered with an unreadable result", e);
            }
        }
        if (status == 401 || status == 403) {
            throw new UplinkException(UplinkException.Kind.UNAUTHORIZED, "collector refused the hub's credentials: " + body);
        }
        String answer = "collector answered HTTP " + status + ": " + abbreviate(body);
        if (status == 400) {
            throw new UplinkException(UplinkException.Kind.REFUSED, answer);
        }
        if (status == 413) {
            throw new UplinkException(UplinkException.Kind.TOO_LARGE, answer);
        }
        // A proxy's 502/504, an unavailable or busy collector, a timeout: nothing to do with the alerts sent.
        if (status >= 500 && status != 502 && status != 503 && status != 504) {
            throw new UplinkException(UplinkException.Kind.SERVER_ERROR, answer);
        }
        throw new UplinkException(UplinkException.Kind.TRANSIENT, answer);
    }

    /** An error page can be long; the log and status need its gist. */
    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
