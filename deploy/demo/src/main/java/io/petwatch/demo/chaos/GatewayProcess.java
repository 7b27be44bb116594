package io.petwatch.demo.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.demo.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged gateway as its own process, configured through the environment as the hub's systemd unit does,
 * with the unit's heap. Killed with SIGKILL and started again as often as the run wants.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;
    private final Map<String, String> env = new HashMap<>();
    private final Path log;
    private final int statusPort = FreePorts.take();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int kills;

    /** @param settings gateway keys ({@code petwatch.hub.id}...), passed as their environment variables */
    public GatewayProcess(Path jar, Map<String, String> settings, Path log) {
        this.jar = jar;
        this.log = log;
        settings.forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        env.put("PETWATCH_STATUS_PORT", Integer.toString(statusPort));
    }

    /** Starts it and waits until it is connected and subscribed. */
    public void start() {
        process = Processes.java(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar, List.of(),
                env, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited at start (code " + process.exitValue() + "); see "
                        + log);
            }
            if (status().map(s -> s.path("mqtt_subscribed").asBoolean()).orElse(false)) {
                return;
            }
            Pause.millis(100);
        }
        throw new IllegalStateException("the gateway did not subscribe within 60 s; see " + log);
    }

    /** SIGKILL, mid-whatever-it-was-doing. */
    public void kill() {
        Processes.kill(process);
        kills++;
    }

    int kills() {
        return kills;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Its /status, or empty while it does not answer. */
    public Optional<JsonNode> status() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort
                    + "/status")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
