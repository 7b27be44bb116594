package io.petwatch.evaluation.realdata;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Device alerts on unmodified recordings, by 24 h day of the recording, with ambiguous days marked. */
final class DeviceCount {
    private int alerts;
    private double days;
    private int clearAlerts;
    private double clearDays;
    private final Map<String, Integer> byKind = new TreeMap<>();

    void add(Recording r, List<ReplayedAlert> raised) {
        int slices = (int) Math.ceil(r.days());
        boolean[] ambiguous = ambiguousDays(r, slices);
        for (int d = 0; d < slices; d++) {
            double length = Math.min(1.0, r.days() - d);
            days += length;
            clearDays += ambiguous[d] ? 0 : length;
        }
        for (ReplayedAlert a : raised) {
            if (!a.firing() || !a.device()) {
                continue;
            }
            alerts++;
            int d = (int) Math.min(slices - 1, Math.max(0, (a.detectedAtMs() - r.startMs()) / Recording.DAY_MS));
            if (!ambiguous[d]) {
                clearAlerts++;
                byKind.merge(a.kind(), 1, Integer::sum);
            }
        }
    }

    /** Days touched by a run of exact zeros of three hours or more. */
    private static boolean[] ambiguousDays(Recording r, int slices) {
        boolean[] out = new boolean[slices];
        int i = 0;
        while (i < r.size()) {
            int j = i;
            while (j + 1 < r.size() && r.activity()[j + 1] == 0 && r.activity()[i] == 0) {
                j++;
            }
            if (r.activity()[i] == 0 && j - i + 1 >= RealScore.AMBIGUOUS_ZERO_RUN_MINUTES) {
                int from = (int) ((r.minutesMs()[i] - r.startMs()) / Recording.DAY_MS);
                int to = (int) ((r.minutesMs()[j] - r.startMs()) / Recording.DAY_MS);
                for (int d = from; d <= Math.min(to, slices - 1); d++) {
                    out[d] = true;
                }
            }
            i = j + 1;
        }
        return out;
    }

    RealScore.DeviceFigures figures() {
        return new RealScore.DeviceFigures(alerts, days, clearAlerts, clearDays, byKind);
    }
}
