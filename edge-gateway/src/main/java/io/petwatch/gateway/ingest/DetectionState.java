package io.petwatch.gateway.ingest;

import io.petwatch.gateway.census.CollarCensus;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.mqtt.CollarAdmission;
import io.petwatch.gateway.mqtt.TelemetryPipeline;
import io.petwatch.gateway.state.Journal;
import io.petwatch.gateway.state.JournalEntry;
import io.petwatch.gateway.state.SnapshotStore;
import io.petwatch.proto.v1.CollarStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tinylog.Logger;

/**
 * Detection state and how it survives a crash. Every input that changes a collar's state is applied to the engine
 * and appended to the journal; {@link #sync()} makes a group of them durable; a checkpoint writes the changed
 * collars' snapshots and empties the journal. {@link #recover} loads the snapshots and replays the journal after
 * them with the hub clock each input was first taken at, so the state (and every alert: id, window, severity) is
 * the one the gateway had before the crash. Without a snapshot directory, state lives in memory only. Confined to
 * the detection worker's thread; {@link #engine()} readers synchronise on the engine. It keeps the collar census up
 * to date: each collar's firmware and the event time of its newest accepted data, forgotten with the collar. The
 * census is the one copy of the firmware while the gateway runs; each snapshot saves it, and recovery puts it back.
 */
public final class DetectionState {
    private final DetectionEngine engine;
    private final TelemetryPipeline pipeline;
    private final AlertRaiser raiser;
    private final CollarCensus census;
    private final Optional<SnapshotStore> store;
    private final Optional<Journal> journal;
    private final Duration checkpointEvery;
    private final long checkpointBytes;
    private final Set<String> dirty = new HashSet<>();
    private long lastCheckpointMs;

    /**
     * @param census           the collars heard, by firmware: the same one the raiser reads firmware from
     * @param checkpointEvery  how often changed collars are snapshotted and the journal emptied
     * @param checkpointBytes  a journal this large is checkpointed early, so a restart never replays much
     */
    public DetectionState(DetectionEngine engine, TelemetryPipeline pipeline, AlertRaiser raiser, CollarCensus census,
                          Optional<SnapshotStore> store, Duration checkpointEvery, long checkpointBytes) {
        this.engine = engine;
        this.pipeline = pipeline;
        this.raiser = raiser;
        this.census = census;
        this.store = store;
        this.journal = store.map(s -> new Journal(s.dir().resolve("journal")));
        this.checkpointEvery = checkpointEvery;
        this.checkpointBytes = checkpointBytes;
    }

    public DetectionEngine engine() {
        return engine;
    }

    TelemetryPipeline pipeline() {
        return pipeline;
    }

    AlertRaiser raiser() {
        return raiser;
    }

    List<AlertEvent> batch(TelemetryPipeline.Admitted admitted, byte[] payload, long wallMs) {
        admitted.reclaimed().ifPresent(old -> forget(old, wallMs));
        CollarBatch batch = admitted.batch();
        append(new JournalEntry.Batch(wallMs, batch.collarId(), payload));
        census.noteFirmware(batch);
        List<AlertEvent> raised = engine.ingest(batch, wallMs);
        noteHeard(batch.collarId());
        return raised;
    }

    /** The census takes a collar's event time from detection: minutes it rejected (a broken clock) do not count. */
    private void noteHeard(String collarId) {
        engine.newestDataMs(collarId).ifPresent(ms -> census.heard(collarId, ms));
    }

    List<AlertEvent> status(CollarStatus status, long wallMs) {
        boolean online = status.getConnectivity() == CollarStatus.Connectivity.ONLINE;
        if (!engine.tracks(status.getCollarId())) {
            return List.of(); // status traffic never grows state
        }
        append(new JournalEntry.Status(wallMs, status.getCollarId(), online));
        // The hub's clock marks the change: a will message carries the time its collar connected, not left.
        return engine.status(status.getCollarId(), online, wallMs, wallMs);
    }

    List<AlertEvent> tick(long nowMs) {
        List<AlertEvent> raised = engine.tick(nowMs);
        // Only a tick that raised something changed state: those are journaled, per collar.
        raised.stream().map(AlertEvent::collarId).distinct()
                .forEach(collar -> append(new JournalEntry.Tick(nowMs, collar)));
        return raised;
    }

    private void forget(String collarId, long wallMs) {
        Logger.info("Collar {} has been silent too long: its slot goes to a new collar and its state is dropped",
                collarId);
        append(new JournalEntry.Forget(wallMs, collarId));
        engine.forget(collarId);
        census.forget(collarId);
        store.ifPresent(s -> s.delete(collarId));
        dirty.remove(collarId);
    }

