package io.petwatch.collector.signal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A payment event for a Stripe customer the retailer had not registered is kept with its reason; the CRM import
 * that names that Stripe customer joins it, and detection decides it then. An event older than the re-join window
 * keeps its reason.
 */
@QuarkusTest
class SignalRejoinIT {
    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,breed,birth_date,weight_kg,vet_clinic,"
            + "collar_id,hub_id,refs\n";

    @Inject
    SignalIntake intake;
    @Inject
    Jdbc jdbc;

    @Test
    void anUnknownCustomersEventIsJoinedWhenTheCrmImportNamesThem() {
        String tag = SignalRows.tag();
        String stripeCustomer = "cus_RJ" + tag;
        givenAPaymentFailureFor(stripeCustomer, "evt_rj" + tag);
        givenAPaymentFailureFor(stripeCustomer, "evt_rjold" + tag);
        jdbc.update("UPDATE signal_events SET received_at = now() - interval '8 days' WHERE event_id = ?",
                "evt_rjold" + tag);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("evt_rj" + tag).equals("UNMATCHED"));

        String customer = "crm-rj-" + tag;
        whenTheCrmImports(customer, "stripe:" + stripeCustomer);

        await().atMost(Duration.ofSeconds(20)).until(() -> status("evt_rj" + tag).equals("DETECTED"));
        SignalRows.Row joined = SignalRows.row(jdbc, "stripe", "evt_rj" + tag);
        assertEquals(Optional.of(customer), joined.customerId());
        assertEquals(Optional.empty(), joined.unmatchedReason());
        SignalRows.Row old = SignalRows.row(jdbc, "stripe", "evt_rjold" + tag);
        assertEquals(Optional.empty(), old.customerId(), "older than the re-join window");
        assertTrue(old.unmatchedReason().orElseThrow().contains(stripeCustomer), old.unmatchedReason().toString());
    }

    private void givenAPaymentFailureFor(String stripeCustomer, String eventId) {
        byte[] body = Samples.text(Samples.STRIPE_PAYMENT_FAILED).replace("cus_PWdemo0001", stripeCustomer)
                .replace("evt_1QdemoFailed0002", eventId).getBytes(StandardCharsets.UTF_8);
        IntakeResult stored = intake.accept("stripe", body, Via.WEBHOOK);
        assertEquals(IntakeResult.Outcome.STORED, stored.outcome());
        assertEquals(Optional.empty(), stored.customerId());
    }

    private static void whenTheCrmImports(String customer, String refs) {
        String mobile = "+44 7700 9" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        String file = HEADER + customer + ",Rae,Joiner," + mobile + ",,Europe/London,SMS,yes,no,,pet-" + customer
                + ",Pip,dog,,,,,,," + refs + "\n";
        Staff.as("crm-sync").contentType("text/csv").body(file).post("/api/v1/customers/import").then()
                .statusCode(200);
    }

    private String status(String eventId) {
        return SignalRows.row(jdbc, "stripe", eventId).status();
    }
}
