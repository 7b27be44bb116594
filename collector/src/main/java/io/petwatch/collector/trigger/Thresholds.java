package io.petwatch.collector.trigger;

import java.time.Duration;

/**
 * The rules' thresholds (configured as {@code petwatch.triggers.*}, see {@link TriggerConfig}).
 *
 * @param noScanAfter          a parcel with no carrier scan this long after its label was created raises PARCEL_NO_SCAN
 * @param domesticTransit      a domestic parcel in transit longer than this raises PARCEL_STUCK
 * @param internationalTransit the same for an international parcel
 * @param detractorMax         on a 0..10 scale, a score at or below this is unhappy (NPS detractors: 0-6)
 * @param lowShare             on any other scale, a score in this lowest share of it is unhappy (0.3: 1-2 of 1..5)
 * @param paymentMaxAttempts   how many times the payment provider tries an invoice, to tell the customer retries left
 */
public record Thresholds(Duration noScanAfter, Duration domesticTransit, Duration internationalTransit,
                         int detractorMax, double lowShare, int paymentMaxAttempts) {

    public Thresholds {
        if (noScanAfter.isNegative() || noScanAfter.isZero() || domesticTransit.isNegative() || domesticTransit.isZero()
                || internationalTransit.isNegative() || internationalTransit.isZero()) {
            throw new IllegalArgumentException("petwatch.triggers.parcel.* durations must be positive; were "
                    + noScanAfter + ", " + domesticTransit + ", " + internationalTransit);
        }
        if (lowShare <= 0 || lowShare >= 1 || detractorMax < 0 || detractorMax >= 10 || paymentMaxAttempts < 1) {
            throw new IllegalArgumentException("petwatch.triggers.survey.low-share must be in (0, 1),"
                    + " petwatch.triggers.survey.detractor-max in 0..9 and petwatch.triggers.payment.max-attempts >= 1;"
                    + " were " + lowShare + ", " + detractorMax + ", " + paymentMaxAttempts);
        }
    }

    /** The contract's defaults: 48 h, 5 days, 10 days, detractors 0-6, the bottom 30 %, Stripe's 4 attempts. */
    public static Thresholds defaults() {
        return new Thresholds(Duration.ofHours(48), Duration.ofDays(5), Duration.ofDays(10), 6, 0.3, 4);
    }
}
