package io.petwatch.collector.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.collector.hub.HubTokens;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hub's hourly census on the real PostgreSQL: taken whole, replacing the last one; a bad one refused with why. */
@QuarkusTest
class HubCensusIT {
    private static final String HUB = "census-hub";
    private static final String TOKEN = "census-hub-token";

    @Inject
    Jdbc jdbc;

    @BeforeEach
    void givenARegisteredHub() {
        if (jdbc.count("SELECT count(*) FROM hubs WHERE id = ?", HUB) == 0) {
            jdbc.update("INSERT INTO hubs (id, token_sha256) VALUES (?, ?)", HUB, HubTokens.sha256Hex(TOKEN));
        }
    }

    private static RequestSpecification asTheHub() {
        return given().auth().preemptive().basic(HUB, TOKEN).contentType("application/x-protobuf");
    }

    private static HubCensus.Builder census(Object... firmwareAndCount) {
        HubCensus.Builder census = HubCensus.newBuilder().setHubId(HUB).setHubModel("pw-hub-c1")
                .setWindowMs(86_400_000);
        for (int i = 0; i < firmwareAndCount.length; i += 2) {
            census.addFirmware(FirmwareCount.newBuilder().setFirmware((String) firmwareAndCount[i])
                    .setCollars((Integer) firmwareAndCount[i + 1]));
        }
        return census;
    }

    private List<String> storedCensus() {
        return jdbc.query("SELECT firmware || '=' || collars FROM hub_census WHERE hub_id = ? ORDER BY firmware",
                r -> r.getString(1), HUB);
    }

    @Test
    void aCensusReplacesTheHubsLastOneWholeAndRecordsItsModel() {
        asTheHub().body(census("2.1.0", 7, "2.2.0", 3).build().toByteArray()).post("/api/v1/hubs/census")
                .then().statusCode(204);
        assertEquals(List.of("2.1.0=7", "2.2.0=3"), storedCensus());

        asTheHub().body(census("2.2.0", 9, "", 1).build().toByteArray()).post("/api/v1/hubs/census")
                .then().statusCode(204);

        assertEquals(List.of("=1", "2.2.0=9"), storedCensus(), "2.1.0's collars upgraded: its count is gone");
        assertEquals(1, jdbc.count("SELECT count(*) FROM hubs WHERE id = ? AND model = 'pw-hub-c1'"
                + " AND census_at > now() - interval '1 minute'", HUB));
    }

    @Test
    void anEmptyCensusSaysTheHubHearsNoCollars() {
        asTheHub().body(census("2.1.0", 4).build().toByteArray()).post("/api/v1/hubs/census").then().statusCode(204);
        asTheHub().body(census().build().toByteArray()).post("/api/v1/hubs/census").then().statusCode(204);

        assertEquals(List.of(), storedCensus());
    }

    @Test
    void aBadCensusIsRefusedWithTheReasonAndTheLastOneKept() {
        asTheHub().body(census("2.1.0", 5).build().toByteArray()).post("/api/v1/hubs/census").then().statusCode(204);

        asTheHub().body(new byte[] {(byte) 0xFF, 0x01}).post("/api/v1/hubs/census").then().statusCode(400)
                .body("error", containsString("not a petwatch.v1.HubCensus"));
        asTheHub().body(census("2.1.0", 1, "2.1.0", 2).build().toByteArray()).post("/api/v1/hubs/census")
                .then().statusCode(400).body("error", containsString("firmware[1].firmware: '2.1.0' is listed twice"));
        asTheHub().body(census("2.1.0\u0000", 1).build().toByteArray()).post("/api/v1/hubs/census")
                .then().statusCode(400).body("error", containsString("firmware[0].firmware"));
        asTheHub().body(census("2.1.0", -1).build().toByteArray()).post("/api/v1/hubs/census")
                .then().statusCode(400).body("error", containsString("firmware[0].collars: 4294967295"));

        assertEquals(List.of("2.1.0=5"), storedCensus(), "nothing of a refused census is stored");
    }

    @Test
    void onlyTheHubItselfMaySendItsCensus() {
        given().auth().preemptive().basic(HUB, "wrong").contentType("application/x-protobuf")
                .body(census("2.1.0", 1).build().toByteArray()).post("/api/v1/hubs/census").then().statusCode(401);
        given().contentType("application/x-protobuf").body(census("2.1.0", 1).build().toByteArray())
                .post("/api/v1/hubs/census").then().statusCode(401);
        asTheHub().body(census("2.1.0", 1).setHubId("hub-demo").build().toByteArray()).post("/api/v1/hubs/census")
                .then().statusCode(403).body("error", containsString("not the authenticated hub"));
    }
}
