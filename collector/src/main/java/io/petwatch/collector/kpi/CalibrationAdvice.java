package io.petwatch.collector.kpi;

import java.util.Locale;
import java.util.Optional;

/**
 * When a trigger rule is worth a second look: it fires often and the owners it texts rarely answer. A rule that
 * fires seldom has too few cases to judge, and one whose cases were never texted (all held out, or no consent) has
 * no response rate to judge it by.
 *
 * @param minActivations  cases a rule (or one of its variants) must have opened in the range to be judged
 * @param maxResponseRate a response rate below this, with that many activations, gets a recommendation
 */
public record CalibrationAdvice(int minActivations, double maxResponseRate) {
    public CalibrationAdvice {
        if (minActivations < 1) {
            throw new IllegalArgumentException("petwatch.kpi.calibration.min-activations must be at least 1, was "
                    + minActivations);
        }
        if (maxResponseRate <= 0 || maxResponseRate > 1) {
            throw new IllegalArgumentException("petwatch.kpi.calibration.max-response-rate must be in (0, 1], was "
                    + maxResponseRate);
        }
    }

    /** The recommendation for a row of the calibration report, if it needs one. */
    public Optional<String> recommend(CalibrationRow row) {
        if (row.activations() < minActivations || row.responseRate().isEmpty()
                || row.responseRate().get() >= maxResponseRate) {
            return Optional.empty();
        }
        String who = "rule " + row.rule() + (row.variant().equals(CalibrationRow.ALL_VARIANTS) ? ""
                : " (variant " + row.variant() + ")");
        return Optional.of(String.format(Locale.ROOT, "%s fires often (%d activations) and is rarely answered "
                        + "(%d of %d texted owners replied, %.1f%% < %.1f%%): review its threshold or its message, "
                        + "or retire it", who, row.activations(), row.responded(), row.texted(),
                100 * row.responseRate().get(), 100 * maxResponseRate));
    }
}
