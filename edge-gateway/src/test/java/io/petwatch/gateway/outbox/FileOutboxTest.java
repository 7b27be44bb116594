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
    Outbox outbox() {
        return new FileOutbox(dir);
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
    void anUnreadableFileIsQuarantinedAndDoesNotBlockTheRest() throws IOException {
        FileOutbox outbox = new FileOutbox(dir);
        outbox.add(alert("good"));
        Files.write(dir.resolve("0000000000000000000-broken.alert.pb"), new byte[] {(byte) 0xff, 0x01, 0x02});

        assertEquals(List.of("good"), outbox.peek(10).stream().map(Alert::getAlertId).toList());
        assertTrue(Files.exists(dir.resolve("dead/0000000000000000000-broken.alert.pb")));
    }
}
