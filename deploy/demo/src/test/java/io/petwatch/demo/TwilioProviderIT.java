package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.petwatch.gateway.uplink.HttpCollectorClient;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The packaged collector configured for Twilio by environment, against a local server playing Twilio's Messages
 * API: while "Twilio" answers 503 the text stays queued with the error; when it recovers the text leaves once,
 * with Twilio's message SID on record.
 */
class TwilioProviderIT {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(503);

    @Test
    void aTextWaitsOutATwilioOutageAndLeavesOnceWithItsSid() throws Exception {
        HttpServer twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/2010-04-01/Accounts/ACdemo/Messages.json", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = status.get() == 201 ? "{\"sid\":\"SM" + bodies.size() + "\",\"status\":\"queued\"}"
                    : "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}";
            if (status.get() == 201) {
                bodies.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        twilio.start();
        try (EndToEnd run = EndToEnd.create("twilio")) {
            run.collectorSetting("PETWATCH_SMS_PROVIDER", "twilio");
            run.collectorSetting("PETWATCH_SMS_TWILIO_BASE_URL", "http://127.0.0.1:" + twilio.getAddress().getPort());
            run.collectorSetting("PETWATCH_SMS_TWILIO_ACCOUNT_SID", "ACdemo");
            run.collectorSetting("PETWATCH_SMS_TWILIO_FROM", "+447700900000");
            run.collectorSetting("PETWATCH_SMS_AUTH_TOKEN", "twilio-test-token");
            CollectorApi api = run.startCollector();

            Instant now = Instant.now();
            Alert alert = Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(DemoRunner.HUB_ID)
                    .setCollarId("collar-001").setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING)
                    .setSeverity(Severity.MEDIUM).setWindowStartMs(now.minus(Duration.ofDays(2)).toEpochMilli())
                    .setWindowEndMs(now.toEpochMilli()).setDetectedAtMs(now.toEpochMilli())
                    .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"))
                    .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f)).setSummary("activity at 30%").build();
            new HttpCollectorClient(URI.create(run.collectorUrl()), DemoRunner.HUB_ID, DemoRunner.HUB_TOKEN,
                    Duration.ofSeconds(10)).send(AlertBatch.newBuilder().setHubId(DemoRunner.HUB_ID).addAlerts(alert)
                    .build());

            await().atMost(Duration.ofSeconds(30)).until(() -> api.messages().size() == 1
                    && api.messages().get(0).get("error") != null);
            Map<String, Object> waiting = api.messages().get(0);
            assertEquals("QUEUED", waiting.get("status"));
            assertTrue(((String) waiting.get("error")).contains("HTTP 503"), (String) waiting.get("error"));

            status.set(201); // Twilio is back; the relay's backoff brings the text out within a minute
            await().atMost(Duration.ofSeconds(90)).until(() -> "SENT".equals(api.messages().get(0).get("status")));
            assertEquals(1, bodies.size(), "sent once");
            assertTrue(bodies.get(0).contains("To=+447700900101"), bodies.get(0));
            assertTrue(bodies.get(0).contains("Hi Amelia"), bodies.get(0));
            assertTrue(((String) api.messages().get(0).get("providerRef")).startsWith("SM"));
        } finally {
            twilio.stop(0);
        }
    }
}
