package io.petwatch.bench.collector;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * One simulated hub: its own HTTP/1.1 client (Apache HttpClient 5, classic) with a single-connection manager, used by
 * one thread, so it holds exactly one keep-alive connection to the server as a real hub does (no HTTP/2, no
 * multiplexing). Uploads LOW_ACTIVITY alerts for its own collars,
 * authenticated with its own id and token (HTTP Basic), and counts what the server accepted.
 */
final class HubClient implements Closeable {
    private static final Alert TEMPLATE = Alert.newBuilder().setKind(AlertKind.LOW_ACTIVITY)
            .setState(AlertState.FIRING).setSeverity(Severity.MEDIUM)
            .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1").putParams("window_hours", "48"))
            .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f).setWornCoverage(1f))
            .setSummary("activity at 30% of this pet's usual level for the last 48 h").build();

    final Fleet.Hub hub;
    private static final ContentType PROTOBUF = ContentType.create("application/x-protobuf");

    private final CloseableHttpClient http;
    private final URI alerts;
    private final String authorization;
    private int next; // the next collar of the ingest set, round-robin

    HubClient(Fleet.Hub hub, URI base) {
        this.hub = hub;
        BasicHttpClientConnectionManager connection = new BasicHttpClientConnectionManager();
        connection.setConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                .setSocketTimeout(60, TimeUnit.SECONDS).build());
        this.http = HttpClients.custom().setConnectionManager(connection).disableAutomaticRetries()
                .disableCookieManagement().disableRedirectHandling().disableContentCompression()
                .disableAuthCaching().build();
        this.alerts = base.resolve("/api/v1/alerts");
        this.authorization = hub.authorization();
    }

    /** {@code count} alerts for the next collars of the hub's ingest set (each collar gets many over a run). */
    byte[] ingestBatch(int count) {
        List<String> collars = hub.ingestCollars();
        AlertBatch.Builder batch = AlertBatch.newBuilder().setHubId(hub.id());
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            batch.addAlerts(alert(collars.get(next++ % collars.size()), now));
        }
        return batch.build().toByteArray();
    }

    /** One alert for each of the given collars. */
    byte[] batchFor(List<String> collars) {
        AlertBatch.Builder batch = AlertBatch.newBuilder().setHubId(hub.id());
        long now = System.currentTimeMillis();
        collars.forEach(c -> batch.addAlerts(alert(c, now)));
        return batch.build().toByteArray();
    }

    private Alert alert(String collar, long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // A random (version 4) UUID without SecureRandom's lock: the hubs' ids are UUIDs too.
        UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        long start = now - 48 * 3_600_000L + random.nextInt(1_000_000);
        return TEMPLATE.toBuilder().setAlertId(id.toString()).setHubId(hub.id()).setCollarId(collar)
                .setWindowStartMs(start).setWindowEndMs(now).setDetectedAtMs(now).setRaisedAtMs(now).build();
    }

    /** Posts one upload; the number of alerts accepted, or an exception saying what went wrong. */
    int post(byte[] body, int alertCount) throws IOException, InterruptedException {
        HttpPost post = new HttpPost(alerts);
        post.setHeader("Authorization", authorization);
        post.setEntity(new ByteArrayEntity(body, PROTOBUF));
        byte[] answer = http.execute(post, response -> {
            byte[] b = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() != 200) {
                throw new IOException("HTTP " + response.getCode() + ": " + new String(b, 0, Math.min(300, b.length)));
            }
            return b;
        });
        AlertBatchResult result = AlertBatchResult.parseFrom(answer);
        int accepted = 0;
        for (AlertResult r : result.getResultsList()) {
            if (r.getOutcome() == AlertResult.Outcome.ACCEPTED) {
                accepted++;
            } else {
                throw new IOException("alert " + r.getAlertId() + " " + r.getOutcome() + ": " + r.getReason());
            }
        }
        if (accepted != alertCount) {
            throw new IOException(accepted + " results for " + alertCount + " alerts");
        }
        return accepted;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
