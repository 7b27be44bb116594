package io.petwatch.gateway.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Given-helper: a deterministic minute-by-minute story of one collar, told in event time. */
public final class PetTimeline {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z"); // a Monday

    private final String collarId;
    private final Random random;
    private final List<MinuteSample> minutes = new ArrayList<>();
    private final List<Integer> battery = new ArrayList<>();
    private final List<Boolean> charging = new ArrayList<>();
    private ZoneId zone = ZoneOffset.UTC;
    private Instant cursor = START;
    private boolean wearUnknown;
    private boolean chargesAtNight;
    private int batteryPct = 90;
    private int restFloor;

    private PetTimeline(String collarId, long seed) {
        this.collarId = collarId;
        this.random = new Random(seed);
    }

    public static PetTimeline pet(String collarId) {
        return new PetTimeline(collarId, collarId.hashCode());
    }

    /** The household lives in this zone: the pet's day follows local time, daylight saving included. */
    public PetTimeline livingIn(ZoneId householdZone) {
        this.zone = householdZone;
        return this;
    }

    /** From now on the firmware cannot sense wear and reports WEAR_UNKNOWN. */
    public PetTimeline firmwareWithoutWearSensing() {
        wearUnknown = true;
        return this;
    }

    /**
     * From now on the device quantises rest: on the pet, every count up to three times {@code floor} reads as
     * {@code floor} (the same value minute after minute while the pet rests), as the simulator's rest-floor devices
     * do. Off the pet it still reads exact zeros, and a stuck sensor repeats its own value.
     */
    public PetTimeline withRestFloor(int floor) {
        restFloor = floor;
        return this;
    }

    /** From now on the collar charges from 23:00 to 01:00 every night, off the pet. */
    public PetTimeline chargedEveryNight() {
        chargesAtNight = true;
        return this;
    }

    public PetTimeline healthyFor(Duration duration) {
        return live(duration, hour -> 1.0, Wear.WORN);
    }

    public PetTimeline lethargicFor(Duration duration, double shareOfNormal) {
        return live(duration, hour -> shareOfNormal, Wear.WORN);
    }

    /**
     * A slow decline: the whole day's activity falls linearly from {@code fromShare} to {@code toShare} of normal
     * over the duration (by the minute, so no day is a step).
     */
    public PetTimeline decliningFor(Duration duration, double fromShare, double toShare) {
        Instant begin = cursor;
        double span = duration.toMinutes();
        return live(duration, hour -> fromShare + (toShare - fromShare)
                * Duration.between(begin, cursor).toMinutes() / span, Wear.WORN);
    }

    /** Days with the collar taken off from 08:00 to 16:00 (the owner's working day), worn the rest of the time. */
    public PetTimeline offDuringWorkingHoursFor(int days) {
        for (int i = 0; i < days; i++) {
            healthyFor(Duration.ofHours(8)).offBodyFor(Duration.ofHours(8)).healthyFor(Duration.ofHours(8));
        }
        return this;
    }

    /**
     * Days whose small hours (00:00 to 06:00, inside the pet's rest period) have this many times the usual movement:
     * one restless night per day.
     */
    public PetTimeline restlessNightsFor(int nights, double nightFactor) {
        return live(Duration.ofDays(nights), hour -> hour < 6 ? nightFactor : 1.0, Wear.WORN);
    }

    /**
     * Days whose nights from 23:00 to 06:00 read exact zeros: a pet in deep rest on a device whose floor is zero
     * (the evening hour 22:00-23:00 is the usual quiet night).
     */
    public PetTimeline deepRestNightsFor(int nights) {
        return live(Duration.ofDays(nights), hour -> hour >= 23 || hour < 6 ? 0.0 : 1.0, Wear.WORN);
    }

    /**
     * Days whose household goes to bed {@code hoursLate} hours late: the first hours of the pet's rest period
     * (from 22:00) have the pet's usual daytime level, the rest of the night is calm.
     */
    public PetTimeline lateBedtimesFor(int nights, int hoursLate) {
        return live(Duration.ofDays(nights),
                hour -> Math.floorMod(hour - 22, 24) < hoursLate ? normalMean(12) / normalMean(hour) : 1.0, Wear.WORN);
    }

    /** A day with walks this many times longer than usual. */
    public PetTimeline longWalksFor(Duration duration, double walkFactor) {
        return live(duration, hour -> hour == 7 || hour == 18 ? walkFactor : 1.0, Wear.WORN);
    }

    public PetTimeline offBodyFor(Duration duration) {
        return live(duration, hour -> 0.0, Wear.OFF_BODY);
    }

    /** No movement at all: what a collar in a drawer sends. */
    public PetTimeline zerosFor(Duration duration) {
        return live(duration, hour -> 0.0, Wear.UNKNOWN);
    }

    /** The sensor repeats one value whatever the pet does. */
    public PetTimeline stuckFor(Duration duration, int value) {
        Instant end = cursor.plus(duration);
        for (; cursor.isBefore(end); cursor = cursor.plusSeconds(60)) {
            add(value, wearUnknown ? Wear.UNKNOWN : Wear.WORN);
        }
        return this;
    }

    public PetTimeline silentFor(Duration duration) {
        cursor = cursor.plus(duration);
        return this;
    }

    public PetTimeline batteryAt(int pct) {
        batteryPct = pct;
        return this;
    }

    private interface Factor {
        double at(int localHour);
    }

    private PetTimeline live(Duration duration, Factor factor, Wear wear) {
        Instant end = cursor.plus(duration);
        for (; cursor.isBefore(end); cursor = cursor.plusSeconds(60)) {
            int hour = cursor.atZone(zone).getHour();
            boolean charge = chargesAtNight && (hour == 23 || hour == 0);
            double mean = normalMean(hour) * factor.at(hour) * (0.8 + 0.4 * random.nextDouble());
            int activity = charge ? 0 : (int) Math.round(mean * random.nextDouble() * 2);
            if (restFloor > 0 && wear == Wear.WORN && !charge && activity <= 3 * restFloor) {
                activity = restFloor; // a worn, working sensor on a quantised device never reads below its floor
            }
            add(activity, charge ? Wear.CHARGING : wearUnknown && wear == Wear.WORN ? Wear.UNKNOWN : wear);
        }
        return this;
    }

    private void add(int activity, Wear wear) {
        minutes.add(new MinuteSample(cursor.toEpochMilli(), activity, activity / 10, wear));
        battery.add(batteryPct);
        charging.add(wear == Wear.CHARGING);
    }

    /** A dog's day: quiet nights, two walks, a lazy afternoon. */
    static double normalMean(int hour) {
        if (hour < 6 || hour >= 22) {
            return 3;
        }
        if (hour == 7 || hour == 18) {
            return 150;
        }
        return 40;
    }

    public Instant now() {
        return cursor;
    }

    /** Batches of {@code minutesPerBatch}, as the collar would publish them. */
    public List<CollarBatch> batches(int minutesPerBatch) {
        List<CollarBatch> batches = new ArrayList<>();
        for (int i = 0, seq = 1; i < minutes.size(); i += minutesPerBatch, seq++) {
            int end = Math.min(minutes.size(), i + minutesPerBatch);
            batches.add(new CollarBatch(collarId, seq, "sim-1.0", battery.get(end - 1), charging.get(end - 1),
                    minutes.subList(i, end)));
        }
        return batches;
    }
}
