package io.petwatch.collector.config;

import io.petwatch.collector.signal.SignalConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Outside dev and test, refuses to start with a secret that is missing, a known placeholder or too short to be real,
 * or with a provider that lacks what it needs, naming each key. (A key with no value at all already stops Quarkus,
 * which names it: the providers and the auth token have no default outside dev and test.)
 */
@ApplicationScoped
public class ProductionSafety {
    private static final Logger LOG = Logger.getLogger(ProductionSafety.class);
    /** Values people leave in configuration by mistake. */
    static final Set<String> PLACEHOLDERS = Set.of("dev-auth-token", "changeme", "change-me", "change_me", "secret",
            "password", "placeholder", "todo", "xxx", "test", "token", "none", "null", "example");
    /** Twilio's auth tokens are 32 characters; anything much shorter is not a real one. */
    static final int MIN_SECRET_LENGTH = 16;

    private final PetwatchConfig petwatch;
    private final SignalConfig signals;
    private final Config config;

    public ProductionSafety(PetwatchConfig petwatch, SignalConfig signals, Config config) {
        this.petwatch = petwatch;
        this.signals = signals;
        this.config = config;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        if (profiles.contains("dev") || profiles.contains("test")) {
            return;
        }
        List<String> problems = new ArrayList<>(problems(Settings.of(petwatch)));
        problems.addAll(webhookSecretProblems(signals.stripe().webhookSecret(), signals.easypost().webhookSecret(),
                signals.survey().webhookSecret()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The collector will not start in profile " + profiles + ": "
                    + String.join("; ", problems));
        }
        for (String channel : List.of("sms", "email", "push")) {
            String provider = config.getValue("petwatch." + channel + ".provider", String.class);
            if (provider.equals("recording")) {
                LOG.warnf("petwatch.%s.provider=recording: %s messages are recorded, not sent", channel,
                        channel.toUpperCase(Locale.ROOT));
            }
        }
    }

    /** The settings this check reads. */
    record Settings(String smsProvider, String authToken, Optional<String> twilioAccountSid,
                    Optional<String> twilioFrom, String pushProvider, Optional<String> fcmProjectId,
                    Optional<String> fcmServiceAccountFile, String consoleSessionKey) {
        static Settings of(PetwatchConfig c) {
            return new Settings(c.sms().provider(), c.sms().authToken(), c.sms().twilio().accountSid(),
                    c.sms().twilio().from(), c.push().provider(), c.push().fcm().projectId(),
                    c.push().fcm().serviceAccountFile(), c.console().sessionKey());
        }
    }

    /** What is wrong with the production settings, each naming its key; empty when nothing is. */
    static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        secret("petwatch.sms.auth-token", "PETWATCH_SMS_AUTH_TOKEN", s.authToken()).ifPresent(problems::add);
        secret("petwatch.console.session-key", "PETWATCH_CONSOLE_SESSION_KEY", s.consoleSessionKey())
                .ifPresent(problems::add);
        if (s.smsProvider().equals("twilio")) {
            required("petwatch.sms.twilio.account-sid", "PETWATCH_SMS_TWILIO_ACCOUNT_SID", s.twilioAccountSid())
                    .ifPresent(problems::add);
            required("petwatch.sms.twilio.from", "PETWATCH_SMS_TWILIO_FROM", s.twilioFrom()).ifPresent(problems::add);
        }
        if (s.pushProvider().equals("fcm")) {
            required("petwatch.push.fcm.project-id", "PETWATCH_PUSH_FCM_PROJECT_ID", s.fcmProjectId())
                    .ifPresent(problems::add);
            required("petwatch.push.fcm.service-account-file", "PETWATCH_PUSH_FCM_SERVICE_ACCOUNT_FILE",
                    s.fcmServiceAccountFile()).ifPresent(problems::add);
        }
        return problems;
    }

    /** The retail signals' webhook signing secrets (a placeholder or a short one would let anyone forge events). */
    static List<String> webhookSecretProblems(String stripe, String easypost, String survey) {
        List<String> problems = new ArrayList<>();
        secret("petwatch.signals.stripe.webhook-secret", "PETWATCH_SIGNALS_STRIPE_WEBHOOK_SECRET", stripe)
                .ifPresent(problems::add);
        secret("petwatch.signals.easypost.webhook-secret", "PETWATCH_SIGNALS_EASYPOST_WEBHOOK_SECRET", easypost)
                .ifPresent(problems::add);
        secret("petwatch.signals.survey.webhook-secret", "PETWATCH_SIGNALS_SURVEY_WEBHOOK_SECRET", survey)
                .ifPresent(problems::add);
        return problems;
    }

    private static Optional<String> secret(String key, String env, String value) {
        String v = value.strip();
        if (PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT))) {
            return Optional.of(key + " (" + env + ") is the placeholder '" + v + "': set the real secret");
        }
        if (v.length() < MIN_SECRET_LENGTH) {
            return Optional.of(key + " (" + env + ") is " + v.length() + " characters long; a real one has at least "
                    + MIN_SECRET_LENGTH);
        }
        return Optional.empty();
    }

    private static Optional<String> required(String key, String env, Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent() ? Optional.empty()
                : Optional.of(key + " (" + env + ") is required with this provider");
    }
}
