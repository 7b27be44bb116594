package io.petwatch.collector.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * HAProxy from this machine's PATH (Debian package {@code haproxy}), in the foreground ({@code -db}) as a child of the
 * test, with the config {@code cluster/haproxy.cfg} filled in and written to the run's folder.
 */
final class HaproxyProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private HaproxyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // Should the test JVM itself be stopped (a failsafe timeout, Ctrl-C), the proxy goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "cluster-it-stop-haproxy"));
    }

    /**
     * The haproxy binary. Missing, it fails the test under CI=true (CI installs it: .ci/run) and skips it elsewhere.
     */
    static Path requireBinary() {
        Optional<Path> found = binary();
        String missing = "haproxy is not installed (looked on PATH and in /usr/sbin, /usr/local/sbin): TwoCollectorsIT"
                + " runs two collectors behind a real load balancer. Install it with: apt-get install -y haproxy";
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(missing);
            }
            Assumptions.abort(missing + " (skipped because CI is not true)");
        }
        return found.get();
    }

    private static Optional<Path> binary() {
        List<Path> places = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                places.add(Path.of(dir, "haproxy"));
            }
        }
        // Debian installs it in sbin, which an unprivileged user's PATH may lack.
        places.add(Path.of("/usr/sbin/haproxy"));
        places.add(Path.of("/usr/local/sbin/haproxy"));
        return places.stream().filter(Files::isExecutable).findFirst();
    }

    /** Fills in the template, checks it with {@code haproxy -c} and starts the proxy in the foreground. */
    static HaproxyProcess start(Path binary, int port, Map<String, String> backends, Path dir) {
        if (backends.size() != 2) {
            throw new IllegalArgumentException("the template balances two collectors, got " + backends);
        }
        List<Map.Entry<String, String>> servers = new ArrayList<>(backends.entrySet());
        String config = template().replace("${PROXY_PORT}", Integer.toString(port))
                .replace("${A_NAME}", servers.get(0).getKey()).replace("${A_PORT}", servers.get(0).getValue())
                .replace("${B_NAME}", servers.get(1).getKey()).replace("${B_PORT}", servers.get(1).getValue());
        Path cfg = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        try {
            Files.writeString(cfg, config);
            Process check = new ProcessBuilder(binary.toString(), "-c", "-f", cfg.toString()).redirectErrorStream(true)
                    .start();
            String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("haproxy refuses " + cfg + ":\n" + checked);
            }
            Process process = new ProcessBuilder(binary.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            return new HaproxyProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start haproxy with " + cfg, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + cfg, e);
        }
    }

    private static String template() {
        try (InputStream in = HaproxyProcess.class.getResourceAsStream("/cluster/haproxy.cfg")) {
            if (in == null) {
                throw new IllegalStateException("test resource cluster/haproxy.cfg is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path log() {
        return log;
    }

    /** Waits until the proxy answers a readiness probe through to a collector. */
    void awaitServing(HttpClient http, Duration within) {
        HttpRequest ready = HttpRequest.newBuilder(baseUrl().resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        await("haproxy serving on port " + port + " (log: " + log + ")").atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .failFast("haproxy exited", () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("haproxy exited with code " + process.exitValue() + "; see " + log);
                    }
                })
                .ignoreExceptions()
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
