package io.petwatch.gateway.outbox;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.Alert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * An outbox in a directory, one file per alert, that survives power cuts and {@code kill -9}.
 *
 * <p>Fsync policy: {@link #add} writes the alert to a temporary file, forces it to disk, renames it atomically
 * into place and forces the directory, all before it returns; a crash leaves the whole alert or none of it.
 * {@link #remove} deletes without forcing: a delete lost to a crash means the alert is sent again, and the
 * collector drops it by its id. File names carry drain class, sequence and importance, so the order survives
 * restarts without reading every file. A file that cannot be read back is moved to {@code dead/} and logged
 * rather than blocking the alerts behind it; so is a dead letter, with a {@code .reason} file beside it saying why.
 * Moving a dead letter's {@code .alert.pb} file back into the outbox directory sends it again.
 */
public final class FileOutbox implements Outbox {
    /** Dead letters kept; past this the oldest are deleted, so a collector refusing everything cannot fill the disk. */
    static final int MAX_DEAD_LETTERS = 1000;
    private static final String SUFFIX = ".alert.pb";
    private static final Pattern NAME = Pattern.compile("c(\\d)-(\\d{19})-i(\\d)-(.+)\\.alert\\.pb");

    private final Path dir;
    private final Path dead;
    private final int capacity;
    private final TreeMap<String, String> byName = new TreeMap<>(); // file name -> alert id, in drain order
    private final Map<String, String> byId = new HashMap<>();
    private final DeadLetterDir deadLetters;
    private long sequence;
    private long dropped;

    public FileOutbox(Path dir) {
        this(dir, Integer.MAX_VALUE);
    }

    public FileOutbox(Path dir, int capacity) {
        this.dir = dir;
        this.dead = dir.resolve("dead");
        this.capacity = capacity;
        try {
            Files.createDirectories(dead);
            deadLetters = new DeadLetterDir(dead, SUFFIX);
            List<Path> legacy = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    Matcher m = NAME.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        index(file.getFileName().toString(), m.group(4));
                        sequence = Math.max(sequence, Long.parseLong(m.group(2)));
                    } else {
                        legacy.add(file);
                    }
                }
            }
            legacy.stream().sorted().forEach(this::migrate);

            try (Stream<Path> leftovers = Files.list(dir)) {
                // A crash between writing and renaming leaves a temporary file: the alert was never added.
                leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(this::deleteQuietly);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("outbox directory " + dir + " is not usable", e);
        }
    }

    @Override
    public synchronized void add(Alert alert) {
        if (byId.containsKey(alert.getAlertId())) {
            return;
        }
        if (byId.size() >= capacity && !makeRoomFor(alert)) {
            return;
        }
        String name = String.format("c%d-%019d-i%d-%s%s", OutboxPolicy.drainClass(alert), ++sequence,
                OutboxPolicy.importance(alert), alert.getAlertId(), SUFFIX);
        try {
            Path tmp = dir.resolve(name + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(alert.toByteArray());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert " + alert.getAlertId() + " to outbox " + dir, e);
        }
        index(name, alert.getAlertId());
    }

    /** Drops the least important alert held (oldest first); false when the new alert is the least important. */
    private boolean makeRoomFor(Alert alert) {
        String victim = null;
        int lowest = Integer.MAX_VALUE;
        for (String name : byName.keySet()) {
            int importance = importance(name);
            if (importance < lowest) {
                lowest = importance;
                victim = name;
            }
        }
        dropped++;
        if (victim == null || lowest > OutboxPolicy.importance(alert)) {
            warnDropped("the new alert " + alert.getAlertId() + " (" + alert.getKind() + " " + alert.getState() + ")");
            return false;
        }
        warnDropped(victim);
        deleteQuietly(dir.resolve(victim));
        byId.remove(byName.remove(victim));
        return true;
    }

    private void warnDropped(String what) {
        if (dropped == 1 || dropped % 100 == 0) {
            Logger.warn("Outbox full ({} alerts): dropped {}; {} dropped so far, least important first", capacity,
                    what, dropped);
        }
    }

    @Override
    public synchronized List<Alert> peek(int max) {
        List<Alert> alerts = new ArrayList<>();
        for (String name : new ArrayList<>(byName.keySet())) {
            if (alerts.size() >= max) {
                break;
            }
            Path file = dir.resolve(name);
            try {
                alerts.add(Alert.parseFrom(Files.readAllBytes(file)));
            } catch (InvalidProtocolBufferException e) {
                quarantine(name, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read outbox file " + file, e);
            }
        }
        return alerts;
    }

    @Override
    public synchronized void remove(Collection<String> alertIds) {
        for (String id : alertIds) {
            String name = byId.remove(id);
            if (name != null) {
                byName.remove(name);
                deleteQuietly(dir.resolve(name));
            }
        }
    }

    @Override
    public synchronized int size() {
        return byId.size();
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized void deadLetter(String alertId, String reason) {
        String name = byId.remove(alertId);
        if (name == null) {
            return;
        }
        byName.remove(name);
        deadLetters.put(dir.resolve(name), reason);
    }

    @Override
    public synchronized long deadLetters() {
        return deadLetters.size();
    }

    @Override
    public synchronized Optional<String> lastDeadLetter() {
        return deadLetters.newest().map(e -> alertId(e.getKey()) + ": " + e.getValue());
    }

    private static String alertId(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? m.group(4) : name;
    }

    private void index(String name, String alertId) {
        byName.put(name, alertId);
        byId.put(alertId, name);
    }

    private static int importance(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(3)) : 0;
    }

    /** Files of the first outbox format (sequence-id.alert.pb) are re-added under the current one. */
    private void migrate(Path file) {
        try {
            Alert alert = Alert.parseFrom(Files.readAllBytes(file));
            add(alert);
            Files.delete(file);
        } catch (InvalidProtocolBufferException e) {
            quarantine(file.getFileName().toString(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot migrate outbox file " + file, e);
        }
    }

    private void quarantine(String name, String why) {
        deadLetters.put(dir.resolve(name), "unreadable: " + why);
        Logger.error("Outbox file {} is unreadable ({}); moved to {}", name, why, dead);
        String id = byName.remove(name);
        if (id != null) {
            byId.remove(id);
        }
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Logger.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
