package io.petwatch.gateway.outbox;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.Alert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * An outbox in a directory, one file per alert, so alerts survive a hub reboot. Files are written to a temporary
 * name and atomically moved into place: a crash leaves either the whole alert or none of it. A file that cannot
 * be read back is moved to {@code dead/} and logged rather than blocking the alerts behind it.
 */
public final class FileOutbox implements Outbox {
    private static final String SUFFIX = ".alert.pb";

    private final Path dir;
    private final Path dead;
    private long sequence;

    public FileOutbox(Path dir) {
        this.dir = dir;
        this.dead = dir.resolve("dead");
        try {
            Files.createDirectories(dead);
            try (Stream<Path> files = Files.list(dir)) {
                // Continue numbering after what a previous run left, so order survives restarts.
                sequence = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                        .mapToLong(n -> Long.parseLong(n.substring(0, n.indexOf('-')))).max().orElse(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("outbox directory " + dir + " is not usable", e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("outbox directory " + dir + " holds a file not written by the outbox", e);
        }
    }

    @Override
    public synchronized void add(Alert alert) {
        if (find(alert.getAlertId()).isPresent()) {
            return;
        }
        String name = String.format("%019d-%s%s", ++sequence, alert.getAlertId(), SUFFIX);
        try {
            Path tmp = Files.createTempFile(dir, "pending-", ".tmp");
            Files.write(tmp, alert.toByteArray());
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert " + alert.getAlertId() + " to outbox " + dir, e);
        }
    }

    @Override
    public synchronized List<Alert> peek(int max) {
        List<Alert> alerts = new ArrayList<>();
        for (Path file : files()) {
            if (alerts.size() >= max) {
                break;
            }
            try {
                alerts.add(Alert.parseFrom(Files.readAllBytes(file)));
            } catch (InvalidProtocolBufferException e) {
                quarantine(file, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read outbox file " + file, e);
            }
        }
        return alerts;
    }

    @Override
    public synchronized void remove(Collection<String> alertIds) {
        for (String id : alertIds) {
            find(id).ifPresent(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete outbox file " + file, e);
                }
            });
        }
    }

    @Override
    public synchronized int size() {
        return files().size();
    }

    private Optional<Path> find(String alertId) {
        String tail = "-" + alertId + SUFFIX;
        return files().stream().filter(p -> p.getFileName().toString().endsWith(tail)).findFirst();
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list outbox " + dir, e);
        }
    }

    private void quarantine(Path file, String why) {
        try {
            Files.move(file, dead.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Logger.error("Outbox file {} is unreadable ({}); moved to {}", file.getFileName(), why, dead);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine outbox file " + file, e);
        }
    }
}
