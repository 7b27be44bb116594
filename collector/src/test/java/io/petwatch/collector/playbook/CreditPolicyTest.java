package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditPolicyTest {
    private static final Duration MONTH = Duration.ofDays(30);
    private final CreditPolicy policy = new CreditPolicy(2500, 10_000, MONTH, 2000);

    @Test
    void aCreditUpToTheCapStandsAndAboveItWaitsForASupervisor() {
        assertEquals("GRANTED", policy.statusFor(2000, 0, 0));
        assertEquals("GRANTED", policy.statusFor(2500, 0, 0));
        assertEquals("PENDING_APPROVAL", policy.statusFor(2501, 0, 0));
    }

    @Test
    void splittingOneCreditIntoSeveralDoesNotGetPastTheCaseCap() {
        assertEquals("GRANTED", policy.statusFor(1500, 0, 0));
        assertEquals("PENDING_APPROVAL", policy.statusFor(1500, 1500, 1500));
        assertEquals("GRANTED", policy.statusFor(1000, 1500, 1500), "up to the cap, together");
    }

    @Test
    void aCustomersCreditsAcrossCasesHaveACapOfTheirOwn() {
        assertEquals("PENDING_APPROVAL", policy.statusFor(2000, 0, 9000));
        assertEquals("GRANTED", policy.statusFor(1000, 0, 9000));
    }

    @Test
    void nothingAndNegativeAmountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> policy.statusFor(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreditPolicy(-1, 10_000, MONTH, 2000));
        assertThrows(IllegalArgumentException.class, () -> new CreditPolicy(2500, 10_000, Duration.ZERO, 2000));
    }

    /** One grant of a generated sequence: on which case, how much, on which day (from 0). */
    private record Grant(int caseId, int cents, int day) {
    }

    /**
     * Property, over 2,000 generated sequences of up to 40 grants on up to 4 cases over 90 days: whatever the order,
     * sizes and timing, what is granted alone never passes the case cap on any case, nor the customer cap within any
     * period. The ledger mirrors {@code Credits.grant}: the sums of earlier GRANTED credits, per case and per customer
     * within the period, are what the policy is asked about. The seed of a failing sequence is in the message.
     */
    @Test
    void noSequenceOfGrantsGetsPastEitherCap() {
        for (long seed = 1; seed <= 2000; seed++) {
            Random random = new Random(seed);
            List<Grant> granted = new ArrayList<>();
            int day = 0;
            for (int n = random.nextInt(40) + 1; n > 0; n--) {
                day += random.nextInt(6);
                Grant g = new Grant(random.nextInt(4), 1 + random.nextInt(random.nextBoolean() ? 600 : 3000), day);
                long onCase = granted.stream().filter(x -> x.caseId() == g.caseId()).mapToLong(Grant::cents).sum();
                long inPeriod = granted.stream().filter(x -> x.day() > g.day() - MONTH.toDays())
                        .mapToLong(Grant::cents).sum();
                if (policy.statusFor(g.cents(), onCase, inPeriod).equals("GRANTED")) {
                    granted.add(g);
                }
            }
            for (int c = 0; c < 4; c++) {
                int caseId = c;
                long total = granted.stream().filter(x -> x.caseId() == caseId).mapToLong(Grant::cents).sum();
                assertTrue(total <= policy.capCents(), "seed " + seed + ": case " + c + " got " + total + " alone");
            }
            for (Grant end : granted) {
                long window = granted.stream().filter(x -> x.day() > end.day() - MONTH.toDays() && x.day() <= end.day())
                        .mapToLong(Grant::cents).sum();
                assertTrue(window <= policy.customerCapCents(), "seed " + seed + ": " + window + " in the "
                        + MONTH.toDays() + " days to day " + end.day());
            }
        }
    }
}
