package io.petwatch.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.Alert;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while writing, again and again: no acknowledged alert is lost and no file is corrupt. */
class FileOutboxCrashTest {
    private static final int ROUNDS = 12;

    @TempDir
    Path dir;

    @Test
    void killingTheProcessMidWriteLosesNoAlertAndCorruptsNothing() throws Exception {
        Random random = new Random(7);
        Set<String> acknowledged = new HashSet<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < ROUNDS; round++) {
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    OutboxWriterProcess.class.getName(), dir.toString(), "r" + round)
                    .redirectErrorStream(false).start();
            int killAfter = 20 + random.nextInt(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (int n = 0; n < killAfter; n++) {
                    String id = lines.readLine();
                    if (id == null) {
                        break;
                    }
                    acknowledged.add(id);
                }
                // SIGKILL, somewhere in the middle of the next add. Through the handle, so the pipe stays readable.
                writer.toHandle().destroyForcibly();
                writer.waitFor(10, TimeUnit.SECONDS);
                // The writer does not wait for us: ids it printed before the kill are still in the pipe, and each
                // one was acknowledged (printed only after add returned).
                for (String id = lines.readLine(); id != null; id = lines.readLine()) {
                    acknowledged.add(id);
                }
            }

            FileOutbox reopened = new FileOutbox(dir);
            Set<String> held = reopened.peek(Integer.MAX_VALUE).stream().map(Alert::getAlertId)
                    .collect(Collectors.toSet());
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(held);
            assertEquals(Set.of(), missing, "round " + round + ": acknowledged alerts lost");
            assertTrue(held.size() - acknowledged.size() <= round + 1,
                    "at most one unacknowledged (but complete) alert per kill");
            try (var dead = Files.list(dir.resolve("dead"))) {
                assertEquals(List.of(), dead.toList(), "no file was corrupted");
            }
        }
        assertTrue(acknowledged.size() >= ROUNDS * 20, "the writer really wrote: " + acknowledged.size());
    }
}
