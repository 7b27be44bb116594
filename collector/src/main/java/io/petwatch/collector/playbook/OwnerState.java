package io.petwatch.collector.playbook;

import io.petwatch.collector.outreach.ChannelPlan;
import io.petwatch.collector.customer.QuietHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the guardrails need to know about the owner when an alert arrives.
 *
 * @param messagesLast24h proactive messages of the same kind of outreach as the alert (health or device) sent or
 *                        queued to this customer in the last 24 hours, cancelled ones aside
 * @param openCase        the pet's open case, if it has one
 * @param episodeCase     the case of this alert's own episode, open or not
 * @param episodeResolved the hub already reported this episode RESOLVED (alerts may be processed out of order)
 * @param channels        the channels the owner may be reached on, in order ({@link ChannelPlan})
 * @param email           the owner's email address, if any
 * @param pushToken       the device token of the owner's PetWatch app, if they installed it
 * @param lastProactive   when the customer's latest proactive message (of any rule, any signal) left or is due to
 *                        leave, cancelled and failed ones aside: the cross-signal cap counts from it
 */
public record OwnerState(ZoneId zone, Optional<QuietHours> quietHours, int messagesLast24h,
                         Optional<CaseRef> openCase, Optional<CaseRef> episodeCase, boolean episodeResolved,
                         List<String> channels, Optional<String> email, Optional<String> pushToken,
                         Optional<Instant> lastProactive) {

    /** An owner with no proactive message on record. */
    public OwnerState(ZoneId zone, Optional<QuietHours> quietHours, int messagesLast24h,
                      Optional<CaseRef> openCase, Optional<CaseRef> episodeCase, boolean episodeResolved,
                      List<String> channels, Optional<String> email, Optional<String> pushToken) {
        this(zone, quietHours, messagesLast24h, openCase, episodeCase, episodeResolved, channels, email, pushToken,
                Optional.empty());
    }

    /** An owner with no email on file, reached by SMS if they consent to it. */
    public OwnerState(ZoneId zone, Optional<QuietHours> quietHours, boolean smsConsent, int messagesLast24h,
                      Optional<CaseRef> openCase, Optional<CaseRef> episodeCase, boolean episodeResolved) {
        this(zone, quietHours, messagesLast24h, openCase, episodeCase, episodeResolved,
                ChannelPlan.order(ChannelPlan.SMS, smsConsent, false, false), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The same owner, whose latest proactive message left (or leaves) at {@code at}. */
    public OwnerState withLastProactive(Instant at) {
        return new OwnerState(zone, quietHours, messagesLast24h, openCase, episodeCase, episodeResolved, channels,
                email, pushToken, Optional.of(at));
    }

    public OwnerState {
        channels = List.copyOf(channels);
    }

    public boolean smsConsent() {
        return channels.contains(ChannelPlan.SMS);
    }

    /** A case as the playbook sees it. */
    public record CaseRef(long id, String kind, String status) {
        /** Waiting for the owner, an agent or an operator (HELD by a fleet incident); a holdout case never is. */
        public boolean open() {
            return status.equals("AWAITING_OWNER") || status.equals("OWNER_RESPONDED") || status.equals("ESCALATED")
                    || status.equals("HELD");
        }
    }
}
