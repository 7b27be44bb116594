package io.petwatch.collector.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged collector ({@code java -jar quarkus-run.jar}, the prod profile) as its own process, exactly as it is
 * deployed; its output goes to a log file. The {@link Process} is the JVM itself, not a shell around it, so
 * {@link #kill()} is a real {@code kill -9} of the collector.
 */
final class CollectorProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private CollectorProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        // Should the test JVM itself be stopped (a failsafe timeout, Ctrl-C), the collector goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "cluster-it-stop-" + name));
    }

    /** Starts the collector; it is not ready until {@link #awaitReady} says so. */
    static CollectorProcess start(String name, Path jar, int port, Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("collector jar " + jar.toAbsolutePath() + " does not exist: package the"
                    + " collector first (./mvnw -B -DskipTests -pl collector -am package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            return new CollectorProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start collector " + name, e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until /q/health/ready answers 200 (Flyway has migrated, the datasource is up); fails at once if it exits. */
    void awaitReady(HttpClient http, Duration within) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        await("collector " + name + " ready on port " + port + " (log: " + log + ")").atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .failFast("collector " + name + " exited at start-up", () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("collector " + name + " exited with code " + process.exitValue()
                                + "; its log " + log + " ends:\n" + tail(30));
                    }
                })
                .ignoreExceptions()
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** {@code kill -9}: SIGKILL to the JVM, no shutdown hooks, nothing flushed. Returns once the process is gone. */
    void kill() {
        String command = process.info().command().orElse("");
        if (!command.endsWith("/java")) {
            throw new IllegalStateException("collector " + name + "'s process (pid " + process.pid() + ") is '"
                    + command + "', not the JVM: killing it would not kill the collector");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("collector " + name + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing collector " + name, e);
        }
    }

    /** The last lines of the collector's log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = new ArrayList<>(Files.readAllLines(log));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
    }

    /** A graceful stop (SIGTERM), then SIGKILL if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
