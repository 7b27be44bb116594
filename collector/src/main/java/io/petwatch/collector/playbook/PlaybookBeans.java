package io.petwatch.collector.playbook;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.incident.StormPolicy;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Produces the plain-Java playbook pieces (policy, credits, storm thresholds) and the clock (tests replace it). */
@ApplicationScoped
public class PlaybookBeans {
    @Produces
    @Singleton
    TriagePolicy policy(MessageScripts scripts, PetwatchConfig config, StormPolicy storms) {
        return new TriagePolicy(scripts.playbook(), new OutreachCaps(config.triage().maxMessagesPerCustomerPerDay(),
                config.triage().maxDeviceNudgesPerCustomerPerDay(), config.caps().maxServiceMessagesPerCustomerPerDay(),
                config.caps().crossSignalGap()), storms);
    }

    @Produces
    @Singleton
    CreditPolicy credits(PetwatchConfig config) {
        return new CreditPolicy(config.credits().capCents(), config.credits().customerCapCents(),
                config.credits().customerPeriod(), config.credits().teletriageCents());
    }

    @Produces
    @Singleton
    StormPolicy storms(PetwatchConfig config) {
        return new StormPolicy(config.storm().window(), config.storm().minCollars(), config.storm().minShare());
    }

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
