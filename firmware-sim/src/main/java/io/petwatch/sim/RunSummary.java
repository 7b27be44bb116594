package io.petwatch.sim;

import io.petwatch.sim.delivery.DeliveryReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/** The delivery summary a run prints, its JSON report, and its exit code. */
final class RunSummary {
    static final int ALL_DELIVERED = 0;
    static final int UNDELIVERED = 4;
    private static final int SHOWN = 10;

    private RunSummary() {
    }

    /** Prints the summary, writes the JSON report if asked, and answers the exit code. */
    static int finish(DeliveryReport delivery, Optional<Path> report, PrintStream out) {
        print(delivery, out);
        report.ifPresent(path -> {
            try {
                Files.writeString(path, delivery.toJson() + System.lineSeparator());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report to " + path, e);
            }
            out.printf("report in %s%n", path);
        });
        return delivery.allDelivered() ? ALL_DELIVERED : UNDELIVERED;
    }

    static void print(DeliveryReport d, PrintStream out) {
        out.printf("published %d batches for %d collars in %d ms (acknowledged by the broker; %d re-sent after a"
                + " reconnect)%n", d.published(), d.collars(), d.tookMs(), d.acknowledgedAfterReconnect());
        out.printf("reconnects %d, disconnected %.1f s over all collars (longest %.1f s)%n", d.links().reconnects(),
                d.links().disconnectedMs() / 1000.0, d.links().longestDisconnectMs() / 1000.0);
        if (d.allDelivered()) {
            return;
        }
        out.printf("UNDELIVERED %d batches (refused %d, failed %d, not sent %d, unconfirmed %d)%n", d.undelivered(),
                d.refused(), d.failed(), d.notSent(), d.unconfirmed());
        out.printf("  by collar: %s%n", d.undeliveredByCollar().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        d.undeliveredBatches().stream().limit(SHOWN).forEach(b -> out.printf("  %s seq %d %s: %s%n", b.collarId(),
                b.seq(), b.status(), b.reason()));
        if (d.undelivered() > SHOWN) {
            out.printf("  ... and %d more%n", d.undelivered() - SHOWN);
        }
    }
}
