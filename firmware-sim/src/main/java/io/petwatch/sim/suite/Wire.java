package io.petwatch.sim.suite;

import io.petwatch.proto.v1.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What happens to a collar's batches between its firmware and the broker: re-sends, a late day, reordering,
 * malformed payloads, and lost connections that hold everything back until the collar is online again.
 */
final class Wire {
    private final CollarScript script;
    private final List<Action> out = new ArrayList<>();
    private final MalformedPayloads malformed;

    private Wire(CollarScript script) {
        this.script = script;
        this.malformed = new MalformedPayloads(script.seed());
    }

    static List<Action> actions(CollarScript script, List<BatchMaker.Made> made) {
        Wire wire = new Wire(script);
        wire.transport(made);
        return Outages.of(script.effects()).apply(wire.out);
    }

    /** Re-sent batches, a day delivered late in reverse, batches swapped with the next; each stream seeded apart. */
    private void transport(List<BatchMaker.Made> made) {
        SplittableRandom random = new SplittableRandom(script.seed() ^ 0x7EA5L);
        SplittableRandom reorder = new SplittableRandom(script.seed() ^ 0x0DD5L);
        double resend = effects(Effect.Resends.class).stream().mapToDouble(Effect.Resends::share).findFirst().orElse(0);
        Instant late = effects(Effect.LateDay.class).stream().map(Effect.LateDay::dayStart).findFirst()
                .orElse(Instant.MAX);
        List<TelemetryBatch> held = new ArrayList<>();
        Optional<TelemetryBatch> swapped = Optional.empty();
        for (BatchMaker.Made m : made) {
            TelemetryBatch b = m.batch();
            Instant first = m.first();
            long sentAt = m.sentAtMs();
            if (!first.isBefore(late) && first.isBefore(late.plus(Duration.ofDays(1)))) {
                held.add(0, b); // newest first
                continue;
            }
            double reordered = share(Effect.OutOfOrder.class, sentAt);
            if (swapped.isEmpty() && reordered > 0 && reorder.nextDouble() < reordered) {
                swapped = Optional.of(b);
                continue;
            }
            send(sentAt, b);
            swapped.ifPresent(s -> send(sentAt, s));
            swapped = Optional.empty();
            if (!held.isEmpty() && !first.isBefore(late.plus(Duration.ofDays(2)))) {
                held.forEach(h -> out.add(new Action.Publish(sentAt, h)));
                held.clear();
            }
            if (random.nextDouble() < resend + share(Effect.Duplicates.class, sentAt)) {
                out.add(new Action.Publish(sentAt, b));
            }
        }
        long endMs = script.end().toEpochMilli();
        swapped.ifPresent(s -> send(endMs, s));
        held.forEach(h -> out.add(new Action.Publish(endMs, h)));
    }

    /** A batch's first sending, and a malformed payload after it where the firmware is broken so. */
    private void send(long atMs, TelemetryBatch batch) {
        out.add(new Action.Publish(atMs, batch));
        double rate = share(Effect.Malformed.class, atMs);
        if (rate > 0) {
            malformed.after(batch, rate).ifPresent(raw -> out.add(new Action.PublishRaw(atMs, raw.payload(),
                    raw.why())));
        }
    }

    /** The share (or rate) of the windowed transport effects of one kind that cover a sending time, added up. */
    private double share(Class<? extends Effect> kind, long atMs) {
        double share = 0;
        for (Effect e : script.effects()) {
            if (e instanceof Effect.Duplicates d && kind == Effect.Duplicates.class && covers(d.start(), d.end(), atMs)) {
                share += d.share();
            } else if (e instanceof Effect.OutOfOrder o && kind == Effect.OutOfOrder.class
                    && covers(o.start(), o.end(), atMs)) {
                share += o.share();
            } else if (e instanceof Effect.Malformed m && kind == Effect.Malformed.class
                    && covers(m.start(), m.end(), atMs)) {
                share += m.rate();
            }
        }
        return Math.min(1, share);
    }

    private static boolean covers(Instant start, Instant end, long atMs) {
        Instant t = Instant.ofEpochMilli(atMs);
        return !t.isBefore(start) && t.isBefore(end);
    }

    private <T extends Effect> List<T> effects(Class<T> kind) {
        return script.effects().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Periods without a connection, merged where they overlap. */
    record Outages(List<Action.Drop> drops) {
        static Outages of(List<Effect> effects) {
            List<Action.Drop> all = new ArrayList<>();
            for (Effect e : effects) {
                if (e instanceof Effect.Offline o) {
                    all.add(new Action.Drop(o.start().toEpochMilli(), o.will(), o.end().toEpochMilli()));
                } else if (e instanceof Effect.Reboot r) {
                    all.add(new Action.Drop(r.at().toEpochMilli(), true, r.at().plus(r.down()).toEpochMilli()));
                }
            }
            all.sort(Comparator.comparingLong(Action.Drop::atMs));
            List<Action.Drop> merged = new ArrayList<>();
            for (Action.Drop d : all) {
                int last = merged.size() - 1;
                if (last >= 0 && d.atMs() <= merged.get(last).backAtMs()) {
                    Action.Drop m = merged.get(last);
                    merged.set(last, new Action.Drop(m.atMs(), m.will(), Math.max(m.backAtMs(), d.backAtMs())));
                } else {
                    merged.add(d);
                }
            }
            return new Outages(merged);
        }

        /** Holds back what would be sent while offline until the collar is back, in order, and adds the drops. */
        List<Action> apply(List<Action> sent) {
            if (drops.isEmpty()) {
                return sent;
            }
            List<Action> out = new ArrayList<>(sent.size() + drops.size());
            out.addAll(drops);
            for (Action a : sent) {
                long at = heldUntil(a.atMs());
                if (at == a.atMs()) {
                    out.add(a);
                } else if (a instanceof Action.Publish p) {
                    out.add(new Action.Publish(at, p.batch()));
                } else if (a instanceof Action.PublishRaw r) {
                    out.add(new Action.PublishRaw(at, r.payload(), r.why()));
                }
            }
            // Stable: what was sent keeps its order; a drop comes before anything sent at the same moment.
            out.sort(Comparator.comparingLong(Action::atMs).thenComparingInt(a -> a instanceof Action.Drop ? 0 : 1));
            return out;
        }

        private long heldUntil(long atMs) {
            for (Action.Drop d : drops) {
                if (atMs >= d.atMs() && atMs < d.backAtMs()) {
                    return d.backAtMs();
                }
            }
            return atMs;
        }
    }
}
