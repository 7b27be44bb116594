package io.petwatch.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/** The collector, started from its packaged jar as its own process, exactly as it is deployed. */
public final class CollectorProcess implements AutoCloseable {
    private final Process process;
    private final URI baseUrl;

    private CollectorProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * @param environment the collector's configuration (datasource, seed), as its documented variables
     */
    static CollectorProcess start(Path jar, Map<String, String> environment, Path log) {
        return start(jar, environment, log, FreePorts.take());
    }

    /** On a given port: a collector restarted after an outage answers where its hubs expect it. */
    public static CollectorProcess start(Path jar, Map<String, String> environment, Path log, int port) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("collector jar " + jar.toAbsolutePath() + " does not exist: build it first"
                    + " (./mvnw -DskipTests package) or set PETWATCH_COLLECTOR_JAR");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try {
            CollectorProcess collector = new CollectorProcess(builder.start(), URI.create("http://127.0.0.1:" + port));
            collector.awaitReady(log);
            Logger.info("Collector ready at {} (log: {})", collector.baseUrl, log);
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the collector", e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    private void awaitReady(Path log) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(baseUrl.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the collector exited at start-up; its log, " + log + ", ends:\n"
                        + String.join("\n", tailOf(log)));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the collector", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the collector", e);
            }
        }
        throw new IllegalStateException("the collector was not ready within 90 s; see " + log);
    }

    private static List<String> tailOf(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
