package io.petwatch.gateway.status;

import io.petwatch.gateway.detect.DetectionStats;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the gateway's counters.
 *
 * @param connected       whether the gateway is connected to the hub broker
 * @param subscribed      connected, with the collar subscriptions confirmed
 * @param batchesDelivered batches detection has taken in since start
 * @param queued          broker messages waiting for detection
 * @param lastUplinkSuccessMs hub wall clock of the collector's last answer; 0 before the first
 * @param droppedByReason payloads dropped before detection, by reason (not-protobuf, topic-mismatch, ...)
 * @param droppedAlerts   alerts dropped because the outbox was full (least important first)
 * @param uplinkFailure   why the last upload failed, for example the collector refusing the hub's token; empty once
 *                        an upload succeeds
 * @param deadLetters     alerts set aside because the collector could not take them
 * @param lastDeadLetter  the newest dead letter's alert id and reason
 * @param watchdog        why the watchdog found the gateway stuck (it then exits); empty when well
 * @param health          OK, or DEGRADED with why and how many (lost, dropped, shed, lagging), over the last minutes
 */
public record GatewayStatus(boolean connected, boolean subscribed, long batchesDelivered, int queued,
                            long malformedPayloads, Map<String, Long> droppedByReason, DetectionStats detection,
                            int pendingAlerts, long droppedAlerts, long lastUplinkSuccessMs,
                            Optional<String> uplinkFailure, long deadLetters, Optional<String> lastDeadLetter,
                            Optional<String> watchdog, HubHealth.Verdict health) {
}
