package io.petwatch.collector.console.pages;

import java.util.List;
import java.util.Optional;

/**
 * What the agent narrowed the queue to. Every field comes from the page's filter form; an unknown value is ignored
 * rather than refused, so an old bookmark still opens the queue.
 *
 * @param kind     an alert kind (LOW_ACTIVITY, RESTLESS...) or REPLY for owners' replies without a case
 * @param severity HIGH, MEDIUM or LOW
 * @param held     only cases held by a fleet storm
 * @param mine     only what the signed-in agent has taken
 */
public record QueueFilter(Optional<String> kind, Optional<String> severity, boolean held, boolean mine) {
    static final List<String> SEVERITIES = List.of("HIGH", "MEDIUM", "LOW");

    static QueueFilter of(String kind, String severity, String held, String mine) {
        return new QueueFilter(word(kind), word(severity).filter(SEVERITIES::contains), "on".equals(held) || "true".equals(held),
                "on".equals(mine) || "true".equals(mine));
    }

    private static Optional<String> word(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> v.matches("[A-Z_]{1,40}"));
    }

    boolean admits(QueueItem item, String user) {
        return kind.map(k -> k.equals(item.kind())).orElse(true)
                && severity.map(s -> item.severity().filter(s::equals).isPresent()).orElse(true)
                && (!held || item.heldByStorm())
                && (!mine || item.heldBy(user));
    }
}
