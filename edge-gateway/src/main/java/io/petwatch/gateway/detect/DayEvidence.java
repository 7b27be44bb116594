package io.petwatch.gateway.detect;

/**
 * One household-local day of a drift alert's evidence.
 *
 * @param dayStartMs  the day's local midnight
 * @param activity    summed activity of the day's worn minutes
 * @param wornMinutes minutes the collar was on the pet
 * @param counted     whether the rule counted the day (a day mostly off the pet is left out, never read as low)
 */
public record DayEvidence(long dayStartMs, long activity, int wornMinutes, boolean counted) {
}
