package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.kpi.CalibrationWeek;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The console's KPI page shows the per-signal figures and the trigger calibration table of the API. */
@QuarkusTest
class KpiPageCalibrationIT {
    @Inject
    CalibrationWeek week;

    @Test
    void theKpiPageShowsTheCalibrationTableAndItsRecommendation() {
        week.ensure();
        ConsoleSignIn sam = ConsoleSignIn.as("sam");

        Response page = given().auth().none().cookies(sam.cookies()).get("/console/kpis" + CalibrationWeek.RANGE);

        assertEquals(200, page.statusCode(), page.asString());
        String html = page.asString();
        assertTrue(html.contains("<h2>Trigger calibration</h2>"), html);
        assertTrue(html.contains("<tr><td>post-delivery-care</td><td>all</td><td>20</td>"), html);
        assertTrue(html.contains("rule post-delivery-care fires often (20 activations)"), "the recommendation line");
        assertTrue(html.contains("<tr><td>PAYMENT</td><td>3</td><td>2</td>"), "the per-signal table");
        assertTrue(html.contains("at least 20"), "the threshold is shown");
    }
}
