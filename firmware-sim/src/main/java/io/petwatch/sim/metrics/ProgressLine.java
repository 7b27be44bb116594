package io.petwatch.sim.metrics;

import io.petwatch.sim.delivery.Delivery;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line of progress every few seconds on standard error, so a long fleet run shows it is alive without
 * touching standard output, which carries the summary. On a terminal the line is rewritten in place.
 */
public final class ProgressLine implements AutoCloseable {
    private final FleetMetrics metrics;
    private final PrintStream err;
    private final boolean inPlace;
    private final ScheduledExecutorService timer;
    private long lastSent;
    private boolean printed;
    private long lastNanos = System.nanoTime();

    private ProgressLine(FleetMetrics metrics, PrintStream err, boolean inPlace, Duration every) {
        this.metrics = metrics;
        this.err = err;
        this.inPlace = inPlace;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        if (!every.isZero() && !every.isNegative()) {
            timer.scheduleAtFixedRate(this::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Prints every {@code every} until closed; a zero period prints nothing. */
    public static ProgressLine start(FleetMetrics metrics, Duration every) {
        return new ProgressLine(metrics, System.err, System.console() != null, every);
    }

    private synchronized void print() {
        String line = line(metrics, lastSent, System.nanoTime() - lastNanos);
        lastSent = metrics.sent();
        lastNanos = System.nanoTime();
        printed = true;
        if (inPlace) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
        } else {
            err.println(line);
        }
    }

    /** The line for these metrics, with the send rate since {@code sentBefore} over the last {@code nanos}. */
    static String line(FleetMetrics m, long sentBefore, long nanos) {
        long s = m.elapsedSeconds();
        long sent = m.sent();
        long rate = nanos <= 0 ? 0 : Math.round((sent - sentBefore) * 1e9 / nanos);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "[%02d:%02d] collars %,d/%,d connected, sent %,d (%,d/s), acked %,d, in flight %,d, p99 ack %.1f ms",
                s / 60, s % 60, m.online(), m.collars(), sent, rate, m.count(Delivery.Status.ACKNOWLEDGED),
                m.inFlight(), m.ackLatency().percentiles().p99()));
        long undelivered = m.count(Delivery.Status.REFUSED) + m.count(Delivery.Status.FAILED)
                + m.count(Delivery.Status.NOT_SENT) + m.count(Delivery.Status.UNCONFIRMED);
        if (undelivered > 0) {
            out.append(String.format(Locale.ROOT, ", undelivered %,d", undelivered));
        }
        if (m.drops() > 0 || m.reconnects() > 0) {
            out.append(String.format(Locale.ROOT, ", drops %,d, reconnects %,d", m.drops(), m.reconnects()));
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (inPlace && printed) {
            err.println();
        }
    }
}
