package io.petwatch.gateway.uplink;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.HourEvidence;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.DailyActivity;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.HourlyActivity;
import io.petwatch.proto.v1.Severity;

/** Puts a detected alert on the wire. */
public final class AlertMapper {
    private AlertMapper() {
    }

    private static HourlyActivity hourly(HourEvidence hour) {
        return HourlyActivity.newBuilder()
                .setHourStartMs(hour.hourStartMs())
                .setActivity(saturate(hour.activity()))
                .setBaseline(saturate(hour.baseline()))
                .setWornMinutes(hour.wornMinutes())
                .setBaselineLow(saturate(hour.baselineLow()))
                .setBaselineHigh(saturate(hour.baselineHigh()))
                .build();
    }

    public static Alert toProto(String hubId, AlertEvent event) {
        return toProto(hubId, event, "");
    }

    /** With the firmware the collar last reported, for the collector's fleet-storm check. */
    public static Alert toProto(String hubId, AlertEvent event, String collarFirmware) {
        Evidence.Builder evidence = Evidence.newBuilder()
                .setActivityRatio((float) event.activityRatio())
                .setWornCoverage((float) event.wornCoverage());
        event.hourly().forEach(hour -> evidence.addHourly(hourly(hour)));
        event.beforeWindow().forEach(hour -> evidence.addBeforeWindow(hourly(hour)));
        event.daily().forEach(day -> evidence.addDaily(DailyActivity.newBuilder()
                .setDayStartMs(day.dayStartMs())
                .setActivity(saturate(day.activity()))
                .setWornMinutes(day.wornMinutes())
                .setCounted(day.counted())));
        return Alert.newBuilder()
                .setAlertId(event.alertId())
                .setHubId(hubId)
                .setCollarId(event.collarId())
                .setKind(AlertKind.valueOf(event.kind().name()))
                .setState(AlertState.valueOf(event.state().name()))
                .setSeverity(Severity.valueOf(event.severity().name()))
                .setWindowStartMs(event.windowStartMs())
                .setWindowEndMs(event.windowEndMs())
                .setDetectedAtMs(event.detectedAtMs())
                .setRaisedAtMs(event.raisedAtMs())
                .setDetector(Detector.newBuilder()
                        .setName(event.detectorName())
                        .setVersion(event.detectorVersion())
                        .putAllParams(event.params()))
                .setEvidence(evidence)
                .setSummary(event.summary())
                .setCollarFirmware(collarFirmware)
                .build();
    }

    private static int saturate(long value) {
        return (int) Math.min(value, 0xFFFF_FFFFL);
    }
}
