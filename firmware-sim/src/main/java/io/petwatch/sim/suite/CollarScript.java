package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.model.PetProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One collar's scripted run: a pet of some profile in some household zone (or a recording of real minutes), what
 * happens to it (effects) and the ground truth (labels). {@link #actions()} is everything its firmware does on the
 * wire; {@link #batches()} the batches among them, in the order they reach the broker.
 *
 * @param scenario    the suite scenario, or the scenario file's fleet, the collar belongs to
 * @param wearSensing false for a firmware that only ever reports WEAR_UNKNOWN
 * @param device      how the collar's hardware distorts what it reports ({@link DeviceProfile#standard()}: not at all)
 *                    and how it sends
 * @param firmware    the firmware version its batches carry until an {@link Effect.FirmwareUpdate}
 * @param hubModel    the model of the home hub it reports through
 * @param recorded    real minutes to send instead of the pet model's, in any order; empty for a modelled pet
 */
public record CollarScript(String collarId, String scenario, PetProfile profile, ZoneId zone, long seed,
                           boolean wearSensing, DeviceProfile device, Instant start, Instant end, List<Effect> effects,
                           List<Label> labels, String firmware, String hubModel, List<Sample> recorded) {
    public static final String FIRMWARE = "sim-2.0";
    public static final String FIRMWARE_WITHOUT_WEAR_SENSING = "sim-2.0-nowear";
    public static final String HUB_MODEL = "sim-hub";

    public CollarScript {
        effects = List.copyOf(effects);
        labels = List.copyOf(labels);
        recorded = List.copyOf(recorded);
    }

    /** A modelled pet on the suite's firmware ({@link #FIRMWARE}, or without wear sensing) and hub. */
    public CollarScript(String collarId, String scenario, PetProfile profile, ZoneId zone, long seed,
                        boolean wearSensing, DeviceProfile device, Instant start, Instant end, List<Effect> effects,
                        List<Label> labels) {
        this(collarId, scenario, profile, zone, seed, wearSensing, device, start, end, effects, labels,
                wearSensing ? FIRMWARE : FIRMWARE_WITHOUT_WEAR_SENSING, HUB_MODEL, List.of());
    }

    /** A batch and the moment (simulated time) it reaches the broker. */
    public record Delivery(long atMs, TelemetryBatch batch) {
    }

    public long days() {
        return Duration.between(start, end).toDays();
    }

    /** The batches in the order they reach the broker. */
    public List<TelemetryBatch> batches() {
        return deliveries().stream().map(Delivery::batch).toList();
    }

    /**
     * Everything the collar does on the wire, in order of simulated time: its batches (re-sent, late, reordered and
     * held back while offline as its effects say), malformed payloads, and lost connections.
     */
    public List<Action> actions() {
        return Wire.actions(this, BatchMaker.make(this));
    }

    /** The batches with their delivery times, device, transport and connection effects applied. */
    public List<Delivery> deliveries() {
        return actions().stream().filter(a -> a instanceof Action.Publish).map(a -> (Action.Publish) a)
                .map(p -> new Delivery(p.atMs(), p.batch())).toList();
    }

    /** When the collar stops sending for good: its battery dies (at a set moment, or drained flat) before the end. */
    public Optional<Instant> diesAt() {
        Instant dies = BatchMaker.diesEffect(effects).orElse(Instant.MAX);
        Instant flat = device.battery().flatAt(start).orElse(Instant.MAX);
        Instant first = dies.isBefore(flat) ? dies : flat;
        return first.isBefore(end) ? Optional.of(first) : Optional.empty();
    }
}
