package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own, from this machine's mosquitto binary, on free ports: for settings the shared
 * broker on 1883 does not have (TLS, ACLs, persistence across a restart). Stopped with SIGTERM, so a persistent
 * broker saves its sessions and queued messages as it would on a hub.
 */
public final class TestBroker implements AutoCloseable {
    private final Path dir;
    private final List<String> conf;
    private final int port;
    private Process process;
    private int starts;

    private TestBroker(Path dir, List<String> conf, int port) {
        this.dir = dir;
        this.conf = List.copyOf(conf);
        this.port = port;
    }

    /**
     * Starts Mosquitto with {@code confLines}, where {@code {port}} stands for the listener port this class picks
     * and {@code {dir}} for {@code dir}; the broker runs as the current user and logs to {@code dir/mosquitto.log}.
     */
    public static TestBroker start(Path dir, List<String> confLines) {
        int port = freePort();
        List<String> conf = new ArrayList<>();
        confLines.forEach(line -> conf.add(line.replace("{port}", Integer.toString(port))
                .replace("{dir}", dir.toAbsolutePath().toString())));
        conf.add("log_dest stderr");
        conf.add("user " + System.getProperty("user.name"));
        TestBroker broker = new TestBroker(dir, conf, port);
        broker.startAgain();
        return broker;
    }

    /** An anonymous broker that keeps sessions and queued messages across restarts, in {@code dir}. */
    public static TestBroker persistent(Path dir) {
        return start(dir, List.of("listener {port} 127.0.0.1", "allow_anonymous true", "persistence true",
                "persistence_location {dir}/", "max_queued_messages 100000"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker (again, after {@link #stop()}) on its port, with its config and data. */
    public void startAgain() {
        try {
            Path confFile = dir.resolve("mosquitto.conf");
            Files.write(confFile, conf);
            starts++;
            process = new ProcessBuilder("mosquitto", "-c", confFile.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto (is the mosquitto package installed?)", e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited at start " + starts + "; see "
                        + dir.resolve("mosquitto.log") + ":\n" + Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Stops the broker (SIGTERM, so it saves its persistent state) and starts it again on the same port. */
    public void restart() {
        stop();
        startAgain();
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
