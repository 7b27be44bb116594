package io.petwatch.gateway.detect;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.tinylog.Logger;

/**
 * Per-collar detection for one hub. Not thread-safe: the gateway feeds it from one thread (the MQTT callback),
 * which also keeps each collar's event-time order as the broker delivered it; stats may be read from any thread.
 */
public final class DetectionEngine {
    /** Samples stamped further than this ahead of the hub's clock are rejected as a broken collar clock. */
    static final Duration MAX_FUTURE = Duration.ofDays(1);

    private final String hubId;
    private final ZoneId zone;
    private final Function<String, ZoneId> zoneForCollar;
    private final Map<ZoneId, LocalCalendar> calendars = new HashMap<>();
    private final Baseline.Scratch scratch = new Baseline.Scratch();
    private final Function<String, DetectorParams> paramsForCollar;
    private final Clock clock;
    private final Map<String, CollarDetector> collars = new HashMap<>();
    private long batches;
    private long accepted;
    private long duplicate;
    private long rejected;
    private long duplicateBatches;
    private long seqSkipped;
    private long lateBatches;
    private long alerts;
    private int collarCount;
    private int warmedUp;

    public DetectionEngine(String hubId, ZoneId zone, LowActivityParams lowActivity, Clock clock) {
        this(hubId, zone, collar -> new DetectorParams(lowActivity, RestlessnessParams.defaults(),
                DeviceParams.defaults(), WearParams.defaults()), clock);
    }

    /**
     * @param paramsForCollar each collar's tuning (per-pet overrides over the hub's defaults); asked once per collar
     */
    public DetectionEngine(String hubId, ZoneId zone, Function<String, DetectorParams> paramsForCollar, Clock clock) {
        this(hubId, zone, collar -> zone, paramsForCollar, clock);
    }

