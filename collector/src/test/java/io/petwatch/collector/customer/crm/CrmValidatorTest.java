package io.petwatch.collector.customer.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrmValidatorTest {
    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,breed,birth_date,weight_kg,vet_clinic,"
            + "collar_id,hub_id\n";
    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    private static CrmValidator.Result validate(String rows) {
        return CrmValidator.validate(CrmParser.csv(HEADER + rows), TODAY, Set.of("hub-demo"));
    }

    @Test
    void aCustomerWithTwoPetsBecomesTwoRowsOfOneCustomer() {
        CrmValidator.Result result = validate("""
                crm-1,Ada,Lovelace,+44 7700 900201,ada@example.com,Europe/London,SMS,yes,no,21:30-08:00,p-1,Rex,dog,Beagle,2019-04-30,12.5,Riverside Vets,collar-a1,hub-demo
                crm-1,Ada,Lovelace,+44 7700 900201,ada@example.com,Europe/London,SMS,yes,no,21:30-08:00,p-2,Tib,cat,,,,,,
                """);

        assertTrue(result.ok(), () -> result.rejected().toString());
        assertEquals(2, result.rows().size());
        CrmRow rex = result.rows().get(0);
        assertEquals("+447700900201", rex.mobile());
        assertEquals(12.5, rex.weightKg().orElseThrow());
        assertEquals(LocalDate.parse("2019-04-30"), rex.birthDate().orElseThrow());
        assertTrue(result.rows().get(1).collarId().isEmpty());
    }

    @Test
    void everyProblemOfEveryRowIsReportedAndNothingIsKept() {
        CrmValidator.Result result = validate("""
                crm-1,Ada,Lovelace,+44 7700 900201,,Europe/London,,,,,p-1,Rex,dog,,,,,,
                crm-2,,Byron,07700 900202,not-an-email,Mars/Olympus,FAX,maybe,,late,p-2,Tib,hamster,,2030-01-01,-3,,collar-b,hub-gone
                """);

        assertFalse(result.ok());
        assertEquals(List.of(), result.rows(), "all or nothing: the good row is not imported either");
        CrmValidator.Rejected bad = result.rejected().get(0);
        assertEquals(3, bad.line());
        assertEquals("crm-2", bad.customerId());
        String reasons = String.join("; ", bad.reasons());
        for (String expected : List.of("first_name is required", "mobile must be an international number",
                "email is not an address", "time_zone must be an IANA zone", "preferred_channel must be SMS, EMAIL",
                "sms_consent must be yes or no", "quiet hours must look like", "species must be dog, cat or other",
                "birth_date 2030-01-01 is in the future", "weight_kg must be between 0 and 200",
                "hub_id 'hub-gone' is not a known hub")) {
            assertTrue(reasons.contains(expected), expected + " in: " + reasons);
        }
    }

    @Test
    void duplicatePetsOrCollarsAndCustomersThatDisagreeWithThemselvesAreRejected() {
        CrmValidator.Result result = validate("""
                crm-1,Ada,Lovelace,+447700900201,,,,,,,p-1,Rex,dog,,,,,collar-a1,hub-demo
                crm-1,Ada,Lovelace,+447700900999,,,,,,,p-1,Rex,dog,,,,,collar-a1,hub-demo
                """);

        String reasons = String.join("; ", result.rejected().get(0).reasons());
        assertTrue(reasons.contains("pet_id 'p-1' already appears on line 2"), reasons);
        assertTrue(reasons.contains("collar_id 'collar-a1' already appears on line 2"), reasons);
        assertTrue(reasons.contains("details differ from line 2"), reasons);
    }

    @Test
    void pushConsentNeedsTheAppsDeviceToken() {
        String header = "customer_id,first_name,last_name,mobile,pet_id,pet_name,species,push_consent,push_token\n";
        CrmValidator.Result result = CrmValidator.validate(CrmParser.csv(header + """
                crm-1,Ada,Lovelace,+447700900201,p-1,Rex,dog,yes,fcm-token_1:APA91b
                crm-2,Ada,Byron,+447700900202,p-2,Tib,cat,yes,
                crm-3,Ada,Cole,+447700900203,p-3,Kit,cat,no,not a token!
                """), TODAY, Set.of("hub-demo"));

        assertFalse(result.ok());
        assertEquals(2, result.rejected().size());
        assertTrue(result.rejected().get(0).reasons().get(0).contains("no push_token"), result.toString());
        assertTrue(result.rejected().get(1).reasons().get(0).contains("not an app device token"), result.toString());
    }

    @Test
    void anEmptyFileIsRejected() {
        assertFalse(validate("").ok());
    }

    @Test
    void aControlCharacterInAnyColumnRejectsTheRowNamingTheColumn() {
        CrmValidator.Result result = validate("crm-1,A\u0000da,Lovelace,+44 7700 900201,,Europe/London,,,,,p-1,Rex,dog,"
                + "Bea\u001bgle,,,,,\n");

        assertFalse(result.ok());
        List<String> reasons = result.rejected().get(0).reasons();
        assertTrue(reasons.contains("first_name: contains a control character (U+0000)"), reasons.toString());
        assertTrue(reasons.contains("breed: contains a control character (U+001B)"), reasons.toString());
    }

    @Test
    void aValueLongerThanItsColumnAllowsIsRejected() {
        CrmValidator.Result result = validate("crm-1,Ada,Lovelace,+44 7700 900201,,Europe/London,,,,,p-1,"
                + "R".repeat(101) + ",dog,,,,,,\n");

        assertEquals(List.of("pet_name: must be at most 100 characters, was 101"),
                result.rejected().get(0).reasons());
    }

    @Test
    void theRefsColumnIsSystemIdPairsOfKnownSystems() {
        String header = "customer_id,first_name,last_name,mobile,pet_id,pet_name,species,refs\n";
        CrmValidator.Result good = CrmValidator.validate(CrmParser.csv(header
                + "crm-r,Ada,Lovelace,+447700900201,p-r,Rex,dog,stripe:cus_Q1 ; parcel:EZ1;;survey:ada@example.com\n"),
                TODAY, Set.of());
        CrmValidator.Result bad = CrmValidator.validate(CrmParser.csv(header
                + "crm-r,Ada,Lovelace,+447700900201,p-r,Rex,dog,stripe:cus_Q1;paypal:x;parcel:\n"), TODAY, Set.of());

        assertTrue(good.ok(), () -> good.rejected().toString());
        assertEquals(List.of(new CrmRef("stripe", "cus_Q1"), new CrmRef("parcel", "EZ1"),
                new CrmRef("survey", "ada@example.com")), good.rows().get(0).refs());
        assertEquals(List.of("refs: 'paypal:x' is not system:id with system stripe, parcel or survey (e.g."
                        + " stripe:cus_Q1a2;parcel:EZ1000000001)",
                "refs: 'parcel:' is not system:id with system stripe, parcel or survey (e.g."
                        + " stripe:cus_Q1a2;parcel:EZ1000000001)"), bad.rejected().get(0).reasons());
    }
}
