package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import io.petwatch.sim.model.ActivityModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Makes a collar's batches as its firmware does, minute by minute, before anything happens to them on the way. */
final class BatchMaker {
    /** A batch as made, with the true times of its first minute and of its sending (the device's stamps may drift). */
    record Made(TelemetryBatch batch, Instant first, long sentAtMs) {
    }

    private final CollarScript script;
    private final List<Effect.FirmwareUpdate> updates;

    private BatchMaker(CollarScript script) {
        this.script = script;
        this.updates = script.effects().stream().filter(e -> e instanceof Effect.FirmwareUpdate)
                .map(e -> (Effect.FirmwareUpdate) e).sorted(Comparator.comparing(Effect.FirmwareUpdate::at)).toList();
    }

    static List<Made> make(CollarScript script) {
        return script.recorded().isEmpty() ? new BatchMaker(script).modelled() : recorded(script);
    }

    static Optional<Instant> diesEffect(List<Effect> effects) {
        return effects.stream().filter(e -> e instanceof Effect.BatteryDies).map(e -> ((Effect.BatteryDies) e).at())
                .findFirst();
    }

    private List<Made> modelled() {
        CollarScript s = script;
        ActivityModel model = new ActivityModel(s.profile(), s.zone(), s.seed());
        DeviceChannel channel = new DeviceChannel(s.device(), s.seed(), s.start());
        Optional<Instant> dies = diesEffect(s.effects());
        Instant stop = s.diesAt().filter(d -> d.isBefore(s.end())).orElse(s.end());
        List<Effect.Reboot> reboots = s.effects().stream().filter(e -> e instanceof Effect.Reboot)
                .map(e -> (Effect.Reboot) e).sorted(Comparator.comparing(Effect.Reboot::at)).toList();
        int nextReboot = 0;
        List<Made> made = new ArrayList<>();
        long seq = 0;
        for (Instant t = s.start(); t.isBefore(stop); ) {
            TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(s.collarId())
                    .setFirmware(firmwareAt(t));
            channel.begin(batch);
            Instant first = t;
            Instant reboot = nextReboot < reboots.size() ? reboots.get(nextReboot).at() : Instant.MAX;
            boolean charging = false;
            for (int i = 0; i < s.device().batchMinutes() && t.isBefore(stop) && t.isBefore(reboot); i++,
                    t = t.plusSeconds(60)) {
                Sample sample = minute(model, channel, t);
                charging = sample.getWear() == WearState.CHARGING; // the state when the batch is sent
                channel.send(sample, batch);
            }
            boolean rebooting = !t.isBefore(reboot) && t.isBefore(stop);
            if (batch.getSamplesCount() > 0 || !rebooting) {
                batch.setSeq(++seq).setCharging(charging).setBatteryPct(battery(t, dies));
                made.add(new Made(batch.build(), first, t.toEpochMilli()));
            }
            if (rebooting) {
                Effect.Reboot r = reboots.get(nextReboot++);
                for (Instant back = r.at().plus(r.down()); t.isBefore(back) && t.isBefore(stop); t = t.plusSeconds(60)) {
                    minute(model, channel, t); // drawn and lost, so the pet's own minutes stay as they were
                }
                seq = 0;
            }
        }
        return made;
    }

    private Sample minute(ActivityModel model, DeviceChannel channel, Instant t) {
        int hour = t.atZone(script.zone()).getHour();
        double factor = 1.0;
        WearState wear = WearState.WORN;
        int stuck = -1;
        for (Effect e : script.effects()) {
            if (e instanceof Effect.ActivityChange c && c.covers(t, hour)) {
                factor *= c.factor();
            } else if (e instanceof Effect.Decline d) {
                factor *= d.factorAt(t);
            } else if (e instanceof Effect.OffBody o && !t.isBefore(o.start()) && t.isBefore(o.end())) {
                wear = WearState.OFF_BODY;
            } else if (e instanceof Effect.ChargingNightly c && c.covers(t, hour)) {
                wear = WearState.CHARGING;
            } else if (e instanceof Effect.Stuck st && !t.isBefore(st.start()) && t.isBefore(st.end())) {
                stuck = st.value();
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
        WearState reported = sensesWear(t) || wear == WearState.CHARGING ? wear : WearState.WEAR_UNKNOWN;
        return Sample.newBuilder().setMinuteStartMs(t.toEpochMilli()).setActivity(activity).setSteps(activity / 12)
                .setWear(reported).build();
    }

    private Optional<Effect.FirmwareUpdate> installed(Instant t) {
        Optional<Effect.FirmwareUpdate> latest = Optional.empty();
        for (Effect.FirmwareUpdate u : updates) {
            if (u.at().isAfter(t)) {
                break;
            }
            latest = Optional.of(u);
        }
        return latest;
    }

    private String firmwareAt(Instant t) {
        return installed(t).map(Effect.FirmwareUpdate::version).orElse(script.firmware());
    }

    private boolean sensesWear(Instant t) {
        return script.wearSensing() && installed(t).map(u -> !u.breaksWearSensing()).orElse(true);
    }

    /** A battery dying at a set moment drains steadily from full; otherwise the device's battery says. */
    private int battery(Instant t, Optional<Instant> dies) {
        if (dies.isEmpty()) {
            return script.device().battery().pctAt(script.start(), t);
        }
        Instant at = dies.get();
        double left = (double) Duration.between(t, at).toMinutes() / Duration.between(script.start(), at).toMinutes();
        return (int) Math.max(1, Math.round(100 * left));
    }

    /** Recorded minutes in time order, one batch per batch-minutes window from the start, empty windows skipped. */
    private static List<Made> recorded(CollarScript s) {
        List<Sample> minutes = s.recorded().stream().sorted(Comparator.comparingLong(Sample::getMinuteStartMs)).toList();
        long startMs = s.start().toEpochMilli();
        long windowMs = s.device().batchMinutes() * 60_000L;
        List<Made> made = new ArrayList<>();
        long seq = 0;
        int i = 0;
        while (i < minutes.size()) {
            long window = Math.floorDiv(minutes.get(i).getMinuteStartMs() - startMs, windowMs);
            long sentAt = startMs + (window + 1) * windowMs;
            TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(s.collarId()).setSeq(++seq)
                    .setFirmware(s.firmware());
            boolean charging = false;
            for (; i < minutes.size() && minutes.get(i).getMinuteStartMs() < sentAt; i++) {
                batch.addSamples(minutes.get(i));
                charging = minutes.get(i).getWear() == WearState.CHARGING;
            }
            batch.setCharging(charging).setBatteryPct(s.device().battery().pctAt(s.start(), Instant.ofEpochMilli(sentAt)));
            made.add(new Made(batch.build(), Instant.ofEpochMilli(sentAt - windowMs), sentAt));
        }
        return made;
    }
}
