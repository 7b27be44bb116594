package io.petwatch.gateway.detect;

import java.util.Objects;

/** Every detector's tuning for one pet; the gateway's config gives defaults and per-collar overrides. */
public record DetectorParams(LowActivityParams lowActivity, RestlessnessParams restlessness, DeviceParams device,
                             WearParams wear, DriftParams drift) {
    public DetectorParams {
        Objects.requireNonNull(lowActivity, "lowActivity");
        Objects.requireNonNull(restlessness, "restlessness");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(wear, "wear");
        Objects.requireNonNull(drift, "drift");
    }

    /** With the drift rule's defaults. */
    public DetectorParams(LowActivityParams lowActivity, RestlessnessParams restlessness, DeviceParams device,
                          WearParams wear) {
        this(lowActivity, restlessness, device, wear, DriftParams.defaults());
    }

    public static DetectorParams defaults() {
        return new DetectorParams(LowActivityParams.defaults(), RestlessnessParams.defaults(), DeviceParams.defaults(),
                WearParams.defaults(), DriftParams.defaults());
    }

    /**
     * What the shape of a collar's saved state depends on: a snapshot written under other values cannot be read
     * back. Thresholds are not part of it, so tuning them keeps every pet's learned history. Nor is the drift
     * window: a retuned window keeps the newest daily totals that fit (and snapshots from before it stay readable).
     */
    int layoutFingerprint() {
        return Objects.hash(historyHours(), restlessness.baselineNights());
    }

    /** Hours of history a collar keeps: the baseline's days, the lethargy window, and two days of slack (learning stops at a local midnight). */
    int historyHours() {
        return (lowActivity.baselineDays() + lowActivity.blocks() + 2) * 24;
    }
}
