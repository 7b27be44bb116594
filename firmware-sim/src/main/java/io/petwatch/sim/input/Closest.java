package io.petwatch.sim.input;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The known name closest to a misspelt one, for messages that say what was probably meant. */
public final class Closest {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Closest() {
    }

    public static Optional<String> to(String given, Collection<String> known) {
        String wanted = given.toLowerCase(Locale.ROOT);
        return known.stream().min(Comparator.comparingInt((String k) -> DISTANCE.apply(wanted,
                k.toLowerCase(Locale.ROOT))).thenComparing(Comparator.naturalOrder()));
    }

    /** "; did you mean 'x'?" or nothing when nothing is known. */
    public static String suggestion(String given, Collection<String> known) {
        return to(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }
}
