package io.petwatch.collector.playbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.PlaybookScenario;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A worker does not wait for an owner another transaction is deciding for: the other owners' alerts of its claim are
 * decided at once, and the busy owner's alert stays RECEIVED until that transaction ends, then is decided once.
 */
@QuarkusTest
class OwnerLockIT {
    @Inject
    Jdbc jdbc;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBusyOwnersAlertWaitsWhileTheOthersInTheSameUploadAreDecided() throws SQLException {
        String busy = givenACustomerWithACollar();
        String free = givenACustomerWithACollar();
        Alert busyAlert = PlaybookScenario.lethargy("collar-" + busy, Severity.MEDIUM);
        Alert freeAlert = PlaybookScenario.lethargy("collar-" + free, Severity.MEDIUM);

        try (Connection other = dataSource.getConnection()) {
            lock(other, "pg_advisory_lock", busy); // another transaction deciding for this owner
            try {
                given().auth().preemptive().basic("hub-demo", "demo-hub-token").contentType("application/x-protobuf")
                        .body(AlertBatch.newBuilder().setHubId("hub-demo").addAlerts(busyAlert).addAlerts(freeAlert)
                                .build().toByteArray())
                        .post("/api/v1/alerts").then().statusCode(200);

                await().atMost(Duration.ofSeconds(20)).until(() -> status(freeAlert).equals("TRIAGED"));
                assertEquals("RECEIVED", status(busyAlert), "decided while its owner was locked");
            } finally {
                lock(other, "pg_advisory_unlock", busy);
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> status(busyAlert).equals("TRIAGED"));
        assertEquals(1, jdbc.count("SELECT count(*) FROM outreach_cases WHERE opened_by_alert = ?",
                busyAlert.getAlertId()));
    }

    private static void lock(Connection c, String function, String customer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            s.setString(1, customer);
            s.executeQuery().close();
        }
    }

    private String status(Alert alert) {
        return jdbc.first("SELECT status FROM alerts WHERE alert_id = ?", rs -> rs.getString(1), alert.getAlertId())
                .orElse("not stored");
    }

    /** A fresh customer with one pet and collar ({@code collar-<customer>}) on the demo hub; the customer's id. */
    private String givenACustomerWithACollar() {
        String customer = "cus-lock-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone, time_zone) VALUES (?, 'Lou', 'Lock', ?,"
                + " 'UTC')", customer, "+447700" + (930_000 + ThreadLocalRandom.current().nextInt(69_999)));
        jdbc.update("INSERT INTO pets (id, customer_id, name, species) VALUES (?, ?, 'Bolt', 'dog')", "pet-" + customer,
                customer);
        jdbc.update("INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, 'hub-demo')", "collar-" + customer,
                "pet-" + customer);
        return customer;
    }
}
