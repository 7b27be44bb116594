package io.petwatch.sim.input;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The known name closest to a misspelt one, for messages that say what was probably meant: a name containing what
 * was given first (dog: large dog), then the fewest edits, then the longest common start (sped: speed, not seed).
 */
public final class Closest {
    private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();
    private static final JaroWinklerSimilarity START = new JaroWinklerSimilarity();

    private Closest() {
    }

    public static Optional<String> to(String given, Collection<String> known) {
        String wanted = given.toLowerCase(Locale.ROOT);
        Comparator<String> closest = Comparator.comparing((String k) -> !wanted.isEmpty() && k.contains(wanted))
                .reversed()
                .thenComparingInt(k -> EDITS.apply(wanted, k))
                .thenComparing(k -> -START.apply(wanted, k))
                .thenComparing(Comparator.naturalOrder());
        return known.stream().map(k -> k.toLowerCase(Locale.ROOT)).min(closest)
                .flatMap(k -> known.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(k)).findFirst());
    }

    /** "; did you mean 'x'?" or nothing when nothing is known. */
    public static String suggestion(String given, Collection<String> known) {
        return to(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }
}
