package io.petwatch.collector.playbook;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.outreach.MessageScripts;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Produces the plain-Java playbook pieces for injection, and the clock (tests replace it). */
@ApplicationScoped
public class PlaybookBeans {
    @Produces
    @Singleton
    TriagePolicy policy(MessageScripts scripts, PetwatchConfig config) {
        return new TriagePolicy(scripts.playbook(), config.triage().maxMessagesPerCustomerPerDay());
    }

    @Produces
    @Singleton
    CreditPolicy credits(PetwatchConfig config) {
        return new CreditPolicy(config.credits().capCents(), config.credits().teletriageCents());
    }

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
