package io.petwatch.gateway;

import io.petwatch.gateway.detect.DetectionStats;

/** A snapshot of the gateway's counters. */
public record GatewayStatus(long batchesDelivered, long malformedPayloads, DetectionStats detection, int pendingAlerts) {
}
