package io.petwatch.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest extends OutboxContract {
    @TempDir
    Path dir;

    @Override
    Outbox outbox(int capacity) {
        return new FileOutbox(dir, capacity);
    }

    @Test
    void deadLettersAreKeptOnDiskWithTheirReasonAcrossRestarts() throws IOException {
        FileOutbox before = new FileOutbox(dir);
        before.add(alert("poison"));
        before.deadLetter("poison", "HTTP 413");

        FileOutbox after = new FileOutbox(dir);

        assertEquals(0, after.size());
        assertEquals(1, after.deadLetters());
        assertEquals(java.util.Optional.of("poison: HTTP 413"), after.lastDeadLetter());
        try (var files = Files.list(dir.resolve("dead"))) {
            assertEquals(2, files.count(), "the alert and its reason, for an operator");
        }
    }

    @Test
    void alertsSurviveARestartInOrder() {
        FileOutbox before = new FileOutbox(dir);
        before.add(alert("x"));
        before.add(alert("y"));

        FileOutbox after = new FileOutbox(dir);
        after.add(alert("z"));

        assertEquals(List.of("x", "y", "z"), after.peek(10).stream().map(Alert::getAlertId).toList());
    }

    @Test
    void filesOfTheFirstFormatAreTakenOverInOrder() throws IOException {
        Files.write(dir.resolve("0000000000000000001-old-1.alert.pb"), alert("old-1").toByteArray());
        Files.write(dir.resolve("0000000000000000002-old-2.alert.pb"), alert("old-2").toByteArray());

        FileOutbox outbox = new FileOutbox(dir);
        outbox.add(alert("new"));

        assertEquals(List.of("old-1", "old-2", "new"), outbox.peek(10).stream().map(Alert::getAlertId).toList());
        assertEquals(3, new FileOutbox(dir).size());
    }

    @Test
    void aTemporaryFileLeftByACrashIsNotAnAlert() throws IOException {
        Files.write(dir.resolve("c0-0000000000000000009-i3-half.alert.pb.tmp"), new byte[] {1, 2});

        FileOutbox outbox = new FileOutbox(dir);

        assertEquals(0, outbox.size());
        assertTrue(Files.notExists(dir.resolve("c0-0000000000000000009-i3-half.alert.pb.tmp")));
    }

    @Test
    void anUnreadableFileIsQuarantinedAndDoesNotBlockTheRest() throws IOException {
        Files.write(dir.resolve("c0-0000000000000000005-i3-broken.alert.pb"), new byte[] {(byte) 0xff, 0x01, 0x02});
        Files.write(dir.resolve("0000000000000000001-legacy-broken.alert.pb"), new byte[] {(byte) 0xff, 0x07});
        FileOutbox outbox = new FileOutbox(dir);
        outbox.add(alert("good"));

        assertEquals(List.of("good"), outbox.peek(10).stream().map(Alert::getAlertId).toList());
        assertTrue(Files.exists(dir.resolve("dead/c0-0000000000000000005-i3-broken.alert.pb")));
        assertTrue(Files.exists(dir.resolve("dead/0000000000000000001-legacy-broken.alert.pb")));
        assertEquals(1, outbox.size());
    }

}
