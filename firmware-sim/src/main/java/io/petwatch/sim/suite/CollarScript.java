package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import io.petwatch.sim.model.ActivityModel;
import io.petwatch.sim.model.PetProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One collar's scripted run: a pet of some profile in some household zone, what happens to it (effects) and the
 * ground truth (labels). {@link #batches()} is the firmware's output in delivery order, transport effects applied.
 *
 * @param wearSensing false for a firmware that only ever reports WEAR_UNKNOWN
 */
public record CollarScript(String collarId, String scenario, PetProfile profile, ZoneId zone, long seed,
                           boolean wearSensing, Instant start, Instant end, List<Effect> effects, List<Label> labels) {
    static final int BATCH_MINUTES = 60;

    public CollarScript {
        effects = List.copyOf(effects);
        labels = List.copyOf(labels);
    }

    /** A batch and the moment (hub wall time) it reaches the broker. */
    public record Delivery(long atMs, TelemetryBatch batch) {
    }

    public long days() {
        return Duration.between(start, end).toDays();
    }

    /** The batches in the order they reach the broker. */
    public List<TelemetryBatch> batches() {
        return deliveries().stream().map(Delivery::batch).toList();
    }

    /** The batches with their delivery times, transport effects applied. */
    public List<Delivery> deliveries() {
        ActivityModel model = new ActivityModel(profile, zone, seed);
        List<TelemetryBatch> made = new ArrayList<>();
        Instant dies = effects.stream().filter(e -> e instanceof Effect.BatteryDies).map(e -> ((Effect.BatteryDies) e).at())
                .findFirst().orElse(Instant.MAX);
        long seq = 0;
        for (Instant t = start; t.isBefore(end) && t.isBefore(dies); ) {
            TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(++seq)
                    .setFirmware(wearSensing ? "sim-2.0" : "sim-2.0-nowear");
            boolean charging = false;
            for (int i = 0; i < BATCH_MINUTES && t.isBefore(end) && t.isBefore(dies); i++, t = t.plusSeconds(60)) {
                Sample sample = minute(model, t);
                charging = sample.getWear() == WearState.CHARGING; // the state when the batch is sent
                batch.addSamples(sample);
            }
            batch.setCharging(charging).setBatteryPct(battery(t, dies));
            made.add(batch.build());
        }
        return deliver(made);
    }

    private Sample minute(ActivityModel model, Instant t) {
        int hour = t.atZone(zone).getHour();
        double factor = 1.0;
        WearState wear = WearState.WORN;
        int stuck = -1;
        for (Effect e : effects) {
            if (e instanceof Effect.ActivityChange c && c.covers(t, hour)) {
                factor *= c.factor();
            } else if (e instanceof Effect.Decline d) {
                factor *= d.factorAt(t);
            } else if (e instanceof Effect.OffBody o && !t.isBefore(o.start()) && t.isBefore(o.end())) {
                wear = WearState.OFF_BODY;
            } else if (e instanceof Effect.ChargingNightly c && hour >= c.fromHour() && hour < c.toHour()) {
                wear = WearState.CHARGING;
            } else if (e instanceof Effect.Stuck s && !t.isBefore(s.start()) && t.isBefore(s.end())) {
                stuck = s.value();
            }
        }
        int activity = model.activityAt(t, factor); // drawn every minute so the random stream stays aligned
        if (wear != WearState.WORN) {
            activity = 0;
        } else if (stuck >= 0) {
            activity = stuck;
        }
        WearState reported = wearSensing || wear == WearState.CHARGING ? wear : WearState.WEAR_UNKNOWN;
        return Sample.newBuilder().setMinuteStartMs(t.toEpochMilli()).setActivity(activity).setSteps(activity / 12)
                .setWear(reported).build();
    }

    private int battery(Instant t, Instant dies) {
        if (dies.equals(Instant.MAX)) {
            return 80;
        }
        double left = (double) Duration.between(t, dies).toMinutes() / Duration.between(start, dies).toMinutes();
        return (int) Math.max(1, Math.round(100 * left));
    }

    /** Applies transport effects: re-sent batches and a day delivered late, in reverse. */
    private List<Delivery> deliver(List<TelemetryBatch> made) {
        List<Delivery> out = new ArrayList<>(made.size() + 16);
        SplittableRandom random = new SplittableRandom(seed ^ 0x7EA5L);
        double resend = effects.stream().filter(e -> e instanceof Effect.Resends).mapToDouble(e -> ((Effect.Resends) e)
                .share()).findFirst().orElse(0);
        Instant late = effects.stream().filter(e -> e instanceof Effect.LateDay).map(e -> ((Effect.LateDay) e).dayStart())
                .findFirst().orElse(Instant.MAX);
        List<TelemetryBatch> held = new ArrayList<>();
        for (TelemetryBatch b : made) {
            Instant first = Instant.ofEpochMilli(b.getSamples(0).getMinuteStartMs());
            long sentAt = b.getSamples(b.getSamplesCount() - 1).getMinuteStartMs() + 60_000L;
            if (!first.isBefore(late) && first.isBefore(late.plus(Duration.ofDays(1)))) {
                held.add(0, b); // newest first
                continue;
            }
            out.add(new Delivery(sentAt, b));
            if (!held.isEmpty() && !first.isBefore(late.plus(Duration.ofDays(2)))) {
                held.forEach(h -> out.add(new Delivery(sentAt, h)));
                held.clear();
            }
            if (random.nextDouble() < resend) {
                out.add(new Delivery(sentAt, b));
            }
        }
        long endMs = end.toEpochMilli();
        held.forEach(h -> out.add(new Delivery(endMs, h)));
        return out;
    }
}
