package io.petwatch.collector.testing;

import static io.restassured.RestAssured.given;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Uploads as the seeded demo hub does, for tests that need an alert in the playbook. */
public final class HubUploads {
    private HubUploads() {
    }

    /** A medium low-activity alert for the collar, for the 48 hours up to now, uploaded by hub-demo. */
    public static void lowActivity(String collarId) {
        Instant now = Instant.now();
        Alert alert = Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId("hub-demo")
                .setCollarId(collarId).setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING)
                .setSeverity(Severity.MEDIUM).setWindowStartMs(now.minus(Duration.ofHours(48)).toEpochMilli())
                .setWindowEndMs(now.toEpochMilli()).setDetectedAtMs(now.toEpochMilli())
                .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"))
                .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f)).setSummary("activity at 30%").build();
        given().auth().preemptive().basic("hub-demo", "demo-hub-token").contentType("application/x-protobuf")
                .body(AlertBatch.newBuilder().setHubId("hub-demo").addAlerts(alert).build().toByteArray())
                .post("/api/v1/alerts").then().statusCode(200);
    }
}
