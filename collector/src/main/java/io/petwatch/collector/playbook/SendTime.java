package io.petwatch.collector.playbook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a proactive message may leave, and why then: at once, after the owner's quiet hours, or after the cross-signal
 * gap since the customer's last proactive message (omnichannel coordination: a late parcel and a failed card in the
 * same hour make one text now and one later, not two at once). An urgent health message waits for neither.
 *
 * @param crossSignalGap the least time between two proactive messages to one customer, across every signal
 */
record SendTime(Duration crossSignalGap) {
    /** The time a message leaves and the words the case's decision gives for it. */
    record Timing(Instant sendAt, String words) {
    }

    Timing of(Playbook.Rule rule, boolean urgent, OwnerState state, Instant now) {
        Instant sendAt = now;
        String words = "sent at once";
        Optional<Instant> quietEnd = quietEnd(state, now);
        if (quietEnd.isPresent()) {
            if (rule.overridesQuietHours()) {
                words = "sent at once despite the owner's quiet hours (" + state.quietHours().get() + "): urgent";
            } else {
                sendAt = quietEnd.get();
                words = "held for the owner's quiet hours (" + state.quietHours().get() + " " + state.zone()
                        + ") until " + sendAt;
            }
        }
        if (urgent || state.lastProactive().isEmpty()) {
            return new Timing(sendAt, words);
        }
        Instant last = state.lastProactive().get();
        Instant free = last.plus(crossSignalGap);
        if (!free.isAfter(sendAt)) {
            return new Timing(sendAt, words);
        }
        // The gap may end inside the quiet hours: then the message waits for their end as well.
        Optional<Instant> quietThen = rule.overridesQuietHours() ? Optional.empty() : quietEnd(state, free);
        Instant at = quietThen.orElse(free);
        return new Timing(at, "held by the cross-signal cap: the customer's last proactive message left (or leaves)"
                + " at " + last + " and they get at most one per " + crossSignalGap + " across all signals, so this"
                + " one leaves at " + at + quietThen.map(q -> " (the end of their quiet hours then)").orElse(""));
    }

    private static Optional<Instant> quietEnd(OwnerState state, Instant at) {
        return state.quietHours().flatMap(q -> q.endOfQuiet(at, state.zone()));
    }
}
