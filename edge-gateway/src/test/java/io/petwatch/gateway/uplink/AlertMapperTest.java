package io.petwatch.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.AlertKind;
import io.petwatch.gateway.detect.AlertState;
import io.petwatch.gateway.detect.DayEvidence;
import io.petwatch.gateway.detect.HourEvidence;
import io.petwatch.gateway.detect.LowActivityParams;
import io.petwatch.gateway.detect.Severity;
import io.petwatch.proto.v1.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMapperTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private static AlertEvent fortyEightHourAlert() {
        List<HourEvidence> hourly = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            hourly.add(new HourEvidence(T0 + i * HOUR, 1500 + i, 4200 + i, 60, 3100 + i, 5300 + i));
        }
        List<HourEvidence> before = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            before.add(new HourEvidence(T0 - (24 - i) * HOUR, 4000 + i, 4200 + i, 60, 3100 + i, 5300 + i));
        }
        return new AlertEvent(AlertEvent.alertId("hub-1", "c-1", AlertKind.LOW_ACTIVITY, T0, AlertState.FIRING), "c-1",
                AlertKind.LOW_ACTIVITY, AlertState.FIRING, Severity.HIGH, T0, T0 + 48 * HOUR, T0 + 48 * HOUR,
                T0 + 49 * HOUR, "low-activity", "1", LowActivityParams.defaults().asMap(), 0.3, 0.97, hourly, before,
                "activity at 30% of this pet's usual level for the last 48 h");
    }

    @Test
    void carriesEverythingAHumanNeedsToJudgeTheAlert() {
        Alert alert = AlertMapper.toProto("hub-1", fortyEightHourAlert());

        assertEquals("hub-1", alert.getHubId());
        assertEquals(io.petwatch.proto.v1.AlertKind.LOW_ACTIVITY, alert.getKind());
        assertEquals(io.petwatch.proto.v1.AlertState.FIRING, alert.getState());
        assertEquals(io.petwatch.proto.v1.Severity.HIGH, alert.getSeverity());
        assertEquals(T0, alert.getWindowStartMs());
        assertEquals(T0 + 48 * HOUR, alert.getDetectedAtMs());
        assertEquals(T0 + 49 * HOUR, alert.getRaisedAtMs());
        assertEquals("low-activity", alert.getDetector().getName());
        assertEquals("48", alert.getDetector().getParamsOrThrow("window_hours"));
        assertEquals(48, alert.getEvidence().getHourlyCount());
        assertEquals(4200, alert.getEvidence().getHourly(0).getBaseline());
        assertEquals(3100, alert.getEvidence().getHourly(0).getBaselineLow());
        assertEquals(5300, alert.getEvidence().getHourly(0).getBaselineHigh());
        assertEquals(24, alert.getEvidence().getBeforeWindowCount());
        assertEquals(T0 - 24 * HOUR, alert.getEvidence().getBeforeWindow(0).getHourStartMs());
        assertEquals(0.3f, alert.getEvidence().getActivityRatio());
    }

    /** With its band and the day before its window; bench/README records the exact size and what each part costs. */
    @Test
    void aFortyEightHourAlertStaysCompact() {
        int bytes = AlertMapper.toProto("hub-1", fortyEightHourAlert()).getSerializedSize();

        assertTrue(bytes < 2500, "serialized size " + bytes);
    }

    @Test
    void aDriftAlertCarriesItsKindAndTheMonthDayByDay() {
        long day = 24 * HOUR;
        List<DayEvidence> daily = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            daily.add(new DayEvidence(T0 + i * day, 90_000 - 1_500L * i, i == 12 ? 200 : 1380, i != 12));
        }
        AlertEvent drift = new AlertEvent(AlertEvent.alertId("hub-1", "c-1", AlertKind.ACTIVITY_DRIFT, T0,
                AlertState.FIRING), "c-1", AlertKind.ACTIVITY_DRIFT, AlertState.FIRING, Severity.MEDIUM, T0,
                T0 + 30 * day, T0 + 30 * day, T0 + 30 * day, "drift.slow-decline", "1",
                Map.of("drop_pct", "45", "level_then", "92000", "level_now", "50600"), 0.55, 29 / 30.0, List.of(),
                List.of(), "activity down 45% over 30 days", daily);

        Alert alert = AlertMapper.toProto("hub-1", drift);

        assertEquals(io.petwatch.proto.v1.AlertKind.ACTIVITY_DRIFT, alert.getKind());
        assertEquals("45", alert.getDetector().getParamsOrThrow("drop_pct"));
        assertEquals(30, alert.getEvidence().getDailyCount());
        assertEquals(T0 + 29 * day, alert.getEvidence().getDaily(29).getDayStartMs());
        assertEquals(90_000 - 1_500 * 29, alert.getEvidence().getDaily(29).getActivity());
        assertEquals(200, alert.getEvidence().getDaily(12).getWornMinutes());
        assertTrue(!alert.getEvidence().getDaily(12).getCounted(), "a day mostly off the pet is shown as not counted");
        assertEquals(0, alert.getEvidence().getHourlyCount());
        assertTrue(alert.getSerializedSize() < 2500, "serialized size " + alert.getSerializedSize());
    }
}
