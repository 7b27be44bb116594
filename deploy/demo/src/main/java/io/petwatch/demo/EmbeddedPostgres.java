package io.petwatch.demo;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * A real PostgreSQL server for the demo, from the PostgreSQL binaries published on Maven Central (the
 * io.zonky.test.postgres artifacts), on a free port, with its data in a temporary directory.
 *
 * <p>PostgreSQL refuses to run as root, and zonky's own launcher has no way around that; so when the demo runs
 * as root (containers, CI) this launcher runs initdb and postgres as the unprivileged user {@code nobody} through
 * {@code setpriv}. As any other user it runs them directly.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final int NOBODY = 65534;

    private final Process server;
    private final Path dataDir;
    private final int port;

    private EmbeddedPostgres(Process server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static EmbeddedPostgres start(Path logDir) {
        boolean root = new UnixSystem().getUid() == 0;
        Path binaries = PostgresBinaries.unpacked();
        int port = FreePorts.take();
        try {
            Path dataDir = Files.createTempDirectory("petwatch-pgdata-");
            if (root) {
                UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dataDir, users.lookupPrincipalByName("nobody"));
            }
            Path log = logDir.resolve("postgres.log");
            run(root, log, Duration.ofSeconds(60), binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            Process server = command(root, binaries.resolve("bin/postgres").toString(), "-D", dataDir.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            EmbeddedPostgres postgres = new EmbeddedPostgres(server, dataDir, port);
            postgres.awaitReady(log);
            Logger.info("Embedded PostgreSQL listening on 127.0.0.1:{}{}", port, root ? " (running as nobody)" : "");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void awaitReady(Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("embedded PostgreSQL exited at start-up; its log, " + log + ", ends:\n"
                        + tail(log));
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
                return;
            } catch (SQLException notYet) {
                sleep(200);
            }
        }
        throw new IllegalStateException("embedded PostgreSQL did not accept connections within 30 s; see " + log);
    }

    private static ProcessBuilder command(boolean asNobody, String... command) {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    private static void run(boolean asNobody, Path log, Duration timeout, String... command) throws IOException {
        Process process = command(asNobody, command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(Path.of(command[0]).getFileName() + " failed; its log, " + log
                        + ", ends:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.destroy(); // SIGTERM: PostgreSQL's smart shutdown, quick once the collector has gone
        try {
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Directories.deleteTree(dataDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Logger.warn("Could not remove the embedded database's files in {}: {}", dataDir, e.getMessage());
        }
    }
}
