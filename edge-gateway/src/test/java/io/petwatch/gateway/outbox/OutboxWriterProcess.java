package io.petwatch.gateway.outbox;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import java.io.PrintStream;
import java.nio.file.Path;

/** Child process for the crash-loop test: adds alerts forever, printing each id once add has returned. */
public final class OutboxWriterProcess {
    private OutboxWriterProcess() {
    }

    public static void main(String[] args) {
        FileOutbox outbox = new FileOutbox(Path.of(args[0]));
        PrintStream out = System.out;
        for (long i = 0; ; i++) {
            String id = args[1] + "-" + i;
            outbox.add(Alert.newBuilder().setAlertId(id).setCollarId("c-" + (i % 7))
                    .setKind(i % 3 == 0 ? AlertKind.BATTERY_LOW : AlertKind.LOW_ACTIVITY)
                    .setState(AlertState.FIRING).setSummary("x".repeat((int) (i % 500))).build());
            out.println(id);
            out.flush();
        }
    }
}
