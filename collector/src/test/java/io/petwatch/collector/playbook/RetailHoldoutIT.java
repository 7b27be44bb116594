package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TriggerScenario;
import io.petwatch.collector.testing.TriggerScenario.Customer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The experiment's holdout applies to retail triggers as to vet triage: with every customer held out (the shipped
 * playbook with holdout_percent 100), a failed card opens a HOLDOUT case to measure lift and texts nobody.
 */
@QuarkusTest
@TestProfile(RetailHoldoutIT.EveryoneHeldOut.class)
class RetailHoldoutIT {
    /** The shipped playbook, with every customer in the holdout group. */
    public static class EveryoneHeldOut implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (InputStream in = RetailHoldoutIT.class.getClassLoader()
                    .getResourceAsStream("playbook/playbook.yaml")) {
                String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String heldOut = shipped.replace("holdout_percent: 0", "holdout_percent: 100");
                if (heldOut.equals(shipped)) {
                    throw new IllegalStateException("the shipped playbook no longer says holdout_percent: 0");
                }
                Path file = Files.createTempFile("playbook-held-out", ".yaml");
                file.toFile().deleteOnExit();
                Files.writeString(file, heldOut);
                return Map.of("petwatch.playbook.location", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    TriggerScenario given;

    @Test
    void aHeldOutCustomersFailedCardIsRecordedForLiftAndTextsNobody() {
        Customer robin = given.customer();
        String alert = given.raise(robin, "PAYMENT_FAILED_AGAIN", "sub_h" + robin.id(), Map.of("amount", 1999));

        assertEquals("TRIAGED", given.decided(alert)[0]);
        TriggerScenario.Case held = given.caseOf(robin, "PAYMENT_FAILED_AGAIN", "sub_h" + robin.id());
        assertEquals("HOLDOUT", held.status());
        assertTrue(held.decision().contains("holdout group"), held.decision());
        assertTrue(given.messages(held.id()).isEmpty());
        assertTrue(given.textsTo(robin.phone()).isEmpty());
    }
}
