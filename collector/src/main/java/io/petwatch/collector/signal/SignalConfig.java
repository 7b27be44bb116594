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

    /** AfterShip's tracking webhook (POST /webhooks/aftership), for retailers whose parcels AfterShip tracks. */
    AfterShip aftership();

    /**
     * How far back a CRM import looks for events kept with an unknown customer, to join them now that the import
     * may name that customer (older ones stay as they are: news that old is not worth a first text).
     */
    @WithDefault("P7D")
    Duration rejoinWindow();

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

    interface AfterShip {
        /** The AfterShip webhook secret; unset, POST /webhooks/aftership answers 404 (not every retailer uses it). */
        java.util.Optional<String> webhookSecret();
    }

    interface Survey {
        /** The secret set on the Typeform webhook; Typeform signs Typeform-Signature with it. */
        String webhookSecret();
    }
}
