package io.petwatch.gateway;

import io.petwatch.gateway.detect.DetectionStats;
import java.util.Map;

/**
 * A snapshot of the gateway's counters.
 *
 * @param droppedByReason payloads dropped before detection, by reason (not-protobuf, topic-mismatch, ...)
 * @param droppedAlerts alerts dropped because the outbox was full (least important first)
 */
public record GatewayStatus(long batchesDelivered, long malformedPayloads, Map<String, Long> droppedByReason,
                            DetectionStats detection, int pendingAlerts, long droppedAlerts) {
}
