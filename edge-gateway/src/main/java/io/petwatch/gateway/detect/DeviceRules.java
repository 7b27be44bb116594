package io.petwatch.gateway.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Alerts about the collar, not the pet: taken off during the pet's active hours, a stuck sensor, a low battery,
 * silence. Each has its own kind so the collector can nudge the owner about the collar instead of the vet.
 */
final class DeviceRules {
    static final String NAME = "device";
    static final String VERSION = "2";
    private static final long NONE = Long.MIN_VALUE;
    static final int STATE_LONGS = 8;
    /** Off the pet this long at any hours is COLLAR_OFF even before the pet's active hours are known. */
    static final int LONG_OFF_HOURS = 12;

    private final DeviceParams params;
    private int offHours;
    private int offAnyHours;
    private long offStartHour = NONE;
    private long offFiringStart = NONE;
    private long stuckFiringStart = NONE;
    private long batteryFiringStart = NONE;
    private long silentFiringStart = NONE;
    private long offlineSinceMs = NONE;

    DeviceRules(DeviceParams params) {
        this.params = params;
    }

    /** Judges the hour that ends at {@code nowHour}: collar off and stuck sensor. */
    void evaluateHour(Context ctx, long nowHour, Baseline baseline, WearTracker wear, List<AlertEvent> out) {
        long hour = nowHour - 1;
        int seen = ctx.ring().seen(hour);
        int worn = ctx.ring().worn(hour);
        if (worn >= 45) {
            offHours = 0;
            offAnyHours = 0;
            offStartHour = NONE;
            if (offFiringStart != NONE) {
                out.add(event(ctx, AlertKind.COLLAR_OFF, AlertState.RESOLVED, offFiringStart, nowHour,
                        "the collar is back on the pet"));
                offFiringStart = NONE;
            }
        } else if (seen >= 30 && worn < 15 && !wear.stuck()) {
            // (a stuck sensor's minutes are not worn either, but that is SENSOR_STUCK, not a collar taken off)
            offStartHour = offAnyHours++ == 0 ? hour : offStartHour;
            offHours += baseline.busy(ctx.calendar().hourOfDay(hour)) ? 1 : 0; // unknown in warm-up: nothing fires
            if ((offHours >= params.collarOffHours() || offAnyHours >= LONG_OFF_HOURS) && offFiringStart == NONE) {
                offFiringStart = offStartHour * HourRing.HOUR_MS;
                out.add(event(ctx, AlertKind.COLLAR_OFF, AlertState.FIRING, offFiringStart, nowHour,
                        offHours >= params.collarOffHours() ? String.format(Locale.ROOT,
                                "the collar has been off the pet for %d h during hours it is normally active", offHours)
                                : String.format(Locale.ROOT, "the collar has been off the pet for %d h", offAnyHours)));
            }
        }
        if (wear.stuck() && stuckFiringStart == NONE) {
            stuckFiringStart = wear.stuckSinceMinute() * HourRing.MINUTE_MS;
            out.add(event(ctx, AlertKind.SENSOR_STUCK, AlertState.FIRING, stuckFiringStart, nowHour,
                    "the activity sensor has reported the same non-zero value for hours: a device fault"));
        } else if (!wear.stuck() && stuckFiringStart != NONE && wear.lastMinute() >= nowHour * 60 - 1) {
            out.add(event(ctx, AlertKind.SENSOR_STUCK, AlertState.RESOLVED, stuckFiringStart, nowHour,
                    "the activity sensor reports varying values again"));
            stuckFiringStart = NONE;
        }
    }

