package io.petwatch.demo.chaos;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The chaos run against the fault-free run of the same data: every batch the broker acknowledged processed or lost
 * inside the broker's stated loss window, the same alerts (id, window, severity), nothing extra, nothing waiting.
 *
 * @param identical alerts of the fault-free run stored alike (same id, kind, state, severity, window)
 * @param expected  alerts of the fault-free run
 * @param extra     alerts of the chaos run the fault-free run did not raise (an episode reported twice, or anew)
 */
record ChaosVerdict(RunResult clean, RunResult chaos, long identical, long expected, long extra) {

    static ChaosVerdict of(RunResult clean, RunResult chaos) {
        long identical = clean.alerts().entrySet().stream()
                .filter(e -> e.getValue().equals(chaos.alerts().get(e.getKey()))).count();
        Set<Map.Entry<String, String>> extra = new HashSet<>(chaos.alerts().entrySet());
        extra.removeAll(clean.alerts().entrySet());
        return new ChaosVerdict(clean, chaos, identical, clean.alerts().size(), extra.size());
    }

    long stuck() {
        return chaos.stuckBatches() + chaos.stuckAlerts();
    }

    boolean accounted() {
        return chaos.processed() + chaos.lostInWindow() + chaos.stuckBatches() == chaos.published();
    }

    /** Everything the issue asks of a run under faults. */
    boolean passed() {
        return accounted() && chaos.processed() + chaos.lostInWindow() == chaos.published()
                && chaos.lostInWindow() <= chaos.lossBound() && chaos.lostSpanSeconds() <= chaos.windowSeconds()
                && identical == expected && extra == 0 && stuck() == 0
                && chaos.knownTracked() == clean.knownTracked() + 1 && expected > 0;
    }

    /** The line the issue asks for, last in the output. */
    String line() {
        return String.format("chaos: gateway kills %d, broker restarts %d, batches %d published %d processed,"
                        + " lost-in-window %d, alerts %d of %d identical, duplicates %d, stuck %d",
                chaos.gatewayKills(), chaos.brokerRestarts(), chaos.published(), chaos.processed(),
                chaos.lostInWindow(), identical, expected, extra, stuck());
    }
}
