package io.petwatch.demo.chaos;

import java.util.List;
import java.util.Map;

/**
 * What one run ended with, read a settle time after its last fault.
 *
 * @param alerts          the fleet's alerts the collector stored, by id: kind, state, severity and window
 * @param published       batches the broker acknowledged to the simulator
 * @param processed       distinct batches detection took in (per collar: highest seq less the seqs missing)
 * @param lostInWindow    seqs missing below a collar's highest: acknowledged to the collar, never delivered
 * @param lost            those batches ({@code collar-id:seq}, up to 100 per collar)
 * @param stuckBatches    batches the broker acknowledged and detection has not taken in
 * @param stuckAlerts     alerts still in the gateway's outbox or not yet decided by the collector
 * @param windowSeconds   the broker's stated loss window (autosave, and the second or two Mosquitto may add)
 * @param lossBound       the most batches that window can hold at the simulator's rate
 * @param lostSpanSeconds the publishing time the lost batches span (a single window, not scattered losses)
 * @param knownTracked    fleet collars (and the poison collar) the gateway still tracks
 * @param poison          what became of the poison collar's alert (collector status, or where it was set aside)
 */
record RunResult(Map<String, String> alerts, long published, long processed, long lostInWindow, List<String> lost,
                 long stuckBatches,
                 long stuckAlerts, int windowSeconds, long lossBound, double lostSpanSeconds, int gatewayKills, int brokerRestarts, int knownTracked,
                 int collarsTracked, long deadLetters, String lastDeadLetter, Map<String, Long> dropped,
                 String poison, long tookSeconds) {
}