    void onBattery(Context ctx, int batteryPct, boolean charging, long eventMs, List<AlertEvent> out) {
        long hour = Math.floorDiv(eventMs, HourRing.HOUR_MS);
        if (batteryFiringStart == NONE && batteryPct > 0 && batteryPct <= params.batteryLowPct() && !charging) {
            batteryFiringStart = eventMs;
            out.add(event(ctx, AlertKind.BATTERY_LOW, AlertState.FIRING, eventMs, hour, "battery at " + batteryPct
                    + "%: please charge the collar"));
        } else if (batteryFiringStart != NONE && (charging || batteryPct >= params.batteryResolvePct())) {
            out.add(event(ctx, AlertKind.BATTERY_LOW, AlertState.RESOLVED, batteryFiringStart, hour,
                    charging ? "the collar is charging" : "battery back at " + batteryPct + "%"));
            batteryFiringStart = NONE;
        }
    }

    /** The collar said it is online or offline (its retained status, or its will message when it dropped off). */
    Optional<AlertEvent> onStatus(Context ctx, boolean online, long atMs) {
        if (!online) {
            offlineSinceMs = offlineSinceMs == NONE ? atMs : offlineSinceMs;
            return Optional.empty();
        }
        offlineSinceMs = NONE;
        return onData(ctx, atMs);
    }

    /** Called with the hub's clock (or, in replay, the data's): silence is measured from the collar's last minute. */
    Optional<AlertEvent> onTick(Context ctx, long nowMs, long lastMinuteEndMs) {
        if (silentFiringStart == NONE && offlineSinceMs != NONE
                && nowMs - offlineSinceMs >= params.offlineHours() * HourRing.HOUR_MS) {
            silentFiringStart = offlineSinceMs;
            return Optional.of(event(ctx, AlertKind.COLLAR_SILENT, AlertState.FIRING, offlineSinceMs,
                    Math.floorDiv(nowMs, HourRing.HOUR_MS), "the collar reported itself offline "
                            + (nowMs - offlineSinceMs) / HourRing.HOUR_MS + " h ago: out of range, battery or fault"));
        }
        if (silentFiringStart == NONE && nowMs - lastMinuteEndMs >= params.silentHours() * HourRing.HOUR_MS) {
            silentFiringStart = lastMinuteEndMs;
            return Optional.of(event(ctx, AlertKind.COLLAR_SILENT, AlertState.FIRING, lastMinuteEndMs,
                    Math.floorDiv(nowMs, HourRing.HOUR_MS), "no data from the collar for "
                            + (nowMs - lastMinuteEndMs) / HourRing.HOUR_MS + " h: out of range, battery or fault"));
        }
        return Optional.empty();
    }

    /** New data arrived: a silent collar is back. */
    Optional<AlertEvent> onData(Context ctx, long eventMs) {
        offlineSinceMs = NONE;
        if (silentFiringStart == NONE) {
            return Optional.empty();
        }
        AlertEvent resolved = event(ctx, AlertKind.COLLAR_SILENT, AlertState.RESOLVED, silentFiringStart,
                Math.floorDiv(eventMs, HourRing.HOUR_MS), "the collar is sending data again");
        silentFiringStart = NONE;
        return Optional.of(resolved);
    }

    private AlertEvent event(Context ctx, AlertKind kind, AlertState state, long startMs, long nowHour, String summary) {
        long nowMs = Math.max(startMs, nowHour * HourRing.HOUR_MS);
        return new AlertEvent(AlertEvent.alertId(ctx.hubId(), ctx.collarId(), kind, startMs, state), ctx.collarId(),
                kind, state, Severity.LOW, startMs, nowMs, nowMs, ctx.raisedAtMs(), NAME, VERSION, params.asMap(), 0, 0,
                List.of(), List.of(), summary);
    }

    long[] state() {
        return new long[] {offHours, offStartHour, offFiringStart, stuckFiringStart, batteryFiringStart,
                silentFiringStart, offlineSinceMs, offAnyHours};
    }

    void restore(long[] s) {
        offHours = (int) s[0];
        offStartHour = s[1];
        offFiringStart = s[2];
        stuckFiringStart = s[3];
        batteryFiringStart = s[4];
        silentFiringStart = s[5];
        offlineSinceMs = s[6];
        offAnyHours = (int) s[7];
    }
}
