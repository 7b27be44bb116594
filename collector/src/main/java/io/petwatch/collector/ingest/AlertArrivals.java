package io.petwatch.collector.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells triage that alerts were stored, by any collector instance: one connection LISTENs on the channel that the
 * {@code alerts} table's trigger notifies at each commit (see V13__triage_queue.sql). A lost connection is opened
 * again; meanwhile the workers' short poll keeps the queue moving, so a notification is a speed-up, never a need.
 */
@ApplicationScoped
public class AlertArrivals {
    /** The channel {@code notify_alerts_received()} notifies. */
    static final String CHANNEL = "petwatch_alerts";
    private static final Logger LOG = Logger.getLogger(AlertArrivals.class);
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final Object lock = new Object();
    private long generation;

    public AlertArrivals(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A count that moves on every arrival: read it before looking at the queue, then {@link #await} on it. */
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Something arrived (or someone wants the workers to look now). */
    public void signal() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    /** Waits until the generation moves past {@code seen} or {@code timeout} passes; true if it moved. */
    public boolean await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * Listens while {@code running} says so: the task a managed executor runs for the collector's lifetime.
     *
     * @param poll how long one wait for a notification lasts, so a stop is seen promptly
     */
    public void listen(Duration poll, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try (Handle handle = jdbi.open()) {
                handle.execute("LISTEN " + CHANNEL);
                signal(); // anything stored while nobody listened is found by this look
                PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
                while (running.getAsBoolean()) {
                    PGNotification[] arrived = pg.getNotifications((int) poll.toMillis());
                    if (arrived != null && arrived.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running.getAsBoolean()) {
                    return; // stopping: the pool may already be closing this connection
                }
                LOG.warnf("Listening for stored alerts failed (%s); triage polls meanwhile, listening again in %d s",
                        e.toString(), RECONNECT.toSeconds());
                try {
                    Thread.sleep(RECONNECT.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
