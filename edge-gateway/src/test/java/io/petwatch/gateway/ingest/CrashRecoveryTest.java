package io.petwatch.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.census.CollarCensus;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.PetTimeline;
import io.petwatch.gateway.mqtt.CollarAdmission;
import io.petwatch.gateway.mqtt.MalformedInputLog;
import io.petwatch.gateway.mqtt.TelemetryPipeline;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.state.SnapshotStore;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at any point: the gateway applies a group of messages, syncs the journal, raises the group's alerts and
 * then acknowledges the group; a crash at any of those steps, and the broker delivering again everything not
 * acknowledged, must end with exactly the alerts (ids, windows, severities) of a run without the crash.
 */
class CrashRecoveryTest {
    private static final int GROUP = 5;

    @TempDir
    Path dir;

    /** One message as the broker delivers it: a collar's published batch, or a minute of the hub's clock passing. */
    private record Message(long wallMs, Optional<CollarBatch> batch) {
    }

    /** The hub's wall clock, moved by the test. */
    private static final class HubClock extends Clock {
        long ms;

        @Override
        public long millis() {
            return ms;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(ms);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Three pets over three weeks, streamed as collars would: lethargy, a flat battery, and a silent collar. */
    private static List<Message> givenThreeWeeksOfThreeCollars() {
        List<List<CollarBatch>> collars = List.of(
                PetTimeline.pet("lethargic").healthyFor(Duration.ofDays(12)).lethargicFor(Duration.ofHours(72), 0.2)
                        .healthyFor(Duration.ofDays(5)).batches(60),
                PetTimeline.pet("flat").healthyFor(Duration.ofDays(10)).batteryAt(9).healthyFor(Duration.ofDays(2))
                        .batteryAt(80).healthyFor(Duration.ofDays(8)).batches(60),
                PetTimeline.pet("wanders").healthyFor(Duration.ofDays(9)).silentFor(Duration.ofHours(10))
                        .healthyFor(Duration.ofDays(10)).batches(60));
        List<Message> messages = new ArrayList<>();
        collars.forEach(batches -> batches.forEach(b -> messages.add(new Message(end(b), Optional.of(b)))));
        long first = messages.stream().mapToLong(Message::wallMs).min().orElseThrow();
        long last = messages.stream().mapToLong(Message::wallMs).max().orElseThrow();
        for (long t = first; t <= last; t += Duration.ofMinutes(30).toMillis()) {
            messages.add(new Message(t, Optional.empty())); // the hub's ticks, in wall-clock order with the data
        }
        messages.sort(Comparator.comparingLong(Message::wallMs));
        return messages;
    }

    private static long end(CollarBatch batch) {
        return batch.samples().get(batch.samples().size() - 1).minuteStartMs() + 60_000;
    }

    /** A gateway's detection over the same directory and outbox each time it is started. */
    private final class Hub {
        final Path stateDir = dir.resolve("run-" + System.nanoTime());
        final HubClock clock = new HubClock();
        final MemoryOutbox outbox = new MemoryOutbox();
        final List<Alert> everRaised = new ArrayList<>();
        DetectionState state;
        AlertRaiser raiser;

        void start() {
            DetectionEngine engine = new DetectionEngine("hub-1", ZoneOffset.UTC, id -> DetectorParams.defaults(),
                    clock);
            TelemetryPipeline pipeline = new TelemetryPipeline(new CollarAdmission(List.of(), 200, Duration.ofDays(7)),
                    new MalformedInputLog(m -> { }));
            CollarCensus collars = new CollarCensus();
            raiser = new AlertRaiser("hub-1", outbox, () -> { }, collars);
            state = new DetectionState(engine, pipeline, raiser, collars, Optional.of(new SnapshotStore(stateDir)),
                    Duration.ofHours(6), 20_000);
            raise(state.recover(clock.ms));
        }

        List<AlertEvent> apply(Message m) {
            clock.ms = m.wallMs();
            if (m.batch().isEmpty()) {
                return state.tick(m.wallMs());
            }
            byte[] payload = payload(m.batch().get());
            return state.pipeline().accept(Topics.telemetry(m.batch().get().collarId()), payload, m.wallMs())
                    .map(a -> state.batch(a, payload, m.wallMs())).orElse(List.of());
        }

        void raise(List<AlertEvent> alerts) {
            raiser.raise(alerts);
            alerts.forEach(a -> everRaised.add(io.petwatch.gateway.uplink.AlertMapper.toProto("hub-1", a)));
        }

        /** Alerts as the collector would store them: id, window and severity, once per id. */
        Set<String> stored() {
            Set<String> out = new TreeSet<>();
            everRaised.forEach(a -> out.add(a.getAlertId() + " " + a.getCollarId() + " " + a.getKind() + " "
                    + a.getState() + " " + a.getSeverity() + " " + a.getWindowStartMs() + ".." + a.getWindowEndMs()));
            return out;
        }
    }

    private static byte[] payload(CollarBatch batch) {
        TelemetryBatch.Builder out = TelemetryBatch.newBuilder().setCollarId(batch.collarId()).setSeq(batch.seq())
                .setFirmware(batch.firmware()).setBatteryPct(batch.batteryPct()).setCharging(batch.charging());
        for (MinuteSample s : batch.samples()) {
            out.addSamples(Sample.newBuilder().setMinuteStartMs(s.minuteStartMs()).setActivity(s.activity())
                    .setSteps(s.steps()).setWear(switch (s.wear()) {
                        case WORN -> WearState.WORN;
                        case OFF_BODY -> WearState.OFF_BODY;
                        case CHARGING -> WearState.CHARGING;
                        case UNKNOWN -> WearState.WEAR_UNKNOWN;
                    }));
        }
        return out.build().toByteArray();
    }

    /** Delivers every message in groups; {@code crashes} says at which group and which step the process dies. */
    private Hub run(List<Message> messages, Random crashes, double crashChance) {
        Hub hub = new Hub();
        hub.start();
        int acked = 0;
        while (acked < messages.size()) {
            List<Message> group = messages.subList(acked, Math.min(messages.size(), acked + GROUP));
            List<AlertEvent> raised = new ArrayList<>();
            group.forEach(m -> raised.addAll(hub.apply(m)));
            int crash = crashes.nextDouble() < crashChance ? crashes.nextInt(3) : -1;
            if (crash == 0) { // before the sync: the group was never durable, never acknowledged
                hub.start();
                continue;
            }
            hub.state.sync();
            if (crash == 1) { // synced, but its alerts never reached the outbox
                hub.start();
                continue;
            }
            hub.raise(raised);
            if (crash == 2) { // alerts in the outbox, acknowledgements never sent: the broker delivers again
                hub.start();
                continue;
            }
            acked += group.size();
            hub.state.checkpointIfDue(hub.clock.ms);
        }
        return hub;
    }

    @Test
    void alertsAfterAnyNumberOfKillsEqualThoseOfARunWithoutThem() {
        List<Message> messages = givenThreeWeeksOfThreeCollars();
        Set<String> clean = run(messages, new Random(1), 0).stored();
        assertTrue(clean.stream().anyMatch(a -> a.contains("LOW_ACTIVITY FIRING")), clean.toString());
        assertTrue(clean.stream().anyMatch(a -> a.contains("LOW_ACTIVITY RESOLVED")), clean.toString());
        assertTrue(clean.stream().anyMatch(a -> a.contains("BATTERY_LOW RESOLVED")), clean.toString());
        assertTrue(clean.stream().anyMatch(a -> a.contains("COLLAR_SILENT RESOLVED")), clean.toString());

        for (long seed = 1; seed <= 5; seed++) {
            Set<String> crashed = run(messages, new Random(seed), 0.2).stored();

            assertEquals(clean, crashed, "seed " + seed);
        }
    }
}
