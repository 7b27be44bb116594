package io.petwatch.collector.customer.crm;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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
    void theRefsColumnNamesTheCustomerInTheRetailersOtherSystems() {
        String file = HEADER.replace("\n", ",refs\n") + """
                crm-it-refs,Grace,Hopper,+44 7700 900341,,Europe/London,SMS,yes,no,,crm-pet-refs,Cobol,dog,,,,,,,stripe:cus_CRMit01; parcel:EZCRMIT01
                """;

        JsonPath imported = post("text/csv", file, 200);
        JsonPath refused = post("text/csv", file.replace("stripe:cus_CRMit01", "paypal:someone")
                .replace("crm-it-refs", "crm-it-refs2"), 422);
        String export = given().get("/api/v1/customers/export").then().statusCode(200).extract().asString();

        assertEquals(2, imported.getInt("refs"));
        assertEquals(List.of("parcel:EZCRMIT01", "stripe:cus_CRMit01"), jdbc.query("SELECT system || ':' || external_id"
                + " FROM customer_refs WHERE customer_id = 'crm-it-refs' ORDER BY 1", rs -> rs.getString(1)));
        assertTrue(refused.getString("rejected[0].reasons[0]").startsWith("refs: 'paypal:someone' is not system:id"),
                refused.prettify());
        assertTrue(export.lines().anyMatch(l -> l.startsWith("crm-it-refs,") && l.endsWith(
                ",parcel:EZCRMIT01;stripe:cus_CRMit01")), export);
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

    /** Bytes as a client sends them, with no charset added to the Content-Type (RestAssured adds one by default). */
    private static JsonPath postBytes(String type, String query, byte[] body, int status) {
        return JsonPath.from(given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(type).body(body).post("/api/v1/customers/import" + query).then()
                .statusCode(status).extract().asString());
    }

    private String consent(String customerId) {
        return jdbc.first("SELECT sms_consent::text FROM customers WHERE id = ?", rs -> rs.getString(1), customerId)
                .orElse("none");
    }

    @Test
    void aMisspeltConsentColumnIsAnErrorThatNamesTheClosestColumn() {
        String error = post("text/csv", HEADER.replace("sms_consent", "sms_concent") + """
                crm-it-7,Cy,Twombly,+44 7700 900307,,,,yes,,,crm-pet-8,Leda,dog,,,,,,
                """, 400).getString("error");

        assertTrue(error.contains("unknown column 'sms_concent' (did you mean 'sms_consent'?)"), error);
        assertEquals("none", consent("crm-it-7"), "nothing imported");
    }

    @Test
    void aMissingConsentValueIsNoConsent() {
        post("text/csv", HEADER + """
                crm-it-8,Di,Arbus,+44 7700 900308,,,,,,,crm-pet-9,Flash,dog,,,,,,
                """, 200);

        assertEquals("false", consent("crm-it-8"));
    }

    @Test
    void aByteOrderMarkDoesNotBreakTheFirstColumn() {
        byte[] file = ("\uFEFF" + HEADER + "crm-it-9,Ed,Ruscha,+44 7700 900309,,,,yes,,,crm-pet-10,Sign,dog,,,,,,\n")
                .getBytes(StandardCharsets.UTF_8);

        postBytes("text/csv", "", file, 200);

        assertEquals("true", consent("crm-it-9"));
    }

    @Test
    void aLatin1FileIsRefusedNamingItsLineUntilItsCharsetIsDeclared() {
        byte[] file = (HEADER + "crm-it-10,Zo\u00eb,M\u00fcller,+44 7700 900310,,,,yes,,,crm-pet-11,Fl\u00e8che,cat,,,,,,\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        String error = postBytes("text/csv", "", file, 400).getString("error");
        assertTrue(error.startsWith("line 2 is not valid UTF-8"), error);

        postBytes("text/csv", "?charset=windows-1252", file, 200);
        assertEquals("Zo\u00eb M\u00fcller", jdbc.first("SELECT first_name || ' ' || last_name FROM customers"
                + " WHERE id = 'crm-it-10'", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void aFormulaLookingCellIsStoredAsTextAndNeutralisedInTheExport() {
        post("text/csv", HEADER + """
                crm-it-11,"=HYPERLINK(""http://evil.example"",""Click"")",Smith,+44 7700 900311,,,,yes,,,crm-pet-12,@Rex,dog,,,,,,
                """, 200);
        assertEquals("=HYPERLINK(\"http://evil.example\",\"Click\")", jdbc.first(
                "SELECT first_name FROM customers WHERE id = 'crm-it-11'", rs -> rs.getString(1)).orElseThrow());

        String export = given().get("/api/v1/customers/export").then().statusCode(200).extract().asString();
        String line = export.lines().filter(l -> l.startsWith("crm-it-11,")).findFirst().orElseThrow();
        assertTrue(line.contains("\"'=HYPERLINK("), line);
        assertTrue(line.contains(",'@Rex,"), line);
        assertTrue(line.contains(",+447700900311,"), "a plain number is left alone: " + line);
    }

    @Test
    void aFileOverTheSizeLimitGetsAJsonErrorThatSaysTheLimit() {
        byte[] file = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(file, (byte) 'x');

        String error = postBytes("text/csv", "", file, 413).getString("error");

        assertTrue(error.contains("the limit is 10485760 bytes (10 MiB"), error);
    }

    @Test
    void aCollarLinkedToAnotherCustomerMovesOnlyWhenAskedAndTheMoveIsReported() {
        post("text/csv", HEADER + """
                crm-it-12,Fay,Old,+44 7700 900312,,,,yes,,,crm-pet-13,Rover,dog,,,,,crm-collar-13,hub-demo
                """, 200);
        String takeover = HEADER + """
                crm-it-13,Gus,New,+44 7700 900313,,,,yes,,,crm-pet-14,Rover,dog,,,,,crm-collar-13,hub-demo
                """;

        JsonPath refused = post("text/csv", takeover, 409);
        assertEquals("crm-it-12", refused.getString("collarsMoved[0].fromCustomer"));
        assertEquals("crm-pet-13", jdbc.first("SELECT pet_id FROM collars WHERE id = 'crm-collar-13'",
                rs -> rs.getString(1)).orElseThrow(), "not moved in silence");

        JsonPath moved = JsonPath.from(given().contentType("text/csv").body(takeover)
                .post("/api/v1/customers/import?move_collars=true").then().statusCode(200).extract().asString());
        assertEquals("crm-collar-13", moved.getString("collarsMoved[0].collarId"));
        assertEquals("crm-it-13", moved.getString("collarsMoved[0].toCustomer"));
        assertEquals("crm-pet-14", jdbc.first("SELECT pet_id FROM collars WHERE id = 'crm-collar-13'",
                rs -> rs.getString(1)).orElseThrow());
    }
}
