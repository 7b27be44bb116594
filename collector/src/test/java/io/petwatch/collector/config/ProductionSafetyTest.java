package io.petwatch.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a production collector refuses to start with, each problem naming its key. */
class ProductionSafetyTest {
    private static final String REAL_TOKEN = "9f86d081884c7d659a2feaa0c55ad015";
    private static final String REAL_SESSION_KEY = "4b227777d4dd1fc61c6f884f48641d02";

    private static ProductionSafety.Settings recording(String token) {
        return new ProductionSafety.Settings("recording", token, Optional.empty(), Optional.empty(), "recording",
                Optional.empty(), Optional.empty(), REAL_SESSION_KEY);
    }

    @Test
    void aRealLookingSecretPasses() {
        assertEquals(List.of(), ProductionSafety.problems(recording(REAL_TOKEN)));
    }

    @Test
    void theDevelopmentTokenAndOtherPlaceholdersAreRefusedByName() {
        for (String placeholder : List.of("dev-auth-token", "changeme", "CHANGE-ME", " secret ")) {
            List<String> problems = ProductionSafety.problems(recording(placeholder));
            assertEquals(1, problems.size(), placeholder);
            assertTrue(problems.get(0).startsWith("petwatch.sms.auth-token (PETWATCH_SMS_AUTH_TOKEN) is the"
                    + " placeholder"), problems.get(0));
        }
    }

    @Test
    void aSecretTooShortToBeRealIsRefused() {
        List<String> problems = ProductionSafety.problems(recording("abc123"));
        assertEquals(List.of("petwatch.sms.auth-token (PETWATCH_SMS_AUTH_TOKEN) is 6 characters long; a real one has"
                + " at least 16"), problems);
    }

    @Test
    void twilioAndFcmNeedTheirAccountsNamed() {
        List<String> problems = ProductionSafety.problems(new ProductionSafety.Settings("twilio", REAL_TOKEN,
                Optional.empty(), Optional.of(" "), "fcm", Optional.of("petwatch-prod"), Optional.empty(), REAL_SESSION_KEY));
        assertEquals(List.of(
                "petwatch.sms.twilio.account-sid (PETWATCH_SMS_TWILIO_ACCOUNT_SID) is required with this provider",
                "petwatch.sms.twilio.from (PETWATCH_SMS_TWILIO_FROM) is required with this provider",
                "petwatch.push.fcm.service-account-file (PETWATCH_PUSH_FCM_SERVICE_ACCOUNT_FILE) is required with this"
                        + " provider"), problems);
    }

    @Test
    void theConsolesSessionKeyIsASecretLikeAnyOther() {
        List<String> problems = ProductionSafety.problems(new ProductionSafety.Settings("recording", REAL_TOKEN,
                Optional.empty(), Optional.empty(), "recording", Optional.empty(), Optional.empty(), "changeme"));
        assertEquals(List.of("petwatch.console.session-key (PETWATCH_CONSOLE_SESSION_KEY) is the placeholder"
                + " 'changeme': set the real secret"), problems);
    }

    @Test
    void theSignalWebhookSecretsAreSecretsLikeAnyOther() {
        assertEquals(List.of(), ProductionSafety.webhookSecretProblems("whsec_" + REAL_TOKEN, REAL_TOKEN,
                REAL_SESSION_KEY));
        assertEquals(List.of("petwatch.signals.stripe.webhook-secret (PETWATCH_SIGNALS_STRIPE_WEBHOOK_SECRET) is the"
                        + " placeholder 'changeme': set the real secret",
                "petwatch.signals.survey.webhook-secret (PETWATCH_SIGNALS_SURVEY_WEBHOOK_SECRET) is 5 characters"
                        + " long; a real one has at least 16"),
                ProductionSafety.webhookSecretProblems("changeme", REAL_TOKEN, "short"));
    }
}
