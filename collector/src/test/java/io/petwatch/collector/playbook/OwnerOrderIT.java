package io.petwatch.collector.playbook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.PlaybookScenario;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each owner's alerts are decided in arrival order, whichever worker claimed them: a worker whose claim skipped an
 * older alert of the same owner (another worker holds it and has not decided it yet) leaves the newer one waiting.
 * Without that, the second worker could take the owner's lock first, and a later alert would get the text now while
 * the earlier one waited behind the cap. The background workers are off here; the test plays both workers.
 */
@QuarkusTest
@TestProfile(OwnerOrderIT.NoBackgroundTriage.class)
class OwnerOrderIT {
    /** Triage only when the test asks. */
    public static class NoBackgroundTriage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("petwatch.triage.workers", "0");
        }
    }

    @Inject
    Jdbc jdbc;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TriageStep triage;
    @Inject
    Households households;

    @Test
    void aNewerAlertWaitsWhileAnotherWorkerHoldsTheSameOwnersOlderOne() throws SQLException {
        Household household = households.create("Pip", Optional.empty());
        String collar = household.collarId();
        Alert older = upload(PlaybookScenario.lethargy(collar, Severity.MEDIUM));
        Alert newer = upload(PlaybookScenario.alert("hub-demo", collar, AlertState.FIRING, Severity.MEDIUM,
                AlertKind.RESTLESS_NIGHTS));

        try (Connection otherWorker = dataSource.getConnection()) {
            otherWorker.setAutoCommit(false);
            claim(otherWorker, older); // claimed, owner not locked yet: the moment the race happened in
            try {
                triage.decideNext(100_000);
                assertEquals("RECEIVED", status(newer), "decided before the same owner's older alert");
            } finally {
                otherWorker.rollback();
            }
        }

        triage.decideNext(100_000);
        assertEquals("TRIAGED", status(older));
        assertEquals("TRIAGED", status(newer));
        assertEquals(older.getAlertId(), jdbc.first("SELECT opened_by_alert FROM outreach_cases WHERE pet_id = ?"
                + " ORDER BY id LIMIT 1", rs -> rs.getString(1), household.petId()).orElseThrow(),
                "the older alert opened the owner's first case");
    }

    private static Alert upload(Alert alert) {
        given().auth().preemptive().basic("hub-demo", "demo-hub-token").contentType("application/x-protobuf")
                .body(AlertBatch.newBuilder().setHubId("hub-demo").addAlerts(alert).build().toByteArray())
                .post("/api/v1/alerts").then().statusCode(200);
        return alert;
    }

    private static void claim(Connection c, Alert alert) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM alerts WHERE alert_id = ? FOR UPDATE")) {
            s.setString(1, alert.getAlertId());
            s.executeQuery().close();
        }
    }

    private String status(Alert alert) {
        return jdbc.first("SELECT status FROM alerts WHERE alert_id = ?", rs -> rs.getString(1), alert.getAlertId())
                .orElse("not stored");
    }
}
