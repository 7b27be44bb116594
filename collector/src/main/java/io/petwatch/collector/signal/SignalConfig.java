package io.petwatch.collector.signal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The retail signals' settings (environment: PETWATCH_SIGNALS_STRIPE_WEBHOOK_SECRET and so on). The webhook secrets
 * have no default outside dev and test: without them the collector does not start, and names the key.
 */
@ConfigMapping(prefix = "petwatch.signals")
public interface SignalConfig {
    /** Stripe's webhook (POST /webhooks/stripe). */
    Stripe stripe();

    /** EasyPost's tracker webhook (POST /webhooks/easypost). */
    EasyPost easypost();

    /** The post-delivery survey's webhook, Typeform-shaped (POST /webhooks/survey). */
    Survey survey();

    interface Stripe {
        /** The endpoint's signing secret from Stripe's dashboard (whsec_...). */
        String webhookSecret();

        /** How far a Stripe-Signature's timestamp may be from now; Stripe's libraries use 5 minutes. */
        @WithDefault("PT5M")
        Duration tolerance();
    }

    interface EasyPost {
        /** The webhook_secret set on the EasyPost webhook; EasyPost signs X-Hmac-Signature with it. */
        String webhookSecret();
    }

    interface Survey {
        /** The secret set on the Typeform webhook; Typeform signs Typeform-Signature with it. */
        String webhookSecret();
    }
}
