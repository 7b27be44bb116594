package io.petwatch.evaluation.realdata;

import io.petwatch.evaluation.realdata.RealCase.Kind;
import io.petwatch.evaluation.realdata.RealCase.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real-data figures. A health alert is one episode (escalations are not new detections). An injected episode
 * is found by an alert of its kind raised from its start to a day after its end; every other health alert, in any
 * case, is false (the unmodified part of each copy counts again, as it would for a customer). Device alerts are
 * counted on unmodified recordings, leaving out ambiguous days: days with a run of exact zeros of three hours or
 * more, where the device may really have been off.
 */
public record RealScore(Episodes lethargy, Episodes restless, Map<String, int[]> restlessByStartDay,
                        DeviceFigures device, int nonwearCases, int nonwearTold, int nonwearHealthHits,
                        double unmodifiedDays, int falseHealth, List<Flagged> falseAlerts) {
    static final long GRACE_MS = 24 * 3_600_000L;
    static final long NONWEAR_TOLD_GRACE_MS = 3_600_000L;
    static final int AMBIGUOUS_ZERO_RUN_MINUTES = 180;

    /** Injected episodes of one kind and the alerts of that kind. */
    public record Episodes(int labels, int found, int alerts, int truePositives) {
        public double recall() {
            return labels == 0 ? 1.0 : (double) found / labels;
        }

        public double precision() {
            return alerts == 0 ? 1.0 : (double) truePositives / alerts;
        }
    }

    /** Device alerts on unmodified recordings, all days and leaving out ambiguous ones. */
    public record DeviceFigures(int alerts, double days, int clearAlerts, double clearDays, Map<String, Integer> byKind) {
        public double rawPer100Days() {
            return days == 0 ? 0 : 100.0 * alerts / days;
        }

        public double per100Days() {
            return clearDays == 0 ? 0 : 100.0 * clearAlerts / clearDays;
        }
    }

    /** A false health alert and the case it was raised in. */
    public record Flagged(RealCase c, ReplayedAlert alert) {
    }

    /** A case and what the replay raised for it. */
    public record Replayed(RealCase c, List<ReplayedAlert> alerts) {
    }

    public static RealScore of(List<Replayed> runs) {
        int[] lethargy = new int[4];
        int[] restless = new int[4];
        Map<String, int[]> byDay = new TreeMap<>();
        int nonwear = 0;
        int told = 0;
        int hits = 0;
        double days = 0;
        int falseHealth = 0;
        List<Flagged> flagged = new ArrayList<>();
        DeviceCount device = new DeviceCount();
        for (Replayed run : runs) {
            RealCase c = run.c();
            List<ReplayedAlert> health = episodes(run.alerts());
            boolean foundLethargy = false;
            boolean foundRestless = false;
            for (ReplayedAlert a : health) {
                boolean lethargyAlert = a.kind().equals("LOW_ACTIVITY");
                boolean matches = c.kind() == (lethargyAlert ? Kind.LETHARGY : Kind.RESTLESS) && within(a, c.whole());
                int[] counts = lethargyAlert ? lethargy : restless;
                counts[2]++;
                counts[3] += matches ? 1 : 0;
                foundLethargy |= matches && lethargyAlert;
                foundRestless |= matches && !lethargyAlert;
                if (!matches) {
                    flagged.add(new Flagged(c, a));
                }
            }
            switch (c.kind()) {
                case LETHARGY -> count(lethargy, foundLethargy);
                case RESTLESS -> {
                    count(restless, foundRestless);
                    int[] bucket = byDay.computeIfAbsent(bucket(c.startDay()), k -> new int[2]);
                    bucket[0] += foundRestless ? 1 : 0;
                    bucket[1]++;
                }
                case NONWEAR -> {
                    nonwear++;
                    Span off = c.whole();
                    told += toldOff(run.alerts(), off) ? 1 : 0;
                    hits += (int) health.stream().filter(a -> within(a, off)).count();
                }
                case UNMODIFIED -> {
                    days += c.recording().days();
                    falseHealth += health.size();
                    device.add(c.recording(), run.alerts());
                }
            }
        }
        return new RealScore(episodesOf(lethargy), episodesOf(restless), byDay, device.figures(), nonwear, told, hits,
                days, falseHealth, flagged);
    }

    /**
     * Whether the owner hears that the collar is off: a COLLAR_OFF or COLLAR_SILENT raised during the non-wear (or
     * within an hour of its end), or one raised before it and still open when it began.
     */
    static boolean toldOff(List<ReplayedAlert> alerts, Span off) {
        Map<String, Long> resolvedAt = new LinkedHashMap<>();
        alerts.stream().filter(a -> !a.firing()).forEach(a -> resolvedAt.putIfAbsent(a.episodeKey(), a.detectedAtMs()));
        return alerts.stream().filter(a -> a.firing()
                        && (a.kind().equals("COLLAR_OFF") || a.kind().equals("COLLAR_SILENT")))
                .anyMatch(a -> (a.detectedAtMs() >= off.startMs() && a.detectedAtMs() <= off.endMs() + NONWEAR_TOLD_GRACE_MS)
                        || (a.detectedAtMs() < off.startMs()
                        && resolvedAt.getOrDefault(a.episodeKey(), Long.MAX_VALUE) > off.startMs()));
    }

    private static void count(int[] counts, boolean found) {
        counts[0]++;
        counts[1] += found ? 1 : 0;
    }

    private static Episodes episodesOf(int[] c) {
        return new Episodes(c[0], c[1], c[2], c[3]);
    }

    static String bucket(int startDay) {
        return startDay < 10 ? "days 5-9" : startDay < 18 ? "days 10-17" : "day 18 on";
    }

    private static boolean within(ReplayedAlert a, Span span) {
        return a.detectedAtMs() >= span.startMs() && a.detectedAtMs() <= span.endMs() + GRACE_MS;
    }

    /** FIRING health alerts, one per episode. */
    private static List<ReplayedAlert> episodes(List<ReplayedAlert> alerts) {
        Map<String, ReplayedAlert> first = new LinkedHashMap<>();
        alerts.stream().filter(a -> a.firing() && a.health()).forEach(a -> first.putIfAbsent(a.episodeKey(), a));
        return new ArrayList<>(first.values());
    }

    public double nonwearToldShare() {
        return nonwearCases == 0 ? 1.0 : (double) nonwearTold / nonwearCases;
    }

    public double falseHealthPer100Days() {
        return unmodifiedDays == 0 ? 0 : 100.0 * falseHealth / unmodifiedDays;
    }

    /** Every target of the table on this set. */
    public boolean met() {
        return lethargy.recall() >= 0.95 && lethargy.precision() >= 0.95 && restless.recall() >= 0.9
                && restless.precision() >= 0.9 && device.per100Days() <= 2 && nonwearToldShare() >= 0.9
                && nonwearHealthHits == 0 && falseHealthPer100Days() <= 0.5;
    }
}
