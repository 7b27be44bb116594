package io.petwatch.gateway;

import io.petwatch.gateway.detect.DetectionStats;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the gateway's counters.
 *
 * @param connected     whether the gateway is connected to the hub broker
 * @param lastUplinkSuccessMs hub wall clock of the collector's last answer; 0 before the first
 * @param droppedByReason payloads dropped before detection, by reason (not-protobuf, topic-mismatch, ...)
 * @param droppedAlerts alerts dropped because the outbox was full (least important first)
 * @param uplinkFailure why the last upload failed, for example the collector refusing the hub's token; empty once
 *                      an upload succeeds
 */
public record GatewayStatus(boolean connected, long batchesDelivered, long malformedPayloads,
                            Map<String, Long> droppedByReason, DetectionStats detection, int pendingAlerts,
                            long droppedAlerts, long lastUplinkSuccessMs, Optional<String> uplinkFailure) {
}
