package io.petwatch.sim.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * Minute activity for one pet: its profile's daily rhythm, a day-to-day mood (some days are lazier), and minute
 * noise with resting minutes at exactly zero, as actigraphy shows. Deterministic for a given seed.
 */
public final class ActivityModel {
    private final PetProfile profile;
    private final ZoneId zone;
    private final SplittableRandom random;
    private final double petScale;
    private LocalDate moodDay = LocalDate.MIN;
    private double mood = 1.0;

    public ActivityModel(PetProfile profile, ZoneId zone, long seed) {
        this.profile = profile;
        this.zone = zone;
        this.random = new SplittableRandom(seed);
        // Individual pets of a kind differ by about a fifth in how active they are.
        this.petScale = 0.8 + 0.4 * random.nextDouble();
    }

    /** Activity for the minute starting at {@code minute}, multiplied by {@code episodeFactor} (1 = healthy). */
    public int activityAt(Instant minute, double episodeFactor) {
        ZonedDateTime local = minute.atZone(zone);
        if (!local.toLocalDate().equals(moodDay)) {
            moodDay = local.toLocalDate();
            mood = Math.exp(0.15 * gaussian());
        }
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        double mean = profile.meanAt(local.getHour(), weekend) * petScale * mood * episodeFactor;
        // Resting minutes are mostly exact zeros; busy minutes almost never are.
        double pZero = mean < 10 ? 0.5 : 0.05;
        if (random.nextDouble() < pZero) {
            return 0;
        }
        return (int) Math.round(mean * Math.exp(0.6 * gaussian() - 0.18));
    }

    public PetProfile profile() {
        return profile;
    }

    private double gaussian() {
        // Box-Muller on the seeded generator (SplittableRandom has no nextGaussian before Java 17's RandomGenerator).
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
