package io.petwatch.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertValidatorTest {
    static Alert.Builder valid() {
        return Alert.newBuilder().setAlertId("a-1").setHubId("hub-1").setCollarId("c-1").setKind(AlertKind.LOW_ACTIVITY)
                .setState(AlertState.FIRING).setSeverity(Severity.MEDIUM).setWindowStartMs(1_000).setWindowEndMs(2_000)
                .setDetectedAtMs(2_000).setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"));
    }

    private static String problem(Alert.Builder alert) {
        return AlertValidator.problem(alert.build(), "hub-1").orElse("");
    }

    @Test
    void acceptsACompleteAlert() {
        assertEquals(Optional.empty(), AlertValidator.problem(valid().build(), "hub-1"));
        assertEquals(Optional.empty(), AlertValidator.problem(valid().clearHubId().build(), "hub-1"),
                "hub_id may be left to the batch");
    }

    @Test
    void namesWhatIsWrong() {
        assertTrue(problem(valid().setAlertId("")).contains("alert_id"));
        assertTrue(problem(valid().setAlertId("x".repeat(65))).contains("alert_id"));
        assertTrue(problem(valid().setHubId("hub-2")).contains("not the uploading hub"));
        assertTrue(problem(valid().setCollarId(" ")).contains("collar_id"));
        assertTrue(problem(valid().setKind(AlertKind.ALERT_KIND_UNSPECIFIED)).contains("kind"));
        assertTrue(problem(valid().setState(AlertState.ALERT_STATE_UNSPECIFIED)).contains("state"));
        assertTrue(problem(valid().setWindowEndMs(500)).contains("window"));
        assertTrue(problem(valid().setDetectedAtMs(0)).contains("detected_at_ms"));
        assertTrue(problem(valid().clearDetector()).contains("detector"));
    }

    @Test
    void hashesTokensAsSha256Hex() {
        assertEquals("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                HubAuthenticator.sha256Hex("password"));
    }
}
