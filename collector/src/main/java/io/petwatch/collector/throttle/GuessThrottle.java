package io.petwatch.collector.throttle;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing of one kind of secret, per source address and per account. Plain Java; time is a Bucket4j
 * {@link TimeMeter}, so tests move it by hand.
 *
 * <p>Each key (a source or an account) has a Bucket4j bucket of {@code failures} tokens that refills evenly over
 * {@code window}: one token back every {@code window / failures}, the <em>unit</em>. Only a failed check takes a
 * token; a success takes none and changes nothing. The failure that takes the last token locks the key out: until a
 * token is back, attempts are refused without checking the secret. The first lockout lasts one unit, each further
 * one in a row twice as long as the one before (debt added to the bucket), up to {@code maxLockout}. After a lockout
 * one token is back, so one more wrong guess locks again, for longer. A key whose bucket has filled up again (about a
 * window without failures) starts over.
 *
 * <p>State lives in this JVM only: several collector instances each count for themselves. Each scope remembers at
 * most {@code maxTracked} keys, the least recently used dropped first, so a flood of made-up names or addresses
 * cannot grow the heap; keys that have recovered carry nothing and are dropped by {@link #forgetRecovered()}.
 */
public final class GuessThrottle {
    /** What a count is kept for. */
    public enum Scope { SOURCE, ACCOUNT }

    /**
     * How many failures a key may have before it is locked out, and how long lockouts last.
     *
     * @param failures   failures allowed in a burst before the first lockout
     * @param window     how long a full burst takes to be forgiven, one failure every {@code window / failures}
     * @param maxLockout the longest a lockout grows to
     */
    public record Limits(int failures, Duration window, Duration maxLockout) {
        public Limits {
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1, was " + failures);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, was " + window);
            }
            if (maxLockout.compareTo(window.dividedBy(failures)) < 0) {
                throw new IllegalArgumentException("max-lockout (" + maxLockout + ") must be at least window / failures ("
                        + window.dividedBy(failures) + "), the first lockout");
            }
        }

        /** The first lockout, and the time one failure takes to be forgiven. */
        public Duration unit() {
            return window.dividedBy(failures);
        }

        long maxDoublings() {
            return Math.max(1, maxLockout.toNanos() / unit().toNanos());
        }
    }

    /** Why an attempt is refused, and for how long. */
    public record Refusal(Scope scope, Duration retryAfter) {
    }

    private final Map<Scope, Limits> limits = new EnumMap<>(Scope.class);
    private final Map<Scope, Keys> keys = new EnumMap<>(Scope.class);
    private final TimeMeter time;

    public GuessThrottle(Limits source, Limits account, int maxTracked, TimeMeter time) {
        if (maxTracked < 1) {
            throw new IllegalArgumentException("max-tracked must be at least 1, was " + maxTracked);
        }
        limits.put(Scope.SOURCE, source);
        limits.put(Scope.ACCOUNT, account);
        keys.put(Scope.SOURCE, new Keys(maxTracked));
        keys.put(Scope.ACCOUNT, new Keys(maxTracked));
        this.time = time;
    }

    /** Whether an attempt from this source for this account must wait; never counts anything itself. */
    public synchronized Optional<Refusal> refusal(String source, String account) {
        Optional<Refusal> bySource = lockout(Scope.SOURCE, source);
        Optional<Refusal> byAccount = lockout(Scope.ACCOUNT, account);
        if (bySource.isPresent() && byAccount.isPresent()) {
            return bySource.get().retryAfter().compareTo(byAccount.get().retryAfter()) >= 0 ? bySource : byAccount;
        }
        return bySource.or(() -> byAccount);
    }

    /** Counts a wrong secret; answers the lockouts it started (none, or one per scope) for the log. */
    public synchronized List<Refusal> failed(String source, String account) {
        List<Refusal> lockouts = new ArrayList<>(2);
        fail(Scope.SOURCE, source).ifPresent(lockouts::add);
        fail(Scope.ACCOUNT, account).ifPresent(lockouts::add);
        return lockouts;
    }

    /** How many keys of the scope are remembered now. */
    public synchronized int tracked(Scope scope) {
        return keys.get(scope).size();
    }

    /** Drops the keys whose bucket is full again: they would start over anyway. Answers how many were dropped. */
    public synchronized int forgetRecovered() {
        int before = tracked(Scope.SOURCE) + tracked(Scope.ACCOUNT);
        keys.forEach((scope, map) -> map.values().removeIf(e -> e.bucket.getAvailableTokens()
                >= limits.get(scope).failures()));
        return before - tracked(Scope.SOURCE) - tracked(Scope.ACCOUNT);
    }

    private Optional<Refusal> lockout(Scope scope, String key) {
        Entry entry = keys.get(scope).get(key);
        if (entry == null) {
            return Optional.empty();
        }
        EstimationProbe probe = entry.bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty()
                : Optional.of(new Refusal(scope, Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }

    private Optional<Refusal> fail(Scope scope, String key) {
        Limits l = limits.get(scope);
        Entry entry = keys.get(scope).computeIfAbsent(key, k -> new Entry(bucket(l)));
        if (entry.bucket.getAvailableTokens() >= l.failures()) {
            entry.strikes = 0;
        }
        entry.bucket.consumeIgnoringRateLimits(1);
        if (entry.bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        entry.strikes++;
        // The refill brings the next token one unit from now; debt makes it 2, 4, 8... units, up to the maximum.
        long units = Math.min(l.maxDoublings(), 1L << Math.min(entry.strikes - 1, 40));
        if (units > 1) {
            entry.bucket.consumeIgnoringRateLimits(units - 1);
        }
        return lockout(scope, key);
    }

    private Bucket bucket(Limits l) {
        return Bucket.builder().addLimit(b -> b.capacity(l.failures()).refillGreedy(l.failures(), l.window()))
                .withCustomTimePrecision(time).withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
    }

    private static final class Entry {
        private final Bucket bucket;
        private int strikes;

        private Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    /** Least recently used first, so the oldest quiet keys go when the cap is reached. */
    private static final class Keys extends LinkedHashMap<String, Entry> {
        private final int cap;

        private Keys(int cap) {
            super(16, 0.75f, true);
            this.cap = cap;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > cap;
        }
    }
}
