package io.petwatch.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The collector's own settings (environment: PETWATCH_TRIAGE_ESCALATE_AFTER and so on). */
@ConfigMapping(prefix = "petwatch")
public interface PetwatchConfig {
    Seed seed();

    Ingest ingest();

    Triage triage();

    interface Seed {
        /** Sample data to load at start-up: {@code classpath:seed/demo-seed.json} or a file path; unset loads nothing. */
        Optional<String> location();
    }

    interface Ingest {
        /** Most alerts accepted in one hub upload; larger batches get a 413. */
        @WithDefault("500")
        int maxAlertsPerBatch();
    }

    interface Triage {
        /** Vet booking page; the SMS links to it with the pet and case appended. */
        @WithDefault("https://vets.petwatch.example/book")
        String bookingUrl();

        /** How long the owner has to answer the SMS before a support agent takes the case. */
        @WithDefault("PT4H")
        Duration escalateAfter();

        /** SMS a customer may get from PetWatch in any 24 hours; past it, cases go straight to an agent. */
        @WithDefault("3")
        int maxSmsPerCustomerPerDay();
    }
}
