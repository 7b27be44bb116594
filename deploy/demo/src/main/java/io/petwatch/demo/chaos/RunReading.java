package io.petwatch.demo.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * What a run ended with, from the gateway's status (each collar's highest seq and the seqs missing below it), the
 * simulator's report (what the broker acknowledged) and the collector's alerts.
 */
final class RunReading {
    private final ChaosSettings settings;
    private final List<String> skip;
    private final JsonNode status;
    private final JsonNode sim;
    private final List<Map<String, Object>> alerts;

    RunReading(ChaosSettings settings, List<String> skip, JsonNode status, JsonNode sim,
               List<Map<String, Object>> alerts) {
        this.settings = settings;
        this.skip = skip;
        this.status = status;
        this.sim = sim;
        this.alerts = alerts;
    }

    /** Distinct batches detection took in: per collar, its highest seq less the seqs missing below it. */
    static long processed(ChaosSettings settings, JsonNode status) {
        long sum = 0;
        for (int n = 1; n <= settings.collars(); n++) {
            JsonNode c = status.path("collars").path(settings.collarId(n));
            sum += c.path("highest_seq").asLong() - c.path("missing_seqs").asLong();
        }
        return sum;
    }

    static long undecided(List<Map<String, Object>> alerts) {
        return alerts.stream().filter(a -> "RECEIVED".equals(a.get("status"))).count();
    }

    RunResult result(FaultPlan plan, int autosaveSeconds, int gatewayKills, long tookSeconds) {
        Map<String, List<Long>> undelivered = new HashMap<>();
        sim.path("undeliveredBatches").forEach(b -> undelivered.computeIfAbsent(b.path("collar").asText(),
                k -> new ArrayList<>()).add(b.path("seq").asLong()));
        long lost = 0;
        long stuck = 0;
        int known = 0;
        List<String> lostBatches = new ArrayList<>();
        for (int n = 1; n <= settings.collars(); n++) {
            String id = settings.collarId(n);
            JsonNode c = status.path("collars").path(id);
            known += c.isMissingNode() ? 0 : 1;
            long highest = c.path("highest_seq").asLong();
            List<Long> never = undelivered.getOrDefault(id, List.of());
            long skipped = skip.stream().filter(k -> k.startsWith(id + ":")).count();
            lost += c.path("missing_seqs").asLong() - skipped - never.stream().filter(seq -> seq < highest).count();
            stuck += settings.batchesPerCollar() - highest - never.stream().filter(seq -> seq > highest).count();
            c.path("missing").forEach(seq -> {
                if (!never.contains(seq.asLong()) && !skip.contains(id + ":" + seq.asLong())) {
                    lostBatches.add(id + ":" + seq.asLong());
                }
            });
        }
        known += status.path("collars").has(settings.poisonCollar()) ? 1 : 0;
        Map<String, String> fleet = new LinkedHashMap<>();
        String poison = "no alert";
        for (Map<String, Object> a : alerts) {
            String collar = (String) a.get("collarId");
            if (collar.equals(settings.poisonCollar())) {
                poison = a.get("kind") + " " + a.get("state") + " stored, " + a.get("status");
            } else if (collar.startsWith("collar-")) {
                fleet.put((String) a.get("alertId"), collar + " " + a.get("kind") + " " + a.get("state") + " "
                        + a.get("severity") + " " + a.get("windowStart") + ".." + a.get("windowEnd"));
            }
        }
        Map<String, Long> dropped = new LinkedHashMap<>();
        status.path("dropped_payloads").fields().forEachRemaining(e -> dropped.put(e.getKey(), e.getValue().asLong()));
        // Mosquitto saves once more than autosave_interval whole seconds have passed: up to two seconds more.
        int window = autosaveSeconds + 2;
        // The simulator publishes a round (one batch per collar, seq r) at a time: a seq span is a span of time.
        LongSummaryStatistics seqs = lostBatches.stream()
                .mapToLong(b -> Long.parseLong(b.substring(b.indexOf(':') + 1))).summaryStatistics();
        double lostSpan = lostBatches.isEmpty() ? 0
                : (seqs.getMax() - seqs.getMin() + 1) * (double) settings.collars() / settings.rate();
        return new RunResult(fleet, sim.path("published").asLong(), processed(settings, status), lost, lostBatches,
                stuck, status.path("outbox_depth").asLong() + undecided(alerts), window,
                (long) settings.rate() * window, lostSpan, gatewayKills, plan.brokerRestarts(), known,
                status.path("collars").size(), status.path("dead_letters").asLong(),
                status.path("last_dead_letter").asText(), dropped, poison, tookSeconds);
    }
}
