package io.petwatch.gateway.detect;

/** Kinds of alert the gateway raises; mirrors petwatch.v1.AlertKind. */
public enum AlertKind {
    LOW_ACTIVITY,
    RESTLESS_NIGHTS,
    COLLAR_OFF,
    BATTERY_LOW,
    COLLAR_SILENT,
    SENSOR_STUCK,
    /** A slow decline over weeks, judged on daily totals (see DriftRule). */
    ACTIVITY_DRIFT
}
