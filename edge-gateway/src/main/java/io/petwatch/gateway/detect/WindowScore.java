package io.petwatch.gateway.detect;

import java.util.ArrayList;
import java.util.List;

/** Observed against expected activity over [fromHour, toHour), judged only on worn hours with a learned baseline. */
record WindowScore(long fromHour, long toHour, long observed, double expected, long judgedMinutes) {

    static WindowScore of(HourRing ring, LocalCalendar calendar, Baseline baseline, long fromHour, long toHour,
                          int minWornMinutes) {
        long observed = 0;
        double expected = 0;
        long judged = 0;
        for (long hour = fromHour; hour < toHour; hour++) {
            float rate = baseline.rate(hour, calendar);
            int worn = ring.worn(hour);
            if (!Float.isNaN(rate) && worn >= minWornMinutes) {
                observed += ring.activity(hour);
                expected += (double) rate * worn;
                judged += worn;
            }
        }
        return new WindowScore(fromHour, toHour, observed, expected, judged);
    }

    /** The day before an alert's window, for the people who read it: the change, not only its result. */
    static final int CONTEXT_HOURS = 24;

    /** An alert's evidence: the window hour by hour, and the {@link #CONTEXT_HOURS} before it. */
    record Hours(List<HourEvidence> window, List<HourEvidence> before) {
    }

    /** Hour-by-hour evidence for an alert, built only when one is raised; the usual range is computed once. */
    static Hours evidence(HourRing ring, LocalCalendar calendar, Baseline baseline, long fromHour, long toHour) {
        BaselineBand band = baseline.band(ring, calendar);
        return new Hours(evidence(ring, calendar, baseline, band, fromHour, toHour),
                evidence(ring, calendar, baseline, band, fromHour - CONTEXT_HOURS, fromHour));
    }

    private static List<HourEvidence> evidence(HourRing ring, LocalCalendar calendar, Baseline baseline,
                                               BaselineBand band, long fromHour, long toHour) {
        List<HourEvidence> hours = new ArrayList<>((int) Math.max(0, toHour - fromHour));
        for (long hour = fromHour; hour < toHour; hour++) {
            int worn = ring.worn(hour);
            hours.add(new HourEvidence(hour * HourRing.HOUR_MS, ring.activity(hour),
                    expected(baseline.rate(hour, calendar), worn), worn, expected(band.low(hour, calendar), worn),
                    expected(band.high(hour, calendar), worn)));
        }
        return hours;
    }

    /** What a rate per worn minute comes to over the worn minutes; 0 where the hour of day is not learned. */
    private static long expected(float rate, int worn) {
        return Float.isNaN(rate) ? 0 : Math.round(rate * worn);
    }

    /** Observed over expected; 1.0 when nothing was expected (a pet that never moves then is not lethargic). */
    double ratio() {
        return expected <= 0 ? 1.0 : observed / expected;
    }

    /** Share of the window's minutes that were worn and judged. */
    double coverage() {
        return (double) judgedMinutes / ((toHour - fromHour) * 60.0);
    }
}
