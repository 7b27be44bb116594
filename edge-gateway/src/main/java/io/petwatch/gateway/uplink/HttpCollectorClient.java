package io.petwatch.gateway.uplink;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.HubCensus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Posts protobuf alert batches and hub censuses to the collector with the hub's credentials (HTTP Basic over the JDK
 * client).
 */
public final class HttpCollectorClient implements CollectorClient, CensusClient {
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    private final HttpClient http;
    private final URI endpoint;
    private final URI censusEndpoint;
    private final String authorization;
    private final Duration timeout;

    public HttpCollectorClient(URI collectorBaseUrl, String hubId, String hubToken, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.endpoint = collectorBaseUrl.resolve("/api/v1/alerts");
        this.censusEndpoint = collectorBaseUrl.resolve("/api/v1/hubs/census");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((hubId + ":" + hubToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    @Override
    public AlertBatchResult send(AlertBatch batch) throws UplinkException {
        HttpResponse<byte[]> response = post(endpoint, PROTOBUF, batch.toByteArray());
        if (response.statusCode() == 200) {
            try {
                return AlertBatchResult.parseFrom(response.body());
            } catch (InvalidProtocolBufferException e) {
                throw new UplinkException(UplinkException.Kind.TRANSIENT, "collector answered with an unreadable result", e);
            }
        }
        throw failure(response);
    }

    /** The collector answers a census with 204 (200 is taken as success too), errors as JSON. */
    @Override
    public void send(HubCensus census) throws UplinkException {
        HttpResponse<byte[]> response = post(censusEndpoint, JSON, census.toByteArray());
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw failure(response);
        }
    }

    private HttpResponse<byte[]> post(URI to, String accept, byte[] body) throws UplinkException {
        HttpRequest request = HttpRequest.newBuilder(to)
                .timeout(timeout)
                .header("Content-Type", PROTOBUF)
                .header("Accept", accept)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UplinkException(UplinkException.Kind.TRANSIENT, "collector unreachable at " + to + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UplinkException(UplinkException.Kind.TRANSIENT, "interrupted while sending", e);
        }
    }

    /** What an answer other than success means for the hub. */
    private static UplinkException failure(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status == 401 || status == 403) {
            return new UplinkException(UplinkException.Kind.UNAUTHORIZED, "collector refused the hub's credentials: " + body);
        }
        String answer = "collector answered HTTP " + status + ": " + abbreviate(body);
        if (status == 400) {
            return new UplinkException(UplinkException.Kind.REFUSED, answer);
        }
        if (status == 413) {
            return new UplinkException(UplinkException.Kind.TOO_LARGE, answer);
        }
        // A proxy's 502/504, an unavailable or busy collector, a timeout: nothing to do with the alerts sent.
        if (status >= 500 && status != 502 && status != 503 && status != 504) {
            return new UplinkException(UplinkException.Kind.SERVER_ERROR, answer);
        }
        return new UplinkException(UplinkException.Kind.TRANSIENT, answer);
    }

    /** An error page can be long; the log and status need its gist. */
    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
