package io.petwatch.collector.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import io.petwatch.collector.throttle.GuessThrottle.Limits;
import io.petwatch.collector.throttle.GuessThrottle.Refusal;
import io.petwatch.collector.throttle.GuessThrottle.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic with the production defaults, on a clock the test moves. */
class GuessThrottleTest {
    /** petwatch.auth-throttle.source.*: 10 failures, forgiven over 15 min (one per 90 s), lockouts up to 1 h. */
    static final Limits SOURCE = new Limits(10, Duration.ofMinutes(15), Duration.ofHours(1));
    /** petwatch.auth-throttle.account.*: 20 failures, forgiven over 5 min (one per 15 s), lockouts up to 1 min. */
    static final Limits ACCOUNT = new Limits(20, Duration.ofMinutes(5), Duration.ofMinutes(1));

    private final ManualTime time = new ManualTime();
    private final GuessThrottle throttle = new GuessThrottle(SOURCE, ACCOUNT, 1_000, time);

    /** A clock for Bucket4j that only moves when told. */
    static final class ManualTime implements TimeMeter {
        private long nanos;

        void advance(Duration by) {
            nanos += by.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private void fail(String source, String account, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(Optional.empty(), throttle.refusal(source, account), "attempt " + (i + 1) + " is admitted");
            throttle.failed(source, account);
        }
    }

    /** Locks the source out again and answers the lockout: one more wrong guess as soon as it is let back in. */
    private Duration nextLockout(String source, String account) {
        time.advance(throttle.refusal(source, account).orElseThrow().retryAfter());
        assertEquals(Optional.empty(), throttle.refusal(source, account));
        List<Refusal> lockouts = throttle.failed(source, account);
        assertEquals(Scope.SOURCE, lockouts.get(0).scope());
        return lockouts.get(0).retryAfter();
    }

    @Test
    void aBurstOfWrongGuessesFromOneSourceIsAllowedThenRefused() {
        fail("203.0.113.7", "sam", 9);
        assertEquals(List.of(new Refusal(Scope.SOURCE, Duration.ofSeconds(90))), throttle.failed("203.0.113.7", "sam"),
                "the tenth failure locks the source for one unit (15 min / 10)");

        assertEquals(Optional.of(new Refusal(Scope.SOURCE, Duration.ofSeconds(90))),
                throttle.refusal("203.0.113.7", "sam"));
        assertEquals(Optional.of(new Refusal(Scope.SOURCE, Duration.ofSeconds(90))),
                throttle.refusal("203.0.113.7", "lee"), "any account from that source");
    }

    @Test
    void eachLockoutInARowIsTwiceAsLongUpToTheMaximum() {
        fail("203.0.113.7", "sam", 10);
        List<Duration> lockouts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lockouts.add(nextLockout("203.0.113.7", "acct-" + i));
        }

        assertEquals(List.of(Duration.ofMinutes(3), Duration.ofMinutes(6), Duration.ofMinutes(12),
                Duration.ofMinutes(24), Duration.ofMinutes(48), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1)), lockouts);
    }

    @Test
    void refusedAttemptsAreNotCountedAsGuesses() {
        fail("203.0.113.7", "sam", 10);
        for (int i = 0; i < 100; i++) {
            throttle.refusal("203.0.113.7", "sam");
        }

        assertEquals(Duration.ofSeconds(90), throttle.refusal("203.0.113.7", "sam").orElseThrow().retryAfter());
        time.advance(Duration.ofSeconds(90));
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.7", "sam"));
    }

    @Test
    void aSourceQuietForTheWholeWindowStartsOver() {
        fail("203.0.113.7", "sam", 10);
        nextLockout("203.0.113.7", "sam");
        time.advance(Duration.ofMinutes(3));

        time.advance(Duration.ofMinutes(15));

        fail("203.0.113.7", "sam", 9);
        assertEquals(Duration.ofSeconds(90), throttle.failed("203.0.113.7", "sam").get(0).retryAfter(),
                "a full burst again, and the first lockout is short again");
    }

    @Test
    void anotherSourceIsNotLockedOutByTheSourceThatGuesses() {
        fail("203.0.113.7", "sam", 10);

        assertTrue(throttle.refusal("203.0.113.7", "sam").isPresent());
        assertEquals(Optional.empty(), throttle.refusal("198.51.100.23", "sam"),
                "sam from her own address: ten failures are half the account's allowance");
    }

    @Test
    void anAccountGuessedFromManySourcesIsLockedOutForAMinuteAtMost() {
        for (int i = 0; i < 20; i++) {
            fail("203.0.113." + i, "sam", 1);
        }
        Refusal first = throttle.refusal("198.51.100.23", "sam").orElseThrow();
        assertEquals(new Refusal(Scope.ACCOUNT, Duration.ofSeconds(15)), first);

        // The attacker keeps at it from new addresses every time the account opens.
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 50; i++) {
            time.advance(throttle.refusal("198.51.100.23", "sam").orElseThrow().retryAfter());
            throttle.failed("192.0.2." + i, "sam");
            Duration wait = throttle.refusal("198.51.100.23", "sam").orElseThrow().retryAfter();
            longest = wait.compareTo(longest) > 0 ? wait : longest;
        }

        assertEquals(Duration.ofMinutes(1), longest, "the lockout grows to the account's maximum and no further");
        time.advance(longest);
        assertEquals(Optional.empty(), throttle.refusal("198.51.100.23", "sam"), "sam gets in a minute later");
    }

    @Test
    void theLongerOfTwoLockoutsIsTheOneReported() {
        for (int i = 0; i < 19; i++) {
            fail("203.0.113." + i, "sam", 1);
        }
        fail("203.0.113.99", "lee", 9);
        List<Refusal> both = throttle.failed("203.0.113.99", "sam");

        assertEquals(List.of(Scope.SOURCE, Scope.ACCOUNT), both.stream().map(Refusal::scope).toList());
        assertEquals(Optional.of(new Refusal(Scope.SOURCE, Duration.ofSeconds(90))),
                throttle.refusal("203.0.113.99", "sam"));
    }

    @Test
    void aFloodOfMadeUpNamesAndAddressesStaysWithinTheCap() {
        GuessThrottle small = new GuessThrottle(SOURCE, ACCOUNT, 100, time);
        for (int i = 0; i < 100_000; i++) {
            small.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "user-" + i);
        }

        assertEquals(100, small.tracked(Scope.SOURCE));
        assertEquals(100, small.tracked(Scope.ACCOUNT));
    }

    @Test
    void recoveredKeysAreForgottenWhileOnesStillCountingAreKept() {
        fail("203.0.113.7", "sam", 10);
        time.advance(Duration.ofMinutes(5));

        assertEquals(1, throttle.forgetRecovered(), "sam's ten failures are forgiven after 5 min");
        assertEquals(0, throttle.tracked(Scope.ACCOUNT));
        assertEquals(1, throttle.tracked(Scope.SOURCE), "the source has only got back a third of its allowance");

        time.advance(Duration.ofMinutes(11));
        assertEquals(1, throttle.forgetRecovered());
        assertEquals(0, throttle.tracked(Scope.SOURCE));
    }

    @Test
    void limitsThatCannotWorkAreRefusedWithTheirReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Limits(0, Duration.ofMinutes(1),
                Duration.ofMinutes(1))).getMessage().contains("failures"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Limits(10, Duration.ofMinutes(15),
                Duration.ofSeconds(30))).getMessage().contains("max-lockout"));
    }
}
