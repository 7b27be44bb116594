package io.petwatch.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Which collars get which episodes. Deterministic for a given seed. */
public record Scenario(List<Episode> episodes) {

    public Scenario {
        episodes = List.copyOf(episodes);
    }

    public static Scenario healthy() {
        return new Scenario(List.of());
    }

    /**
     * Lethargy for {@code count} collars chosen by the seed (or the named ones), starting four days before the end
     * of the run (plus up to twelve hours, by the seed) and lasting {@code hours}.
     */
    public static Scenario lethargy(List<String> collarIds, List<String> named, int count, Duration length,
                                    Instant runStart, Instant runEnd, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        List<String> chosen = named.isEmpty() ? pick(collarIds, count, random) : named;
        for (String id : chosen) {
            if (!collarIds.contains(id)) {
                throw new IllegalArgumentException("lethargy collar '" + id + "' is not one of the simulated collars");
            }
        }
        Instant earliest = runEnd.minus(Duration.ofDays(4));
        if (earliest.isBefore(runStart.plus(Duration.ofDays(8)))) {
            throw new IllegalArgumentException("a lethargy scenario needs at least 12 days so the pet's baseline"
                    + " is learned before the episode");
        }
        List<Episode> episodes = new ArrayList<>();
        for (String id : chosen) {
            Instant start = earliest.plus(Duration.ofMinutes(random.nextInt(12 * 60)));
            double factor = 0.25 + 0.1 * random.nextDouble();
            episodes.add(new Episode(id, Episode.LETHARGY, start, start.plus(length), factor));
        }
        return new Scenario(episodes);
    }

    private static List<String> pick(List<String> collarIds, int count, SplittableRandom random) {
        if (count < 0 || count > collarIds.size()) {
            throw new IllegalArgumentException("cannot pick " + count + " of " + collarIds.size() + " collars");
        }
        List<Integer> order = IntStream.range(0, collarIds.size()).boxed().collect(Collectors.toList());
        for (int i = order.size() - 1; i > 0; i--) { // Fisher-Yates on the seeded generator
            int j = random.nextInt(i + 1);
            Integer tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order.subList(0, count).stream().sorted().map(collarIds::get).toList();
    }

    /** The factor for a collar at a minute: the product of every episode that covers it. */
    public double factor(String collarId, Instant minute) {
        double factor = 1.0;
        for (Episode e : episodes) {
            if (e.collarId().equals(collarId) && e.covers(minute)) {
                factor *= e.factorAt(minute);
            }
        }
        return factor;
    }
}
