package io.petwatch.demo.chaos;

import io.petwatch.demo.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub's Mosquitto from the shipped {@code deploy/hub/mosquitto.conf}: its listener port, file paths and logging
 * replaced for a temporary folder, every other line kept (persistence, autosave, queue limits, login, ACL). Runs as
 * the current user, so a root-run test can write its folder. Stopped gracefully (SIGTERM, it saves) or killed
 * (SIGKILL, it loses what it has not autosaved).
 */
final class HubBroker implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final int port;
    private final int autosaveSeconds;
    private Process process;

    private HubBroker(Path dir, Path conf, int port, int autosaveSeconds) {
        this.dir = dir;
        this.conf = conf;
        this.port = port;
        this.autosaveSeconds = autosaveSeconds;
    }

    /** Writes the config and the password file ({@code accounts}: username to password) and starts the broker. */
    static HubBroker start(Path hubDir, Path dir, Map<String, String> accounts) throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Path passwd = dir.resolve("mosquitto.passwd");
        List<String> plain = new ArrayList<>();
        accounts.forEach((user, password) -> plain.add(user + ":" + password));
        Files.write(passwd, plain);
        run(dir, "mosquitto_passwd", "-U", passwd.toString()); // hashes every line in place
        int port = FreePorts.take();
        int autosave = 0;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(hubDir.resolve("mosquitto.conf"))) {
            String key = line.split("\\s+", 2)[0];
            switch (key) {
                case "listener" -> lines.add("listener " + port + " 127.0.0.1");
                case "password_file" -> lines.add("password_file " + passwd.toAbsolutePath());
                case "acl_file" -> lines.add("acl_file " + hubDir.resolve("mosquitto.acl").toAbsolutePath());
                case "persistence_location" -> lines.add("persistence_location " + dir.resolve("db").toAbsolutePath()
                        + "/");
                case "log_dest" -> lines.add("log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath());
                default -> lines.add(line);
            }
            if (key.equals("autosave_interval")) {
                autosave = Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        lines.add("user " + System.getProperty("user.name"));
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, lines);
        HubBroker broker = new HubBroker(dir, conf, port, autosave);
        broker.start();
        return broker;
    }

    private static void run(Path dir, String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("setup.log").toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed; see " + dir.resolve("setup.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The stated loss window: what a crash of the broker may lose. */
    int autosaveSeconds() {
        return autosaveSeconds;
    }

    void start() throws IOException {
        process = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited at start; see " + dir.resolve("mosquitto.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Pause.millis(100);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 20 s");
    }

    /** SIGTERM: Mosquitto saves its sessions and queues before it exits. */
    void stop() {
        Processes.stop(process, Duration.ofSeconds(20));
    }

    /** SIGKILL: what was not autosaved is gone. */
    void kill() {
        Processes.kill(process);
    }

    @Override
    public void close() {
        stop();
    }
}
