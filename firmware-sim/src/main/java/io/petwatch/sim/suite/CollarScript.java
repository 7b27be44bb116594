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
 * ground truth (labels). {@link #batches()} is the firmware's output in delivery order, device and transport
 * effects applied.
 *
 * @param wearSensing false for a firmware that only ever reports WEAR_UNKNOWN
 * @param device      how the collar's hardware distorts what it reports ({@link DeviceProfile#standard()}: not at all)
 */
public record CollarScript(String collarId, String scenario, PetProfile profile, ZoneId zone, long seed,
                           boolean wearSensing, DeviceProfile device, Instant start, Instant end, List<Effect> effects,
                           List<Label> labels) {
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

    /** Everything the collar does on the wire, in order of simulated time. */
    public List<Action> actions() {
        return deliveries().stream().<Action>map(d -> new Action.Publish(d.atMs(), d.batch())).toList();
    }

    /** The batches with their delivery times, device and transport effects applied. */
    public List<Delivery> deliveries() {
        ActivityModel model = new ActivityModel(profile, zone, seed);
        DeviceChannel channel = new DeviceChannel(device, seed, start);
        List<Made> made = new ArrayList<>();
        Instant dies = effects.stream().filter(e -> e instanceof Effect.BatteryDies).map(e -> ((Effect.BatteryDies) e).at())
                .findFirst().orElse(Instant.MAX);
        long seq = 0;
        for (Instant t = start; t.isBefore(end) && t.isBefore(dies); ) {
            TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(++seq)
                    .setFirmware(wearSensing ? "sim-2.0" : "sim-2.0-nowear");
            channel.begin(batch);
            Instant first = t;
            boolean charging = false;
            for (int i = 0; i < BATCH_MINUTES && t.isBefore(end) && t.isBefore(dies); i++, t = t.plusSeconds(60)) {
                Sample sample = minute(model, channel, t);
                charging = sample.getWear() == WearState.CHARGING; // the state when the batch is sent
                channel.send(sample, batch);
            }
            batch.setCharging(charging).setBatteryPct(battery(t, dies));
            made.add(new Made(batch.build(), first, t.toEpochMilli()));
        }
        return deliver(made);
    }

    /** A batch as made, with the true times of its first minute and of its sending (the device's stamps may drift). */
    private record Made(TelemetryBatch batch, Instant first, long sentAtMs) {
    }

    private Sample minute(ActivityModel model, DeviceChannel channel, Instant t) {
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
        int drawn = model.activityAt(t, factor); // drawn every minute so the random stream stays aligned
        int activity;
        if (wear != WearState.WORN) {
            activity = 0; // off the pet even a floor device reads exact zeros
        } else if (stuck >= 0) {
            activity = stuck;
        } else {
            activity = channel.count(drawn);
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
    private List<Delivery> deliver(List<Made> made) {
        List<Delivery> out = new ArrayList<>(made.size() + 16);
        SplittableRandom random = new SplittableRandom(seed ^ 0x7EA5L);
        double resend = effects.stream().filter(e -> e instanceof Effect.Resends).mapToDouble(e -> ((Effect.Resends) e)
                .share()).findFirst().orElse(0);
        Instant late = effects.stream().filter(e -> e instanceof Effect.LateDay).map(e -> ((Effect.LateDay) e).dayStart())
                .findFirst().orElse(Instant.MAX);
        List<TelemetryBatch> held = new ArrayList<>();
        for (Made m : made) {
            TelemetryBatch b = m.batch();
            Instant first = m.first();
            long sentAt = m.sentAtMs();
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
