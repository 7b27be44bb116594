package io.petwatch.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.hub.HubTokens;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Severity;
import java.util.Optional;
import java.util.UUID;
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
        assertTrue(problem(valid().setHubId("hub-2")).contains("not the uploading hub"));
        assertTrue(problem(valid().setCollarId(" ")).contains("collar_id"));
        assertTrue(problem(valid().setKind(AlertKind.ALERT_KIND_UNSPECIFIED)).contains("kind"));
        assertTrue(problem(valid().setState(AlertState.ALERT_STATE_UNSPECIFIED)).contains("state"));
        assertTrue(problem(valid().setWindowEndMs(500)).contains("window"));
        assertTrue(problem(valid().setDetectedAtMs(0)).contains("detected_at_ms"));
        assertTrue(problem(valid().clearDetector()).contains("detector"));
    }

    private static Optional<String> unstorable(Alert.Builder... alerts) {
        AlertBatch.Builder batch = AlertBatch.newBuilder().setHubId("hub-1").setHubModel("PW-Hub 2");
        for (Alert.Builder alert : alerts) {
            batch.addAlerts(alert);
        }
        return AlertValidator.unstorable(batch.build());
    }

    @Test
    void anUploadOfPrintableStringsMayBeStored() {
        assertEquals(Optional.empty(), unstorable(valid().setCollarFirmware("fw-1.2").setSummary("activity at 31%\n"
                + "of the usual level").setAlertId(UUID.randomUUID().toString()), valid().setAlertId("a-2")));
    }

    @Test
    void aNulInTheFirmwareRefusesTheUploadNamingTheAlertAndTheField() {
        assertEquals(Optional.of("alerts[1].collar_firmware: contains a control character (U+0000)"),
                unstorable(valid(), valid().setAlertId("a-2").setCollarFirmware("fw-1.2\u0000evil")));
    }

    @Test
    void everyStringFieldIsChecked() {
        assertEquals(Optional.of("alerts[0].hub_id: contains a control character (U+0007)"),
                unstorable(valid().setHubId("hub\u0007")));
        assertEquals(Optional.of("alerts[0].collar_id: contains a control character (U+001B)"),
                unstorable(valid().setCollarId("c\u001b[2J")));
        assertEquals(Optional.of("alerts[0].detector.name: contains a control character (U+000A)"),
                unstorable(valid().setDetector(Detector.newBuilder().setName("low\nactivity"))));
        assertEquals(Optional.of("alerts[0].detector.version: must be at most 32 characters, was 33"),
                unstorable(valid().setDetector(Detector.newBuilder().setName("d").setVersion("v".repeat(33)))));
        assertEquals(Optional.of("alerts[0].detector.params key 'a\\u0000': contains a control character (U+0000)"),
                unstorable(valid().setDetector(Detector.newBuilder().setName("d").putParams("a\u0000", "1"))));
        assertEquals(Optional.of("alerts[0].detector.params[window]: contains a control character (U+0000)"),
                unstorable(valid().setDetector(Detector.newBuilder().setName("d").putParams("window", "4\u00008"))));
        assertEquals(Optional.of("alerts[0].summary: contains a control character (U+0000)"),
                unstorable(valid().setSummary("low\u0000")));
        assertEquals(Optional.of("alerts[0].summary: must be at most 500 characters, was 501"),
                unstorable(valid().setSummary("s".repeat(501))));
        assertEquals(Optional.of("hub_model: must be at most 64 characters, was 65"), AlertValidator.unstorable(
                AlertBatch.newBuilder().setHubModel("m".repeat(65)).addAlerts(valid()).build()));
        assertEquals(Optional.of("hub_id: contains a control character (U+0000)"), AlertValidator.unstorable(
                AlertBatch.newBuilder().setHubId("hub\u0000").addAlerts(valid()).build()));
    }

    @Test
    void anAlertIdMustBeAShortPrintableToken() {
        assertEquals(Optional.empty(), unstorable(valid().setAlertId("7f0c3c3e-2b1a-3c4d-9e8f-001122334455")));
        assertTrue(unstorable(valid().setAlertId("")).orElseThrow().startsWith("alerts[0].alert_id: must be 1 to 64"));
        assertTrue(unstorable(valid().setAlertId("a b")).orElseThrow().startsWith("alerts[0].alert_id: must be 1 to 64"));
        assertEquals(Optional.of("alerts[0].alert_id: must be at most 64 characters, was 65"),
                unstorable(valid().setAlertId("x".repeat(65))));
    }

    @Test
    void tooManyDetectorParametersAreRefused() {
        Detector.Builder detector = Detector.newBuilder().setName("d");
        for (int i = 0; i < 33; i++) {
            detector.putParams("p" + i, "1");
        }

        assertEquals(Optional.of("alerts[0].detector.params: holds 33 parameters, at most 32"),
                unstorable(valid().setDetector(detector)));
    }

    @Test
    void hashesTokensAsSha256Hex() {
        assertEquals("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                HubTokens.sha256Hex("password"));
    }
}
