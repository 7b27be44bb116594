package io.petwatch.collector.trigger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Detection of retail triggers from signal events (environment: PETWATCH_TRIGGERS_PARCEL_NO_SCAN_AFTER and so on). */
@ConfigMapping(prefix = "petwatch.triggers")
public interface TriggerConfig {
    /** Detection tasks on this instance, each claiming batches of stored signal events; 0: this instance only stores. */
    @WithDefault("1")
    int workers();

    /** Signal events one detection transaction claims and decides. */
    @WithDefault("100")
    int batchSize();

    /** How often an idle detection task looks for newly stored signal events. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How often the sweep looks for parcels whose time ran out with nothing further heard (no scan, stuck). */
    @WithDefault("PT5M")
    Duration sweepInterval();

    /** The sweep looks at parcels with an update this recent: keep it above the international transit limit. */
    @WithDefault("P30D")
    Duration sweepHorizon();

    /** Parcels handed to one sweep transaction. */
    @WithDefault("200")
    int sweepBatchSize();

    Parcel parcel();

    Survey survey();

    Payment payment();

    interface Parcel {
        /** No carrier scan this long after the label was created raises PARCEL_NO_SCAN. */
        @WithDefault("PT48H")
        Duration noScanAfter();

        /** A domestic parcel in transit longer than this (from its first scan) raises PARCEL_STUCK. */
        @WithDefault("P5D")
        Duration domesticTransit();

        /** An international parcel in transit longer than this raises PARCEL_STUCK. */
        @WithDefault("P10D")
        Duration internationalTransit();
    }

    interface Survey {
        /** On a 0..10 scale, a score at or below this raises SURVEY_UNHAPPY (NPS detractors are 0-6). */
        @WithDefault("6")
        int detractorMax();

        /** On any other scale, a score in this lowest share of it raises SURVEY_UNHAPPY (0.3: 1-2 of 1..5). */
        @WithDefault("0.3")
        double lowShare();
    }

    interface Payment {
        /** Attempts the payment provider makes per invoice (Stripe's Smart Retries: 4), to tell retries left. */
        @WithDefault("4")
        int maxAttempts();
    }

    default Thresholds thresholds() {
        return new Thresholds(parcel().noScanAfter(), parcel().domesticTransit(), parcel().internationalTransit(),
                survey().detractorMax(), survey().lowShare(), payment().maxAttempts());
    }
}
