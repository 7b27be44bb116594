package io.petwatch.collector.customer.crm;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CRM import API on the real PostgreSQL: upserts by external id, all or nothing, consent never restored. */
@QuarkusTest
class CrmImportIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,breed,birth_date,weight_kg,vet_clinic,"
            + "collar_id,hub_id\n";

    @Inject
    Jdbc jdbc;

    private static JsonPath post(String type, String body, int status) {
        return JsonPath.from(given().contentType(type).body(body).post("/api/v1/customers/import").then()
                .statusCode(status).extract().asString());
    }

    @Test
    void aCsvExportIsUpsertedByExternalIdAndAgainUpdatesInPlace() {
        String file = HEADER + """
                crm-it-1,Ada,Lovelace,+44 7700 900301,ada@example.com,Europe/London,SMS,yes,no,21:30-08:00,crm-pet-1,Rex,dog,Beagle,2019-04-30,12.5,Riverside Vets,crm-collar-1,hub-demo
                crm-it-1,Ada,Lovelace,+44 7700 900301,ada@example.com,Europe/London,SMS,yes,no,21:30-08:00,crm-pet-2,Tib,cat,,,,,,
                """;
        JsonPath first = post("text/csv", file, 200);
        assertEquals(1, first.getInt("customersCreated"));
        assertEquals(2, first.getInt("pets"));
        assertEquals(1, first.getInt("collars"));

        JsonPath again = post("text/csv", file.replace("Riverside Vets", "Hillside Vets"), 200);
        assertEquals(0, again.getInt("customersCreated"));
        assertEquals(1, again.getInt("customersUpdated"));
        assertEquals("Hillside Vets", jdbc.first("SELECT vet_clinic FROM pets WHERE id = 'crm-pet-1'",
                rs -> rs.getString(1)).orElseThrow());
        assertEquals("pet-rex", jdbc.first("SELECT 'pet-' || lower(p.name) FROM collars c JOIN pets p ON p.id = c.pet_id"
                + " WHERE c.id = 'crm-collar-1'", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void aFileWithOneBadRowImportsNothingAndSaysWhy() {
        JsonPath refused = post("text/csv", HEADER + """
                crm-it-2,Grace,Hopper,+44 7700 900302,,,,,,,crm-pet-3,Nibbles,dog,,,,,,
                crm-it-3,Alan,Turing,not a number,,,,,,,crm-pet-4,Enigma,cat,,,,,,
                """, 422);

        assertTrue(refused.getString("error").contains("1 of 2 rows rejected; nothing was imported"));
        assertEquals(3, refused.getInt("rejected[0].line"));
        assertTrue(refused.getString("rejected[0].reasons[0]").contains("mobile must be an international number"));
        assertEquals(0, jdbc.count("SELECT count(*) FROM customers WHERE id IN ('crm-it-2', 'crm-it-3')"));
    }

    @Test
    void jsonWorksTooAndAnImportNeverResubscribesAnOwnerWhoTextedStop() {
        String row = """
                [{"customer_id":"crm-it-4","first_name":"Kit","last_name":"Marlowe","mobile":"+447700900304",
                  "sms_consent":"yes","pet_id":"crm-pet-5","pet_name":"Faust","species":"dog"}]""";
        post("application/json", row, 200);
        jdbc.update("UPDATE customers SET sms_consent = false WHERE id = 'crm-it-4'"); // the owner texted STOP

        post("application/json", row, 200);

        assertEquals(Boolean.FALSE, jdbc.first("SELECT sms_consent FROM customers WHERE id = 'crm-it-4'",
                rs -> rs.getBoolean(1)).orElseThrow());
        post("application/json", "{\"not\":\"an array\"}", 400);
    }

    @Test
    void aNumberSharedByTwoCustomersIsAllowedAndFlaggedWithItsRows() {
        JsonPath imported = post("text/csv", HEADER + """
                crm-it-5,Ann,Shore,+44 7700 900305,,,,yes,,,crm-pet-6,Dot,dog,,,,,,
                crm-it-6,Ben,Shore,+447700900305,,,,yes,,,crm-pet-7,Dash,cat,,,,,,
                """, 200);

        assertEquals("+447700900305", imported.getString("sharedNumbers[0].mobile"));
        assertEquals(List.of("crm-it-5", "crm-it-6"), imported.getList("sharedNumbers[0].customers"));
        assertEquals(List.of(2, 3), imported.getList("sharedNumbers[0].lines"));
    }
}
