package io.petwatch.sim;

import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.metrics.FleetMetrics;
import io.petwatch.sim.metrics.MetricsServer;
import io.petwatch.sim.metrics.ProgressLine;
import io.petwatch.sim.mqtt.BrokerAccess;
import io.petwatch.sim.mqtt.CollarConnection;
import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.play.PlayClock;
import io.petwatch.sim.play.Player;
import io.petwatch.sim.suite.Action;
import io.petwatch.sim.suite.CollarScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.tinylog.Logger;

/**
 * A fleet on the wire: connects every collar (one MQTT connection each, at the connect rate), plays their actions
 * ({@link Player}), has each say OFFLINE and closes; measured throughout ({@link FleetMetrics}), with a progress line
 * and, if asked, a Prometheus endpoint.
 */
public final class FleetRun {
    private final PublishSettings settings;
    private final FleetOptions options;
    private final FleetMetrics metrics = new FleetMetrics();
    private volatile Optional<Player> player = Optional.empty();
    private volatile int collars;

    public FleetRun(PublishSettings settings, FleetOptions options) {
        this.settings = settings;
        this.options = options;
    }

    /** Plays scenario scripts (their actions carry the faults) as firmware sim-2.0 at 80 % battery. */
    public static DeliveryReport scripts(List<CollarScript> scripts, PublishSettings settings, FleetOptions options) {
        return new FleetRun(settings, options).play(scripts.stream().map(CollarScript::collarId).toList(),
                scripts.stream().<Iterable<Action>>map(CollarScript::actions).toList(), "sim-2.0", id -> 80);
    }

    /**
     * Connects the collars (failing, before anything is published, on a collar without a password or one that
     * cannot connect), plays {@code actions.get(i)} for {@code collarIds.get(i)}, and answers what became of it all.
     */
    public DeliveryReport play(List<String> collarIds, List<? extends Iterable<Action>> actions, String firmware,
                               ToIntFunction<String> battery) {
        long began = System.nanoTime();
        settings.credentials().ifPresent(c -> c.requireAll(collarIds));
        BrokerAccess access = new BrokerAccess(settings.broker(), options.tls(), settings.reconnect());
        collars = collarIds.size();
        metrics.collars(collars);
        Optional<MetricsServer> server = options.prometheusPort().map(port -> new MetricsServer(port, metrics));
        server.ifPresent(s -> System.out.printf("metrics at http://127.0.0.1:%d/metrics%n", s.port()));
        ProgressLine progress = ProgressLine.start(metrics, options.progressEvery());
        List<CollarConnection> links = new ArrayList<>();
        try {
            links.addAll(connectAll(access, collarIds, firmware, battery));
            long connectMs = (System.nanoTime() - began) / 1_000_000L;
            Logger.info("{} collars online at {} in {} ms{}", links.size(), access, connectMs,
                    settings.credentials().isPresent() ? ", each logged in with its collar id" : "");
            Player p = new Player(options.limits(settings), PlayClock.SYSTEM, metrics);
            player = Optional.of(p);
            long playing = System.nanoTime();
            DeliveryReport delivery = p.play(links, actions);
            long playMs = (System.nanoTime() - playing) / 1_000_000L;
            sayOffline(links, firmware, battery);
            return delivery.with(metrics.figures(connectMs, playMs)).took(Duration.ofNanos(System.nanoTime() - began));
        } finally {
            closeAll(links);
            progress.close();
            server.ifPresent(MetricsServer::close);
        }
    }

    /** What has been delivered so far, for a caller on another thread. */
    public DeliveryReport progress() {
        return player.map(Player::progress).orElse(DeliveryReport.empty(collars));
    }

    public FleetMetrics metrics() {
        return metrics;
    }

    /**
     * First connections at the connect rate, each up to the jitter late; all under way at once, as a fleet
     * powering up would be. The first collar (in id order) that cannot connect fails the run, and no more start.
     */
    private List<CollarConnection> connectAll(BrokerAccess access, List<String> ids, String firmware,
                                              ToIntFunction<String> battery) {
        long start = System.nanoTime();
        long jitter = options.connectJitter().toNanos();
        long[] due = new long[ids.size()];
        for (int i = 0; i < due.length; i++) {
            due[i] = start + i * 1_000_000_000L / options.connectRate()
                    + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
        }
        CollarConnection[] links = new CollarConnection[ids.size()];
        CompletableFuture<?>[] connected = new CompletableFuture<?>[ids.size()];
        Arrays.fill(connected, CompletableFuture.completedFuture(null));
        AtomicBoolean failed = new AtomicBoolean();
        List<Integer> order = IntStream.range(0, due.length).boxed().sorted(Comparator.comparingLong(i -> due[i]))
                .toList();
        try {
            for (int i : order) {
                if (failed.get()) {
                    break;
                }
                sleepUntil(due[i]);
                String id = ids.get(i);
                links[i] = new CollarConnection(access, id, firmware, battery.applyAsInt(id),
                        settings.credentials().flatMap(c -> c.passwordFor(id)), metrics);
                connected[i] = links[i].connectAsync().whenComplete((ok, error) -> failed.compareAndSet(false,
                        error != null));
            }
            CompletableFuture.allOf(connected).handle((ok, error) -> null).join();
        } catch (RuntimeException e) {
            closeAll(Arrays.stream(links).filter(Objects::nonNull).toList());
            throw e;
        }
        Optional<RuntimeException> failure = Arrays.stream(connected)
                .filter(CompletableFuture::isCompletedExceptionally).findFirst().map(FleetRun::failure);
        if (failure.isPresent()) {
            closeAll(Arrays.stream(links).filter(Objects::nonNull).toList());
            throw failure.get();
        }
        return List.of(links);
    }

    private static RuntimeException failure(CompletableFuture<?> failed) {
        try {
            failed.join();
            return new IllegalStateException("a connection failed without a reason");
        } catch (RuntimeException e) {
            return e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The retained OFFLINE status (or, asked to, no retained status at all), bounded: a broker that is away at the
     * end must not hold the run.
     */
    private void sayOffline(List<CollarConnection> links, String firmware, ToIntFunction<String> battery) {
        List<CompletableFuture<?>> goodbyes = links.stream().<CompletableFuture<?>>map(l -> options.clearStatus()
                ? l.clearStatus()
                : l.publishStatus(CollarStatus.Connectivity.OFFLINE, firmware, battery.applyAsInt(l.collarId())))
                .toList();
        if (!waitFor(goodbyes, settings.deliveryTimeout())) {
            long missing = goodbyes.stream().filter(g -> !g.isDone() || g.isCompletedExceptionally()).count();
            Logger.warn("{} collars could not publish OFFLINE; their wills say it if the broker saw them drop", missing);
        }
    }

    private static void closeAll(List<CollarConnection> links) {
        if (!waitFor(links.stream().<CompletableFuture<?>>map(CollarConnection::closeAsync).toList(),
                Duration.ofSeconds(10))) {
            Logger.debug("some collars did not say goodbye within 10 s");
        }
    }

    private static boolean waitFor(List<CompletableFuture<?>> futures, Duration timeout) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("connecting interrupted", e);
            }
        }
    }
}