    /**
     * @param zoneForCollar each collar's household zone, where one hub (or a replay) serves several households
     */
    public DetectionEngine(String hubId, ZoneId zone, Function<String, ZoneId> zoneForCollar,
                           Function<String, DetectorParams> paramsForCollar, Clock clock) {
        this.hubId = Objects.requireNonNull(hubId, "hubId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.zoneForCollar = Objects.requireNonNull(zoneForCollar, "zoneForCollar");
        this.paramsForCollar = Objects.requireNonNull(paramsForCollar, "paramsForCollar");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private LocalCalendar calendarFor(String collarId) {
        return calendars.computeIfAbsent(Objects.requireNonNullElse(zoneForCollar.apply(collarId), zone),
                LocalCalendar::new);
    }

    /** Adds a batch and returns the alerts it completes, oldest first. */
    public List<AlertEvent> ingest(CollarBatch batch) {
        return ingest(batch, clock.millis());
    }

    /**
     * Adds a batch taken at hub time {@code nowMs} (a journal replay passes the time the batch was first taken, so
     * the outcome is the same) and returns the alerts it completes, oldest first.
     */
    public List<AlertEvent> ingest(CollarBatch batch, long nowMs) {
        CollarDetector collar = collars.get(batch.collarId());
        if (collar == null) {
            collar = new CollarDetector(hubId, batch.collarId(), calendarFor(batch.collarId()), scratch,
                    paramsForCollar.apply(batch.collarId()));
            collars.put(batch.collarId(), collar);
        }
        long now = nowMs;
        boolean wasWarm = collar.warmedUp();
        CollarDetector.Ingested result = collar.ingest(batch, now, MAX_FUTURE.toMillis(), now);
        if (!wasWarm && collar.warmedUp()) {
            Logger.info("Collar {}: its normal is learned ({} days of worn data); health alerts are on",
                    batch.collarId(), collar.learnedDays());
        }
        synchronized (this) {
            batches++;
            accepted += result.accepted();
            duplicate += result.duplicate();
            rejected += result.rejected();
            duplicateBatches += result.duplicateBatch() ? 1 : 0;
            alerts += result.alerts().size();
            seqSkipped += result.seqSkipped();
            lateBatches += result.late() ? 1 : 0;
            collarCount = collars.size();
            warmedUp += !wasWarm && collar.warmedUp() ? 1 : 0;
        }
        return result.alerts();
    }

    /**
     * A collar's status message: ONLINE, or OFFLINE (also what its will message says when it drops off). Only
     * collars already heard from are tracked, so status traffic cannot grow state.
     */
    public List<AlertEvent> status(String collarId, boolean online, long atMs) {
        return status(collarId, online, atMs, clock.millis());
    }

    /** A status message taken at hub time {@code wallMs}. */
    public List<AlertEvent> status(String collarId, boolean online, long atMs, long wallMs) {
        CollarDetector collar = collars.get(collarId);
        if (collar == null) {
            return List.of();
        }
        List<AlertEvent> raised = collar.status(online, atMs, wallMs);
        synchronized (this) {
            alerts += raised.size();
        }
        return raised;
    }

    /**
     * Lets time pass without data: collars silent for too long raise COLLAR_SILENT. The live gateway ticks with
     * its wall clock; a replay ticks with the newest event time it has read.
     */
    public List<AlertEvent> tick(long nowMs) {
        List<AlertEvent> raised = new ArrayList<>(0);
        long wall = clock.millis();
        for (CollarDetector collar : collars.values()) {
            raised.addAll(collar.tick(nowMs, wall));
        }
        synchronized (this) {
            alerts += raised.size();
        }
        return raised;
    }

    /** One collar's silence judged at hub time {@code nowMs} (a journal replay of a tick that raised alerts). */
    public List<AlertEvent> tick(String collarId, long nowMs) {
        CollarDetector collar = collars.get(collarId);
        if (collar == null) {
            return List.of();
        }
        List<AlertEvent> raised = collar.tick(nowMs, nowMs);
        synchronized (this) {
            alerts += raised.size();
        }
        return raised;
    }

    /** Whether the collar has state here. */
    public boolean tracks(String collarId) {
        return collars.containsKey(collarId);
    }

    /**
     * Start of the newest minute of data accepted from the collar, in event time (minutes stamped too far in the
     * future are not accepted); empty for a collar without state or without accepted data.
     */
    public OptionalLong newestDataMs(String collarId) {
        CollarDetector collar = collars.get(collarId);
        return collar == null ? OptionalLong.empty() : collar.newestMinuteMs();
    }

    /** Drops a collar's state (its slot is given to another collar). */
    public void forget(String collarId) {
        CollarDetector gone = collars.remove(collarId);
        if (gone != null) {
            synchronized (this) {
                collarCount = collars.size();
                warmedUp -= gone.warmedUp() ? 1 : 0;
            }
        }
    }

    /** Every collar's state as snapshot bytes, by collar id, without firmware (for a caller that keeps none). */
    public Map<String, byte[]> snapshot() {
        return snapshot(collars.keySet(), id -> "");
    }

    /**
     * The state of these collars (those still tracked) as snapshot bytes, by collar id. The engine keeps no
     * firmware: {@code firmwareOf} gives each collar's ("" for none), so it is saved and restored with the state.
     */
    public Map<String, byte[]> snapshot(Collection<String> collarIds, Function<String, String> firmwareOf) {
        Map<String, byte[]> out = new HashMap<>();
        for (String id : collarIds) {
            CollarDetector detector = collars.get(id);
            if (detector != null) {
                out.put(id, SnapshotCodec.write(detector.state(), firmwareOf.apply(id)));
            }
        }
        return out;
    }

    /**
     * Takes back collars from snapshot bytes before any data arrives. A snapshot that does not check out is left
     * out; the returned map says why, by collar, and those collars start fresh.
     */
    public Map<String, String> restore(Map<String, byte[]> snapshots) {
        return restore(snapshots, (id, firmware) -> { });
    }

    /**
     * Like {@link #restore(Map)}, and hands {@code firmware} each restored collar's saved firmware ("" when its
     * snapshot kept none), for whoever keeps firmware; a refused snapshot's is not handed on.
     */
    public Map<String, String> restore(Map<String, byte[]> snapshots, BiConsumer<String, String> firmware) {
        Map<String, String> refused = new HashMap<>();
        snapshots.forEach((id, bytes) -> {
            DetectorParams params = paramsForCollar.apply(id);
            try {
                SnapshotCodec.Decoded saved = SnapshotCodec.read(bytes, params.layoutFingerprint(),
                        params.historyHours(), params.restlessness().baselineNights());
                CollarDetector.State state = saved.state();
                if (!state.collarId().equals(id)) {
                    throw new SnapshotCodec.Refused("holds collar " + state.collarId());
                }
                collars.put(id, CollarDetector.restored(hubId, calendarFor(id), scratch, params, state));
                firmware.accept(id, saved.firmware());
            } catch (SnapshotCodec.Refused e) {
                refused.put(id, e.getMessage());
            }
        });
        synchronized (this) {
            collarCount = collars.size();
            warmedUp = (int) collars.values().stream().filter(CollarDetector::warmedUp).count();
        }
        return refused;
    }

    /** The collars with state here. */
    public Set<String> collarIds() {
        return Set.copyOf(collars.keySet());
    }

    /** Each collar's learning and batch sequence, by collar id. */
    public Map<String, CollarProgress> progress() {
        Map<String, CollarProgress> out = new TreeMap<>();
        collars.forEach((id, detector) -> out.put(id, detector.progress()));
        return out;
    }

    public synchronized DetectionStats stats() {
        return new DetectionStats(batches, accepted, duplicate, rejected, duplicateBatches, seqSkipped, lateBatches,
                alerts, collarCount, collarCount - warmedUp);
    }
}
