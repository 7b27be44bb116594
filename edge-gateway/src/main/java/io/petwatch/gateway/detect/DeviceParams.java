package io.petwatch.gateway.detect;

import java.util.Map;

/**
 * When a collar's own state deserves an alert of its own (never a health alert).
 *
 * @param collarOffHours    hours off the pet, within the hours the pet is normally active, before COLLAR_OFF
 * @param silentHours       hours without any data before COLLAR_SILENT
 * @param offlineHours      hours a collar has said it is OFFLINE (status or will message) before COLLAR_SILENT
 * @param batteryLowPct     battery at or below this (and not charging) raises BATTERY_LOW
 * @param batteryResolvePct battery at or above this, or charging, resolves it
 */
public record DeviceParams(int collarOffHours, int silentHours, int offlineHours, int batteryLowPct,
                           int batteryResolvePct) {
    public DeviceParams {
        if (collarOffHours < 1 || collarOffHours > 72) {
            throw new IllegalArgumentException("device: collarOffHours must be in 1..72, was " + collarOffHours);
        }
        // Up to a year: an owner may not want silence nudges for a collar kept in a drawer between trips.
        if (silentHours < 1 || silentHours > 8760) {
            throw new IllegalArgumentException("device: silentHours must be in 1..8760, was " + silentHours);
        }
        if (offlineHours < 1 || offlineHours > silentHours) {
            throw new IllegalArgumentException("device: offlineHours must be in 1..silentHours, was " + offlineHours);
        }
        if (batteryLowPct < 1 || batteryResolvePct <= batteryLowPct || batteryResolvePct > 100) {
            throw new IllegalArgumentException("device: need 1 <= batteryLowPct < batteryResolvePct <= 100, was "
                    + batteryLowPct + " and " + batteryResolvePct);
        }
    }

    public static DeviceParams defaults() {
        return new DeviceParams(3, 6, 1, 15, 30);
    }

    Map<String, String> asMap() {
        return Map.of("collar_off_hours", Integer.toString(collarOffHours), "silent_hours", Integer.toString(silentHours),
                "offline_hours", Integer.toString(offlineHours),
                "battery_low_pct", Integer.toString(batteryLowPct), "battery_resolve_pct",
                Integer.toString(batteryResolvePct));
    }
}
