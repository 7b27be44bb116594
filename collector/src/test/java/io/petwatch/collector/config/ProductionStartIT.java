package io.petwatch.collector.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged collector in its production profile, as an operator starts it: without providers and secrets it
 * refuses to start and names every missing key; with the development token it refuses and says so; with real-looking
 * settings it starts (the control that shows the refusals come from the checks, not from something else).
 */
class ProductionStartIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "petwatch_prod_start_it";

    @AfterAll
    static void dropSchema() throws Exception {
        try (var c = DriverManager.getConnection(DB, "postgres", ""); var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static Map<String, String> database() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", DB + "?currentSchema=" + SCHEMA,
                "QUARKUS_FLYWAY_SCHEMAS", SCHEMA, "QUARKUS_DATASOURCE_USERNAME", "postgres");
    }

    /** Starts the jar with only these settings (nothing inherited that could configure it). */
    private static Process start(Map<String, String> settings, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PETWATCH_") || k.startsWith("QUARKUS_")
                || k.startsWith("_"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    private static String refusal(Map<String, String> settings) throws Exception {
        Path log = Files.createTempFile("collector-prod", ".log");
        Process collector = start(settings, log);
        try {
            assertTrue(collector.waitFor(90, TimeUnit.SECONDS), "the collector should have stopped by itself");
            assertNotEquals(0, collector.exitValue(), "a refusal exits with an error status");
            return Files.readString(log);
        } finally {
            collector.destroyForcibly();
        }
    }

    @Test
    void withoutProvidersOrSecretsItRefusesToStartAndNamesEachKey() throws Exception {
        String output = refusal(database());

        for (String key : new String[] {"petwatch.sms.provider", "petwatch.email.provider", "petwatch.push.provider",
                "petwatch.sms.auth-token", "petwatch.console.session-key", "petwatch.signals.stripe.webhook-secret",
                "petwatch.signals.easypost.webhook-secret", "petwatch.signals.survey.webhook-secret"}) {
            assertTrue(output.contains(key), "the refusal names " + key + ":\n" + output);
        }
    }

    @Test
    void withTheDevelopmentTokenItRefusesToStartAndSaysWhy() throws Exception {
        Map<String, String> settings = new HashMap<>(database());
        settings.putAll(Map.of("PETWATCH_SMS_PROVIDER", "recording", "PETWATCH_EMAIL_PROVIDER", "recording",
                "PETWATCH_PUSH_PROVIDER", "recording", "PETWATCH_SMS_AUTH_TOKEN", "dev-auth-token"));
        settings.put("PETWATCH_CONSOLE_SESSION_KEY", "5e0f3b2a9c8d47e1b6a2f0c9e8d7b6a5");
        settings.putAll(webhookSecrets());

        String output = refusal(settings);

        assertTrue(output.contains("petwatch.sms.auth-token (PETWATCH_SMS_AUTH_TOKEN) is the placeholder"
                + " 'dev-auth-token'"), output);
    }

    @Test
    void withExplicitProvidersAndARealSecretItStarts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> settings = new HashMap<>(database());
        settings.putAll(Map.of("PETWATCH_SMS_PROVIDER", "recording", "PETWATCH_EMAIL_PROVIDER", "recording",
                "PETWATCH_PUSH_PROVIDER", "recording", "PETWATCH_SMS_AUTH_TOKEN", "3c9d1e0b7a5f42d8a6e1b0c9d8f7e6a5",
                "QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_HTTP_HOST", "127.0.0.1"));
        settings.put("PETWATCH_CONSOLE_SESSION_KEY", "5e0f3b2a9c8d47e1b6a2f0c9e8d7b6a5");
        settings.putAll(webhookSecrets());
        Path log = Files.createTempFile("collector-prod", ".log");
        Process collector = start(settings, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        assertTrue(collector.isAlive(), () -> "stopped: " + read(log));
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } finally {
            collector.destroy();
            collector.waitFor(30, TimeUnit.SECONDS);
            collector.destroyForcibly();
        }
    }

    /** Real-looking signing secrets for the three signal webhooks. */
    private static Map<String, String> webhookSecrets() {
        return Map.of("PETWATCH_SIGNALS_STRIPE_WEBHOOK_SECRET", "whsec_9a8b7c6d5e4f30211f2e3d4c5b6a7980",
                "PETWATCH_SIGNALS_EASYPOST_WEBHOOK_SECRET", "7d1e5f3a9b2c4e6f8a0b1c2d3e4f5a6b",
                "PETWATCH_SIGNALS_SURVEY_WEBHOOK_SECRET", "c4b3a2918f7e6d5c4b3a29180f1e2d3c");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
