package io.petwatch.sim.scenariofile;

import java.util.Optional;
import java.util.SplittableRandom;

/** A number, or {@code LOW..HIGH} for one drawn per collar from the collar's own random stream. */
record Range(double low, double high) {
    static Optional<Range> read(Field at, Values values, double min, double max) {
        String[] parts = at.text().split("\\.\\.", -1);
        if (!at.isScalar() || parts.length != 2) {
            return values.number(at, min, max).map(v -> new Range(v, v));
        }
        Optional<Double> low = Values.parseNumber(parts[0].trim());
        Optional<Double> high = Values.parseNumber(parts[1].trim());
        if (low.isEmpty() || high.isEmpty() || low.get() > high.get() || low.get() < min || high.get() > max) {
            values.problems().add(at, "must be a number or LOW..HIGH within " + Values.plain(min) + ".."
                    + Values.plain(max) + ", low first, was " + at.shown());
            return Optional.empty();
        }
        return Optional.of(new Range(low.get(), high.get()));
    }

    /** The value for one collar; a fixed number draws nothing, so other draws stay where they were. */
    double draw(SplittableRandom random) {
        return low == high ? low : low + (high - low) * random.nextDouble();
    }
}
