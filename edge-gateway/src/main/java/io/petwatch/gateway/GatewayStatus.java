package io.petwatch.gateway;

import io.petwatch.gateway.detect.DetectionStats;

/**
 * A snapshot of the gateway's counters.
 *
 * @param droppedAlerts alerts dropped because the outbox was full (least important first)
 */
public record GatewayStatus(long batchesDelivered, long malformedPayloads, DetectionStats detection, int pendingAlerts,
                            long droppedAlerts) {
}
