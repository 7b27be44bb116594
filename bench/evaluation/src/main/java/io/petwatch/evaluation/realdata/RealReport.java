package io.petwatch.evaluation.realdata;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Prints a real-data score: per case, per figure, the false alerts with their evidence, then the summary line. */
final class RealReport {
    private final RealScore s;
    private final DriftScore drift;
    private final PrintStream out;

    RealReport(RealScore score, DriftScore drift, PrintStream out) {
        this.s = score;
        this.drift = drift;
        this.out = out;
    }

    void print(List<RealScore.Replayed> runs) {
        for (RealScore.Replayed run : runs) {
            RealCase c = run.c();
            out.printf(Locale.ROOT, "  %-36s %5.1f d %s%n", c.collarId(), c.recording().days(),
                    c.episodes().isEmpty() ? "" : "from day " + c.startDay() + " " + Instant.ofEpochMilli(c.whole().startMs()));
            run.alerts().stream().filter(ReplayedAlert::firing).forEach(a -> out.printf(Locale.ROOT,
                    "      %s %-15s %-6s %s%n", Instant.ofEpochMilli(a.detectedAtMs()), a.kind(), a.severity(), a.summary()));
        }
        RealScore.Episodes l = s.lethargy();
        RealScore.Episodes r = s.restless();
        out.printf(Locale.ROOT, "%nlethargy:  %d episodes, %d found; %d alerts, %d true: recall %.2f precision %.2f%n",
                l.labels(), l.found(), l.alerts(), l.truePositives(), l.recall(), l.precision());
        out.printf(Locale.ROOT, "restless:  %d episodes, %d found; %d alerts, %d true: recall %.2f precision %.2f;"
                + " by start day:", r.labels(), r.found(), r.alerts(), r.truePositives(), r.recall(), r.precision());
        s.restlessByStartDay().forEach((k, v) -> out.printf(" %s %d of %d;", k, v[0], v[1]));
        RealScore.DeviceFigures d = s.device();
        out.printf(Locale.ROOT, "%ndevice alerts on unmodified recordings: %d in %.1f days (%.1f per 100 days); leaving"
                        + " out days with >= 3 h of exact zeros: %d in %.1f days = %.1f per 100 days %s%n",
                d.alerts(), d.days(), d.rawPer100Days(), d.clearAlerts(), d.clearDays(), d.per100Days(), d.byKind());
        out.printf(Locale.ROOT, "non-wear: %d of %d answered by a device alert; %d health alerts inside%n",
                s.nonwearTold(), s.nonwearCases(), s.nonwearHealthHits());
        out.printf(Locale.ROOT, "false health alerts on unmodified recordings: %d in %.1f days = %.2f per 100 days%n",
                s.falseHealth(), s.unmodifiedDays(), s.falseHealthPer100Days());
        out.printf(Locale.ROOT, "drift (%d-day cases of repeated real weeks; decline %.0f%% over %d days from day %d,"
                        + " shallow %.0f%%, steady): %d declines, %d found (recall %.2f), median %.1f days after the decline"
                        + " began; %d false drift alerts (precision %.2f); lethargy raised on declines: %d; health alerts on"
                        + " steady months: %d in %.1f days%n", DriftCases.CASE_DAYS, 100 * DriftCases.DECLINE_DROP,
                DriftCases.DECLINE_DAYS, DriftCases.DECLINE_FROM, 100 * DriftCases.SHALLOW_DROP, drift.declines(),
                drift.found(), drift.recall(), drift.medianDaysToFind(), drift.falseDrift().size(), drift.precision(),
                drift.lethargyOnDecline(), drift.steadyHealth(), drift.steadyDays());
        drift.falseDrift().forEach(f -> out.println("  false drift: " + f));
        if (!s.falseAlerts().isEmpty()) {
            out.println("\nfalse health alerts, with their evidence (daily totals of the five days before, oldest first):");
            s.falseAlerts().forEach(f -> out.printf(Locale.ROOT, "  %s %s %s ratio %.2f worn %.2f: %s | days %s%n",
                    f.c().collarId(), Instant.ofEpochMilli(f.alert().detectedAtMs()), f.alert().kind(),
                    f.alert().ratio(), f.alert().coverage(), f.alert().summary(), dailyTotals(f)));
        }
        out.printf("%nTargets (lethargy R/P >= 0.95/0.95, restless R/P >= 0.9/0.9, device <= 2 per 100 days,"
                + " non-wear told >= 90%%, no health alert inside non-wear, <= 0.5 false health per 100 days,"
                + " drift R/P >= 0.9/0.9): %s%n", s.met() && drift.met() ? "MET" : "NOT MET");
        out.printf(Locale.ROOT, "realdata: lethargy R/P %.2f/%.2f, restless R/P %.2f/%.2f, device %.1f/100d,"
                        + " nonwear-told %.0f%%, nonwear-hits %d, false-health %.2f/100d, drift R/P %.2f/%.2f%n", l.recall(),
                l.precision(), r.recall(), r.precision(), d.per100Days(), 100 * s.nonwearToldShare(),
                s.nonwearHealthHits(), s.falseHealthPer100Days(), drift.recall(), drift.precision());
    }

    private static String dailyTotals(RealScore.Flagged f) {
        Recording r = f.c().recording();
        long end = f.alert().detectedAtMs();
        StringBuilder sb = new StringBuilder();
        for (int d = 5; d >= 1; d--) {
            long from = end - d * Recording.DAY_MS;
            long sum = 0;
            int zeros = 0;
            for (int i = 0; i < r.size(); i++) {
                long t = r.minutesMs()[i];
                if (t >= from && t < from + Recording.DAY_MS) {
                    sum += r.activity()[i];
                    zeros += r.activity()[i] == 0 ? 1 : 0;
                }
            }
            sb.append(sum).append(" (").append(zeros).append(" zero min)").append(d > 1 ? ", " : "");
        }
        return sb.toString();
    }
}
