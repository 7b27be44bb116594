package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.MinuteSample;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which collars the hub tracks. With a pairing list, only listed collars. Without one, at most {@code maxCollars},
 * and a collar is let in only with a well-formed first batch; a known collar is never pushed out by a new one,
 * except that the slot of a collar silent (by the hub clock) for {@code reclaimAfter} is given to a newcomer when
 * no slot is free. Not thread-safe: the detection worker is its only user.
 */
public final class CollarAdmission {
    /** A collar's batch covers at most a day. */
    static final long MAX_SPAN_MS = Duration.ofDays(1).toMillis();
    /** Detection refuses minutes further ahead of the hub clock than this (a broken collar clock). */
    static final long MAX_AHEAD_MS = Duration.ofDays(1).toMillis();

    /** The verdict on a batch: admitted (perhaps taking a reclaimed collar's slot), or refused with the reason. */
    public sealed interface Verdict {
        record Admitted(Optional<String> reclaimed) implements Verdict {
        }

        record Refused(Decoded.Malformed why) implements Verdict {
        }
    }

    private final Set<String> paired;
    private final int maxCollars;
    private final long reclaimAfterMs;
    private final Map<String, Long> lastHeard = new HashMap<>();

    public CollarAdmission(Collection<String> paired, int maxCollars, Duration reclaimAfter) {
        this.paired = Set.copyOf(paired);
        this.maxCollars = maxCollars;
        this.reclaimAfterMs = reclaimAfter.toMillis();
    }

    /** A collar the hub already knew before this start (from its saved state), heard as of {@code wallMs}. */
    public void known(String collarId, long wallMs) {
        lastHeard.putIfAbsent(collarId, wallMs);
    }

    public void forget(String collarId) {
        lastHeard.remove(collarId);
    }

    public Verdict admit(CollarBatch batch, long wallMs) {
        String id = batch.collarId();
        if (lastHeard.containsKey(id)) {
            lastHeard.put(id, wallMs);
            return new Verdict.Admitted(Optional.empty());
        }
        if (!paired.isEmpty()) {
            if (!paired.contains(id)) {
                return refused("unknown-collar", "collar '" + id + "' is not paired with this hub");
            }
            lastHeard.put(id, wallMs);
            return new Verdict.Admitted(Optional.empty());
        }
        Optional<String> flaw = flaw(batch, wallMs);
        if (flaw.isPresent()) {
            return refused("not-admitted", "new collar '" + id + "' not admitted: " + flaw.get());
        }
        Optional<String> reclaimed = Optional.empty();
        if (lastHeard.size() >= maxCollars) {
            reclaimed = longestSilent().filter(c -> wallMs - lastHeard.get(c) >= reclaimAfterMs);
            if (reclaimed.isEmpty()) {
                return refused("too-many-collars", "collar '" + id + "' would exceed the " + maxCollars
                        + " collars this hub tracks, and none has been silent long enough to give up its slot");
            }
            lastHeard.remove(reclaimed.get());
        }
        lastHeard.put(id, wallMs);
        return new Verdict.Admitted(reclaimed);
    }

    /** Why a first batch does not look like a collar's, if it does not. */
    private static Optional<String> flaw(CollarBatch batch, long wallMs) {
        if (batch.samples().isEmpty()) {
            return Optional.of("its first batch has no samples");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (MinuteSample s : batch.samples()) {
            first = Math.min(first, s.minuteStartMs());
            last = Math.max(last, s.minuteStartMs());
        }
        if (last - first > MAX_SPAN_MS) {
            return Optional.of("its first batch spans more than a day");
        }
        if (last > wallMs + MAX_AHEAD_MS) {
            return Optional.of("its first batch is stamped more than a day ahead of the hub clock");
        }
        return Optional.empty();
    }

    private Optional<String> longestSilent() {
        return lastHeard.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    private static Verdict refused(String reason, String detail) {
        return new Verdict.Refused(new Decoded.Malformed(reason, detail));
    }

    public int admitted() {
        return lastHeard.size();
    }
}
