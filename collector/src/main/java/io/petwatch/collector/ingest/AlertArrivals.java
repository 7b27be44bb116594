package io.petwatch.collector.ingest;

import io.petwatch.collector.queue.Wakeup;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells triage that alerts were stored, by this or any other collector instance. The instance that stores an upload
 * wakes its own workers at once, in process; one connection per instance LISTENs on {@value #CHANNEL} and sends a
 * NOTIFY for what this instance stored, at most one every {@link #ANNOUNCE_EVERY}: a NOTIFY per upload would make
 * every upload's commit wait for a global lock. A lost connection is opened again; meanwhile the workers' short poll
 * keeps the queue moving, so a notification is a speed-up, never a need.
 */
@ApplicationScoped
public class AlertArrivals implements Wakeup {
    static final String CHANNEL = "petwatch_alerts";
    static final Duration ANNOUNCE_EVERY = Duration.ofMillis(50);
    private static final Logger LOG = Logger.getLogger(AlertArrivals.class);
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final ManagedExecutor executor;
    private final Object lock = new Object();
    private long generation;
    private final AtomicBoolean unannounced = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public AlertArrivals(Jdbi jdbi, ManagedExecutor executor) {
        this.jdbi = jdbi;
        this.executor = executor;
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        executor.execute(() -> {
            try {
                listen();
            } finally {
                stopped.countDown();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running.set(false);
        signal();
        // The pool closes after this: the listening connection is handed back first.
        stopped.await(RECONNECT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    /** This instance stored alerts: its workers look now, and the other instances hear of it shortly. */
    public void stored() {
        signal();
        unannounced.set(true);
    }

    /** A count that moves on every arrival: read it before looking at the queue, then {@link #await} on it. */
    @Override
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Something arrived (or someone wants the workers to look now). */
    @Override
    public void signal() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    /** Waits until the generation moves past {@code seen} or {@code timeout} passes; true if it moved. */
    @Override
    public boolean await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (generation == seen && running.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void listen() {
        while (running.get()) {
            try (Handle handle = jdbi.open()) {
                handle.execute("LISTEN " + CHANNEL);
                signal(); // anything stored while nobody listened is found by this look
                PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] arrived = pg.getNotifications((int) ANNOUNCE_EVERY.toMillis());
                    if (arrived != null && arrived.length > 0) {
                        signal();
                    }
                    if (unannounced.getAndSet(false)) {
                        handle.execute("NOTIFY " + CHANNEL);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running.get()) {
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
