package io.petwatch.evaluation.realdata;

import io.petwatch.evaluation.realdata.DriftCases.DriftCase;
import io.petwatch.evaluation.realdata.DriftCases.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift rule's figures on the month-long real cases ({@link DriftCases}). A {@code decline} is found by an
 * ACTIVITY_DRIFT raised from the decline's start to the case's end; every other ACTIVITY_DRIFT (on a steady or
 * shallow case, before a decline starts, or on any of the ordinary cases) is false. Lethargy alerts raised on a
 * decline are counted apart: the drift is the decline lethargy never catches, so either telling it is an
 * answer, but only a drift alert counts as found.
 *
 * @param declines        decline cases
 * @param found           of them, found by a drift alert
 * @param daysToFind      for each found decline, days from the decline's start to the alert
 * @param lethargyOnDecline LOW_ACTIVITY episodes raised on decline cases after the decline started
 * @param falseDrift      every false drift alert, with its case
 * @param steadyDays      days of steady cases replayed
 * @param steadyHealth    health alerts (lethargy, restless) on the steady cases: the other rules over a month
 */
public record DriftScore(int declines, int found, List<Double> daysToFind, int lethargyOnDecline,
                         List<String> falseDrift, double steadyDays, int steadyHealth) {

    /** A drift case and what the replay raised for it. */
    public record Run(DriftCase c, List<ReplayedAlert> alerts) {
    }

    public DriftScore {
        daysToFind = List.copyOf(daysToFind);
        falseDrift = List.copyOf(falseDrift);
    }

    /** Scores the drift cases, and counts any drift alert in the ordinary cases as false. */
    public static DriftScore of(List<Run> runs, List<RealScore.Replayed> ordinary) {
        int declines = 0;
        List<Double> days = new ArrayList<>();
        int lethargy = 0;
        List<String> falseDrift = new ArrayList<>();
        double steadyDays = 0;
        int steadyHealth = 0;
        for (Run run : runs) {
            DriftCase c = run.c();
            List<ReplayedAlert> raised = run.alerts().stream().filter(ReplayedAlert::firing).toList();
            boolean found = false;
            for (ReplayedAlert a : raised) {
                boolean afterStart = a.detectedAtMs() >= c.declineFromMs();
                if (a.drift()) {
                    if (c.shape() == Shape.DECLINE && afterStart && !found) {
                        found = true;
                        days.add((a.detectedAtMs() - c.declineFromMs()) / (double) Recording.DAY_MS);
                    } else {
                        falseDrift.add(c.recording().id() + " " + java.time.Instant.ofEpochMilli(a.detectedAtMs())
                                + " " + a.summary());
                    }
                } else if (c.shape() == Shape.DECLINE && afterStart && a.kind().equals("LOW_ACTIVITY")) {
                    lethargy++;
                }
            }
            if (c.shape() == Shape.DECLINE) {
                declines++;
            } else if (c.shape() == Shape.STEADY) {
                steadyDays += c.recording().days();
                steadyHealth += (int) raised.stream().filter(ReplayedAlert::health).map(ReplayedAlert::episodeKey)
                        .distinct().count();
            }
        }
        for (RealScore.Replayed run : ordinary) {
            run.alerts().stream().filter(a -> a.firing() && a.drift()).forEach(a -> falseDrift.add(
                    run.c().collarId() + " " + java.time.Instant.ofEpochMilli(a.detectedAtMs()) + " " + a.summary()));
        }
        return new DriftScore(declines, days.size(), days, lethargy, falseDrift, steadyDays, steadyHealth);
    }

    public double recall() {
        return declines == 0 ? 1.0 : (double) found / declines;
    }

    /** Of all drift alerts, the share that were a decline found. */
    public double precision() {
        int alerts = found + falseDrift.size();
        return alerts == 0 ? 1.0 : (double) found / alerts;
    }

    /** The median days from a decline's start to its drift alert; NaN when none was found. */
    public double medianDaysToFind() {
        if (daysToFind.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = daysToFind.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Drift recall and precision of at least 0.9. */
    public boolean met() {
        return recall() >= 0.9 && precision() >= 0.9;
    }
}
