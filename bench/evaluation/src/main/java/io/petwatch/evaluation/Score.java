package io.petwatch.evaluation;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.AlertKind;
import io.petwatch.gateway.detect.AlertState;
import io.petwatch.gateway.detect.LowActivityParams;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.Label;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a suite run against its labels.
 *
 * @param kinds             per health kind: precision, recall and delay
 * @param deviceHealthAlerts health alerts on collars whose scenario is only a device state (target: none)
 * @param healthyCollarDays collar-days of collars with no illness at all
 * @param healthyFalseAlerts health alerts on those collars
 */
record Score(Map<String, KindScore> kinds, long deviceHealthAlerts, long healthyCollarDays, long healthyFalseAlerts,
             Map<String, Map<String, Integer>> alertsByScenario) {

    static final Duration MATCH_GRACE = Duration.ofHours(72);
    static final Set<String> DEVICE_SCENARIOS = Set.of("collar-off-hours", "collar-off-day", "charging-nightly",
            "battery-dying", "stuck-sensor", "no-wear-sensing", "rest-floor-no-wear");

    /** One health kind's numbers. */
    record KindScore(int labels, int matchedLabels, int alerts, int truePositives, List<Long> delaysMinutes) {
        double precision() {
            return alerts == 0 ? 1.0 : (double) truePositives / alerts;
        }

        double recall() {
            return labels == 0 ? 1.0 : (double) matchedLabels / labels;
        }

        long percentile(double p) {
            if (delaysMinutes.isEmpty()) {
                return 0;
            }
            List<Long> sorted = delaysMinutes.stream().sorted().toList();
            int rank = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(rank, sorted.size() - 1)));
        }
    }

    static Score of(SuiteRun.Result run, LowActivityParams lowActivity) {
        Map<String, CollarScript> byCollar = new HashMap<>();
        run.scripts().forEach(s -> byCollar.put(s.collarId(), s));
        // One health alert per episode: escalations of the same episode are not new detections.
        Map<String, AlertEvent> episodes = new HashMap<>();
        Map<String, Map<String, Integer>> byScenario = new HashMap<>();
        for (AlertEvent a : run.alerts()) {
            if (a.state() != AlertState.FIRING) {
                continue;
            }
            byScenario.computeIfAbsent(byCollar.get(a.collarId()).scenario(), k -> new HashMap<>())
                    .merge(a.kind().name(), 1, Integer::sum);
            if (health(a)) {
                episodes.putIfAbsent(a.collarId() + "|" + a.kind() + "|" + a.windowStartMs(), a);
            }
        }
        List<AlertEvent> healthAlerts = new ArrayList<>(episodes.values());
        Map<String, KindScore> kinds = new HashMap<>();
        kinds.put("lethargy", kind(run, byCollar, healthAlerts, AlertKind.LOW_ACTIVITY, Set.of("lethargy", "decline"),
                lowActivity));
        kinds.put("restlessness", kind(run, byCollar, healthAlerts, AlertKind.RESTLESS_NIGHTS, Set.of("restless"),
                lowActivity));
        long device = healthAlerts.stream()
                .filter(a -> DEVICE_SCENARIOS.contains(byCollar.get(a.collarId()).scenario())).count();
        Set<String> healthyCollars = new HashSet<>();
        long healthyDays = 0;
        for (CollarScript s : run.scripts()) {
            if (s.labels().stream().noneMatch(Label::health)) {
                healthyCollars.add(s.collarId());
                healthyDays += s.days();
            }
        }
        long falseAlerts = healthAlerts.stream().filter(a -> healthyCollars.contains(a.collarId())).count();
        return new Score(kinds, device, healthyDays, falseAlerts, byScenario);
    }

    private static boolean health(AlertEvent a) {
        return a.kind() == AlertKind.LOW_ACTIVITY || a.kind() == AlertKind.RESTLESS_NIGHTS;
    }

    private static KindScore kind(SuiteRun.Result run, Map<String, CollarScript> byCollar, List<AlertEvent> alerts,
                                  AlertKind alertKind, Set<String> labelKinds, LowActivityParams lowActivity) {
        List<Label> labels = run.scripts().stream().flatMap(s -> s.labels().stream())
                .filter(l -> labelKinds.contains(l.kind())).toList();
        List<AlertEvent> ofKind = alerts.stream().filter(a -> a.kind() == alertKind).toList();
        int truePositives = (int) ofKind.stream().filter(a -> labels.stream().anyMatch(l -> matches(a, l))).count();
        int matched = 0;
        List<Long> delays = new ArrayList<>();
        for (Label label : labels) {
            Optional<AlertEvent> first = ofKind.stream().filter(a -> matches(a, label))
                    .min((x, y) -> Long.compare(x.detectedAtMs(), y.detectedAtMs()));
            if (first.isPresent()) {
                matched++;
                Oracle.satisfiable(byCollar.get(label.collar()), label, lowActivity).ifPresent(t ->
                        delays.add((first.get().detectedAtMs() - t.toEpochMilli()) / 60_000L));
            }
        }
        return new KindScore(labels.size(), matched, ofKind.size(), truePositives, delays);
    }

    private static boolean matches(AlertEvent a, Label l) {
        return a.collarId().equals(l.collar()) && a.detectedAtMs() >= l.start().toEpochMilli()
                && a.detectedAtMs() <= l.end().plus(MATCH_GRACE).toEpochMilli();
    }

    double falseAlertsPer100CollarDays() {
        return healthyCollarDays == 0 ? 0 : 100.0 * healthyFalseAlerts / healthyCollarDays;
    }
}