    private void append(JournalEntry entry) {
        journal.ifPresent(j -> j.append(entry));
        dirty.add(entry.collarId());
    }

    /** Makes every input applied so far durable. */
    void sync() {
        journal.ifPresent(Journal::sync);
    }

    /** Checkpoints when it is time, or when the journal has grown large. */
    void checkpointIfDue(long nowMs) {
        if (journal.isPresent() && !dirty.isEmpty() && (nowMs - lastCheckpointMs >= checkpointEvery.toMillis()
                || journal.get().bytesSinceCheckpoint() >= checkpointBytes)) {
            checkpoint(nowMs);
        }
    }

    /** Snapshots every collar changed since the last checkpoint, then empties the journal. */
    void checkpoint(long nowMs) {
        if (journal.isEmpty()) {
            return;
        }
        journal.get().sync();
        Map<String, byte[]> changed;
        synchronized (engine) {
            // The census is read under the engine's lock: it takes no other lock, so no order can deadlock.
            changed = engine.snapshot(dirty, id -> census.firmware(id).orElse(""));
        }
        store.orElseThrow().saveAll(changed, journal.get().lastPosition());
        journal.get().checkpoint();
        dirty.clear();
        lastCheckpointMs = nowMs;
    }

    /**
     * Loads the snapshots and replays the journal after them; returns the alerts the replay raised (the outbox
     * takes each id once). Collars with saved state are admitted as known, heard as of {@code nowMs}.
     */
    List<AlertEvent> recover(long nowMs) {
        if (store.isEmpty()) {
            return List.of();
        }
        Map<String, SnapshotStore.Saved> saved = store.get().loadAll();
        Map<String, byte[]> bytes = new HashMap<>();
        saved.forEach((id, s) -> bytes.put(id, s.state()));
        // Before the replay, so a batch in the journal that reports a newer firmware has the last word.
        Map<String, String> refused = engine.restore(bytes, census::noteFirmware);
        refused.forEach(store.get()::reject);
        Map<String, Long> positions = new HashMap<>();
        saved.forEach((id, s) -> {
            if (!refused.containsKey(id)) {
                positions.put(id, s.journalPosition());
            }
            journal.get().resumeAfter(s.journalPosition());
        });
        List<AlertEvent> raised = new ArrayList<>();
        Set<String> replayed = new LinkedHashSet<>();
        long entries = journal.get().replay((position, entry) -> {
            if (position > positions.getOrDefault(entry.collarId(), 0L)) {
                raised.addAll(replay(entry));
                replayed.add(entry.collarId());
            }
        });
        CollarAdmission admission = pipeline.admission();
        Set<String> tracked = engine.collarIds();
        tracked.forEach(id -> admission.known(id, nowMs));
        tracked.forEach(this::noteHeard); // firmware came with the snapshots (format 5 on) and the replayed batches
        dirty.addAll(replayed);
        dirty.retainAll(tracked);
        if (!saved.isEmpty() || entries > 0) {
            Logger.info("Restored detection state of {} collar(s) from snapshots and replayed {} journal entries"
                    + " ({} collar(s)); {} alert(s) raised again", saved.size() - refused.size(), entries,
                    replayed.size(), raised.size());
        }
        checkpoint(nowMs); // a crash loop must not replay an ever longer journal
        return raised;
    }

    private List<AlertEvent> replay(JournalEntry entry) {
        try {
            if (entry instanceof JournalEntry.Batch b) {
                Optional<CollarBatch> batch = pipeline.decode(b.collarId(), b.payload());
                batch.ifPresent(census::noteFirmware);
                return batch.map(x -> engine.ingest(x, b.wallMs())).orElse(List.of());
            }
            if (entry instanceof JournalEntry.Status s) {
                return engine.status(s.collarId(), s.online(), s.wallMs(), s.wallMs());
            }
            if (entry instanceof JournalEntry.Tick t) {
                return engine.tick(t.collarId(), t.wallMs());
            }
            engine.forget(entry.collarId());
            census.forget(entry.collarId());
            return List.of();
        } catch (RuntimeException e) {
            Logger.error(e, "Replaying a journal entry for collar {} failed; it is skipped", entry.collarId());
            return List.of();
        }
    }

    /** Writes what is pending and checkpoints: a clean stop leaves nothing to replay. */
    void close(long nowMs) {
        checkpoint(nowMs);
    }
}
