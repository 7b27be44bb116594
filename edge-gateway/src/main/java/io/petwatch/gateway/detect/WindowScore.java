package io.petwatch.gateway.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Observed against expected activity over [fromMs, toMs), judged only on worn hours with a known baseline. */
record WindowScore(long fromMs, long toMs, long observed, double expected, long judgedMinutes,
                   List<HourEvidence> hourly) {

    static WindowScore of(ActivityHistory history, Baseline baseline, long fromMs, long toMs, int minWornMinutes) {
        long observed = 0;
        double expected = 0;
        long judged = 0;
        List<HourEvidence> hourly = new ArrayList<>();
        for (long hour = fromMs; hour < toMs; hour += ActivityHistory.HOUR_MS) {
            long hourStart = hour;
            OptionalDouble rate = baseline.rate(history.hourOfDay(hourStart));
            HourEvidence evidence = history.hour(hourStart)
                    .map(b -> new HourEvidence(hourStart, b.activity(),
                            Math.round(rate.orElse(0) * b.wornMinutes()), b.wornMinutes()))
                    .orElse(new HourEvidence(hourStart, 0, 0, 0));
            hourly.add(evidence);
            if (rate.isPresent() && evidence.wornMinutes() >= minWornMinutes) {
                observed += evidence.activity();
                expected += rate.getAsDouble() * evidence.wornMinutes();
                judged += evidence.wornMinutes();
            }
        }
        return new WindowScore(fromMs, toMs, observed, expected, judged, hourly);
    }

    /** Observed over expected; 1.0 when nothing was expected (a pet that never moves then is not lethargic). */
    double ratio() {
        return expected <= 0 ? 1.0 : observed / expected;
    }

    /** Share of the window's minutes that were worn and judged. */
    double coverage() {
        return (double) judgedMinutes / ((toMs - fromMs) / ActivityHistory.MINUTE_MS);
    }
}
