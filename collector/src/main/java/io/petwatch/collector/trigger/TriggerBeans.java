package io.petwatch.collector.trigger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Produces the plain-Java rules from their configuration and the comment reader (ClassifiedCommentTone unless a test swaps it). */
@ApplicationScoped
public class TriggerBeans {
    private static final Logger LOG = Logger.getLogger(TriggerBeans.class);

    @Produces
    @Singleton
    TriggerRules rules(TriggerConfig config, CommentTone tone) {
        return new TriggerRules(config.thresholds(), Optional.of(tone));
    }

    /** Builds the rules at start, so a wrong threshold stops the collector then, naming the key, not at first use. */
    void check(@Observes StartupEvent event, TriggerRules rules) {
        LOG.debugf("Trigger rules ready: %s", rules);
    }
}
