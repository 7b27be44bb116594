package io.petwatch.gateway.detect;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** When-helper: a hub's detection engine fed a collar's batches, with its wall clock just after the data. */
final class HubUnderTest {
    private final DetectionEngine engine;

    private HubUnderTest(DetectionEngine engine) {
        this.engine = engine;
    }

    static HubUnderTest receiving(PetTimeline timeline) {
        return in(ZoneOffset.UTC, timeline, id -> DetectorParams.defaults());
    }

    static HubUnderTest in(ZoneId zone, PetTimeline timeline, Function<String, DetectorParams> params) {
        return new HubUnderTest(new DetectionEngine("hub-1", zone, params,
                Clock.fixed(timeline.now().plusSeconds(60), ZoneOffset.UTC)));
    }

    /** A bare engine for tests that restart it (snapshots): UTC, wall clock just after the timeline's data. */
    static DetectionEngine engineFor(PetTimeline timeline, DetectorParams params) {
        return new DetectionEngine("hub-1", ZoneOffset.UTC, id -> params,
                Clock.fixed(timeline.now().plusSeconds(60), ZoneOffset.UTC));
    }

    /** Feeds batches to an engine and returns its alerts in order. */
    static List<AlertEvent> feed(DetectionEngine engine, List<CollarBatch> batches) {
        List<AlertEvent> alerts = new ArrayList<>();
        batches.forEach(b -> alerts.addAll(engine.ingest(b)));
        return alerts;
    }

    List<AlertEvent> feed(List<CollarBatch> batches) {
        List<AlertEvent> alerts = new ArrayList<>();
        batches.forEach(b -> alerts.addAll(engine.ingest(b)));
        return alerts;
    }

    List<AlertEvent> status(String collarId, boolean online, long atMs) {
        return engine.status(collarId, online, atMs);
    }

    List<AlertEvent> tick(long nowMs) {
        return engine.tick(nowMs);
    }

    CollarProgress progress(String collarId) {
        return engine.progress().get(collarId);
    }

    DetectionStats stats() {
        return engine.stats();
    }

    static List<String> kindsAndStates(List<AlertEvent> alerts) {
        return alerts.stream().map(a -> a.kind() + " " + a.state() + (a.state() == AlertState.FIRING ? " "
                + a.severity() : "")).toList();
    }

    static List<AlertEvent> health(List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> a.kind() == AlertKind.LOW_ACTIVITY || a.kind() == AlertKind.RESTLESS_NIGHTS
                || a.kind() == AlertKind.ACTIVITY_DRIFT).toList();
    }
}
