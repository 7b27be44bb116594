package io.petwatch.evaluation.realdata;

import io.petwatch.evaluation.realdata.RealCase.Kind;
import io.petwatch.evaluation.realdata.RealCase.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the scored cases from real recordings, deterministically for a seed: each recording unmodified, and one
 * copy each with lethargy (activity x0.25 for 60 h), restlessness (three rest periods with movement in about 30% of
 * their minutes) and non-wear (30 h of exact zeros), starting on a random day from day 5 to three days before the
 * end. A restless minute takes a movement drawn from the recording's own waking minutes, so the injected movement
 * is on the device's scale.
 */
public final class CaseMaker {
    public static final long DEFAULT_SEED = 13;
    static final double LETHARGY_FACTOR = 0.25;
    static final int LETHARGY_HOURS = 60;
    static final int NONWEAR_HOURS = 30;
    static final int REST_HOURS = 8;
    static final double RESTLESS_SHARE = 0.3;
    static final int FIRST_DAY = 5;
    private static final long HOUR_MS = 3_600_000L;

    private CaseMaker() {
    }

    /** Every case of every recording, in a stable order. */
    public static List<RealCase> cases(List<Recording> recordings, long seed) {
        List<RealCase> out = new ArrayList<>();
        for (Recording r : recordings) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ r.id().hashCode());
            out.add(new RealCase(r.with(r.id() + "-unmodified", r.activity()), r.id(), Kind.UNMODIFIED, List.of(), -1));
            int lastDay = (int) Math.floor(r.days()) - 3;
            if (lastDay < FIRST_DAY) {
                continue; // too short for an episode after day 5
            }
            out.add(lethargy(r, random.split(), lastDay));
            out.add(restless(r, random.split(), lastDay));
            out.add(nonwear(r, random.split(), lastDay));
        }
        return out;
    }

    /** A random day from day 5 to the last allowed, and a random minute in it. */
    private record Placement(int day, long startMs) {
        static Placement of(Recording r, SplittableRandom random, int lastDay) {
            int day = random.nextInt(FIRST_DAY, lastDay + 1);
            long minute = random.nextLong(Recording.DAY_MS / Recording.MINUTE_MS);
            return new Placement(day, r.startMs() + day * Recording.DAY_MS + minute * Recording.MINUTE_MS);
        }
    }

    private static RealCase lethargy(Recording r, SplittableRandom random, int lastDay) {
        Placement at = Placement.of(r, random, lastDay);
        Span span = new Span(at.startMs(), at.startMs() + LETHARGY_HOURS * HOUR_MS);
        int[] counts = r.activity().clone();
        for (int i = 0; i < counts.length; i++) {
            if (span.contains(r.minutesMs()[i])) {
                counts[i] = (int) Math.round(counts[i] * LETHARGY_FACTOR);
            }
        }
        return new RealCase(r.with(r.id() + "-lethargy", counts), r.id(), Kind.LETHARGY, List.of(span), at.day());
    }

    private static RealCase nonwear(Recording r, SplittableRandom random, int lastDay) {
        Placement at = Placement.of(r, random, lastDay);
        Span span = new Span(at.startMs(), at.startMs() + NONWEAR_HOURS * HOUR_MS);
        int[] counts = r.activity().clone();
        for (int i = 0; i < counts.length; i++) {
            if (span.contains(r.minutesMs()[i])) {
                counts[i] = 0;
            }
        }
        return new RealCase(r.with(r.id() + "-nonwear", counts), r.id(), Kind.NONWEAR, List.of(span), at.day());
    }

    /** Three nights in a row from the night of a random day, in the recording's own quietest hours of the day. */
    private static RealCase restless(Recording r, SplittableRandom random, int lastDay) {
        int day = random.nextInt(FIRST_DAY, lastDay + 1);
        int restStart = quietestHour(r);
        long dayStart = r.startMs() + day * Recording.DAY_MS;
        long first = Math.floorDiv(dayStart, Recording.DAY_MS) * Recording.DAY_MS + restStart * HOUR_MS;
        while (first < dayStart) {
            first += Recording.DAY_MS;
        }
        int[] waking = wakingMovements(r, restStart);
        int[] counts = r.activity().clone();
        List<Span> nights = new ArrayList<>(3);
        for (int night = 0; night < 3; night++) {
            long from = first + night * Recording.DAY_MS;
            Span span = new Span(from, from + REST_HOURS * HOUR_MS);
            nights.add(span);
            for (int i = 0; i < counts.length; i++) {
                if (span.contains(r.minutesMs()[i]) && random.nextDouble() < RESTLESS_SHARE) {
                    counts[i] = Math.max(counts[i], waking[random.nextInt(waking.length)]);
                }
            }
        }
        return new RealCase(r.with(r.id() + "-restless", counts), r.id(), Kind.RESTLESS, nights, day);
    }

    /** The UTC hour of day that starts the recording's quietest eight hours, by mean activity per hour of day. */
    static int quietestHour(Recording r) {
        double[] typical = new double[24];
        for (int h = 0; h < 24; h++) {
            typical[h] = meanOfHour(r, h);
        }
        int best = 0;
        double bestSum = Double.MAX_VALUE;
        for (int start = 0; start < 24; start++) {
            double sum = 0;
            for (int i = 0; i < REST_HOURS; i++) {
                sum += typical[(start + i) % 24];
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = start;
            }
        }
        return best;
    }

    private static double meanOfHour(Recording r, int hourOfDay) {
        long sum = 0;
        int n = 0;
        for (int i = 0; i < r.size(); i++) {
            if (Math.floorMod(Math.floorDiv(r.minutesMs()[i], HOUR_MS), 24L) == hourOfDay) {
                sum += r.activity()[i];
                n++;
            }
        }
        return n == 0 ? 0 : (double) sum / n;
    }

    /** The recording's non-zero minutes outside its quietest eight hours: what its wearer's movement looks like. */
    private static int[] wakingMovements(Recording r, int restStart) {
        int[] out = new int[r.size()];
        int n = 0;
        for (int i = 0; i < r.size(); i++) {
            int h = (int) Math.floorMod(Math.floorDiv(r.minutesMs()[i], HOUR_MS), 24L);
            boolean rest = Math.floorMod(h - restStart, 24) < REST_HOURS;
            if (!rest && r.activity()[i] > 0) {
                out[n++] = r.activity()[i];
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("recording " + r.id() + " has no waking movement to inject");
        }
        return Arrays.copyOf(out, n);
    }
}
