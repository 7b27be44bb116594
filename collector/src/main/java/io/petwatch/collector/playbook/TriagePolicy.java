package io.petwatch.collector.playbook;

import io.petwatch.collector.incident.FleetWatch;
import io.petwatch.collector.incident.StormPolicy;
import io.petwatch.collector.outreach.ChannelPlan;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The playbook's decisions and the guardrails owners expect, in plain Java with the time passed in, so every rule
 * can be read and tested without a container: consent, quiet hours, a daily cap per customer and kind of outreach
 * (urgent health messages pass it), one proactive message per customer per cross-signal gap (urgent health messages
 * aside), one conversation per pet (per customer, kind, subject and episode for a retail trigger), and the hold of
 * outreach that looks like a fleet fault. Collar alerts and retail triggers go through the same rules.
 *
 * @param caps   proactive messages one customer may get in any 24 hours, per kind of outreach, and the least time
 *               between two to one customer across all signals
 * @param storms when low-activity alerts of one fleet are a storm rather than sick pets
 */
public record TriagePolicy(Playbook playbook, OutreachCaps caps, StormPolicy storms) {
    private static final String ACTIVITY_DRIFT = "ACTIVITY_DRIFT";

    /** Decides an alert that is not a member of any storm under way. */
    public TriageDecision decide(TriageRequest request, Optional<OwnerState> owner, Instant now) {
        return decide(request, owner, FleetWatch.StormFacts.none(), now);
    }

    /**
     * Decides an alert.
     *
     * @param storm what is known of the alert's fleets: an open incident, or how many of their collars fire now
     */
    public TriageDecision decide(TriageRequest request, Optional<OwnerState> owner, FleetWatch.StormFacts storm,
                                 Instant now) {
        TriageDecision decision = decideForOwner(request, owner, now);
        if (decision instanceof TriageDecision.Notify notify && notify.escalateAfter().isPresent()) {
            return heldByStorm(notify, storm).orElse(decision);
        }
        return decision;
    }

    /** A vet-triage text for an alert of a fleet in a storm is held for an operator, not sent. */
    private Optional<TriageDecision> heldByStorm(TriageDecision.Notify notify, FleetWatch.StormFacts storm) {
        if (storm.openIncident().isPresent()) {
            long id = storm.openIncident().get();
            return Optional.of(new TriageDecision.HoldForIncident(notify, storm.openIncident(), Optional.empty(),
                    notify.reason() + "; held: fleet storm, engineering incident " + id + " is open until an"
                            + " operator releases or discards its outreach"));
        }
        for (FleetWatch.FleetCount c : storm.counts()) {
            if (storms.storm(c.firing(), c.known())) {
                String why = String.format(Locale.ROOT, "%d of %d known collars on %s %s started low-activity alerts"
                        + " within %d h (thresholds: %d collars, %.0f%%): more likely a %s fault than sick pets",
                        c.firing(), c.known(), c.fleet().label(), c.key(), storms.window().toHours(),
                        storms.minCollars(), storms.minShare() * 100, c.fleet().label());
                return Optional.of(new TriageDecision.HoldForIncident(notify, Optional.empty(),
                        Optional.of(new TriageDecision.NewIncident(c.fleet(), c.key(), why)),
                        notify.reason() + "; held: " + why));
            }
        }
        return Optional.empty();
    }

    private TriageDecision decideForOwner(TriageRequest request, Optional<OwnerState> owner, Instant now) {
        if (request.context().isEmpty() || owner.isEmpty()) {
            return new TriageDecision.RecordOnly(Optional.empty(), request.trigger()
                    ? "customer " + request.alert().customerId().orElse("?") + " of this " + request.source()
                            + " trigger is not known; nobody to contact"
                    : "collar " + request.collarId() + " is not linked to a pet and owner; nobody to contact", true);
        }
        OwnerState state = owner.get();
        String pet = request.about();
        if (!request.firing()) {
            return resolved(state, pet, request);
        }
        if (state.episodeResolved()) {
            return new TriageDecision.RecordRecovered(request.trigger()
                    ? pet + " was already resolved (its RESOLVED trigger was decided first): case recorded as"
                            + " resolved, no outreach"
                    : pet + " had already recovered (the hub's RESOLVED for this episode was decided first): case"
                            + " recorded as resolved, no outreach");
        }
        Optional<Playbook.Rule> found = playbook.ruleFor(request.kind(), request.severity());
        if (found.isEmpty()) {
            return new TriageDecision.RecordOnly(Optional.empty(), "no playbook rule for " + request.kind() + " "
                    + request.severity() + " alerts", false);
        }
        Playbook.Rule rule = found.get();
        Optional<OwnerState.CaseRef> wellness = state.openCase().filter(open -> healthOverWellnessCheck(request, rule, open));
        if (state.openCase().isPresent() && wellness.isEmpty()) {
            OwnerState.CaseRef open = state.openCase().get();
            return new TriageDecision.GroupIntoCase(open.id(), String.format(Locale.ROOT,
                    "%s already has an open %s case (%s): alert added to it, no new message", pet, open.kind(),
                    open.status().toLowerCase(Locale.ROOT)));
        }
        if (request.trigger() && state.episodeCase().isPresent()) {
            OwnerState.CaseRef had = state.episodeCase().get();
            return new TriageDecision.RecordOnly(Optional.of(had.id()), pet + " already had its " + had.kind()
                    + " case (" + had.status().toLowerCase(Locale.ROOT) + "): one case per customer, kind,"
                    + " subject and episode, so no new outreach", false);
        }
        String what = request.kind().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + request.severity()
                .toLowerCase(Locale.ROOT) + "): " + request.summary() + wellness.map(open -> "; " + pet
                + "'s open wellness check (case " + open.id() + ") does not hold back a vet-triage text").orElse("");
        boolean urgent = rule.vetTriage() && "HIGH".equals(request.severity());
        // Device nudges were never part of the experiment; health and retail service messages are, holdout included.
        boolean experimented = rule.outreach() != Playbook.Outreach.DEVICE;
        String group = experimented
                ? playbook.experiment().assign(request.context().get().owner().customerId()) : "base";
        if (group.equals(Experiment.HOLDOUT) && !urgent) {
            return new TriageDecision.Holdout(what + "; the customer is in experiment " + playbook.experiment().name()
                    + "'s holdout group: no proactive outreach, the case is kept to measure lift");
        }
        // A holdout may withhold a variant's wording, never an urgent alert: the customer gets the base script.
        String variant = group.equals(Experiment.HOLDOUT) ? "base" : group;
        String holdoutNote = group.equals(Experiment.HOLDOUT) ? " (holdout customer: a HIGH alert is never held out,"
                + " so the base script)" : "";
        String script = playbook.scriptFor(rule.script(), variant);
        Optional<TriageDecision.Channel> channel = channel(state, request);
        if (channel.isEmpty()) {
            return unreachable(rule, variant, what + "; the owner has opted out of texts and has no consented email",
                    ", so an agent reaches out instead", what + "; owner opted out of texts: no nudge");
        }
        int cap = caps.forRule(rule);
        if (state.messagesLast24h() >= cap && !urgent) {
            String capped = String.format(Locale.ROOT, "; capped: the customer already had %d %s messages in 24 h"
                    + " (cap %d)", state.messagesLast24h(), OutreachCaps.kindOf(rule), cap);
            return unreachable(rule, variant, what + capped, ", so an agent decides", what + capped + ": no nudge");
        }
        SendTime.Timing timing = new SendTime(caps.crossSignalGap()).of(rule, urgent, state, now);
        String plan = rule.agentCall() ? "; an agent calls the customer now (a task to call is open on the case)"
                : rule.escalateAfter().map(d -> "; an agent takes over if there is no reply within "
                + d.toHours() + " h of sending").orElse("; a nudge, no follow-up");
        String capNote = urgent && state.messagesLast24h() >= cap
                ? " (past the daily cap of " + cap + " health messages: urgent ones go through)" : "";
        String experiment = experimented && !playbook.experiment().name().equals("none")
                ? " (experiment " + playbook.experiment().name() + ", variant " + variant + ")" : "";
        String via = channel.get().name().equals(ChannelPlan.SMS) ? "" : " by " + channel.get().name().toLowerCase(
                Locale.ROOT) + (state.smsConsent() ? " (the owner's preferred channel)" : " (the owner opted out of texts)");
        String makeGood = rule.makeGood().map(m -> "; make-good: " + m.offer() + " worth " + m.amountCents()
                + " cents as a credit, granted by the automation within the credit caps, else for a supervisor to"
                + " approve").orElse("");
        return new TriageDecision.Notify(script, timing.sendAt(), rule.escalateAfter(), variant, channel.get(),
                what + "; script " + script + experiment + holdoutNote + via + " " + timing.words() + capNote + plan
                        + makeGood, rule.makeGood(), rule.agentCall());
    }

    /**
     * No message can go (no channel, or past the cap): vet triage and a service recovery call go to an agent, a
     * nudge or a service message is only recorded.
     */
    private static TriageDecision unreachable(Playbook.Rule rule, String variant, String why, String toAgent,
                                              String noNudge) {
        if (rule.vetTriage()) {
            return new TriageDecision.EscalateToAgent(variant, why + toAgent);
        }
        if (rule.agentCall()) {
            return new TriageDecision.EscalateToAgent(variant, why + ": no message, an agent calls the customer",
                    false, true);
        }
        return new TriageDecision.RecordOnly(Optional.empty(), noNudge, false);
    }

    /**
     * A month's slow decline is a gentle wellness check that stays open for days; lethargy or restless nights for the
     * same pet meanwhile are news, not a detail to fold into it without a word: they get their own case and text.
     */
    private static boolean healthOverWellnessCheck(TriageRequest request, Playbook.Rule rule, OwnerState.CaseRef open) {
        return open.kind().equals(ACTIVITY_DRIFT) && !request.kind().equals(ACTIVITY_DRIFT) && rule.vetTriage();
    }

    /** The first channel of the owner's plan, with its address. */
    private static Optional<TriageDecision.Channel> channel(OwnerState state, TriageRequest request) {
        return state.channels().stream().findFirst().map(c -> new TriageDecision.Channel(c, ChannelPlan.recipient(c,
                request.context().orElseThrow().owner().phone(), state.email(), state.pushToken())));
    }

    private TriageDecision resolved(OwnerState state, String pet, TriageRequest request) {
        Optional<OwnerState.CaseRef> episode = state.episodeCase().filter(OwnerState.CaseRef::open);
        if (episode.isEmpty()) {
            return new TriageDecision.RecordOnly(Optional.empty(), pet + (request.trigger() ? " resolved" : " recovered")
                    + "; no open case to close", false);
        }
        OwnerState.CaseRef c = episode.get();
        if (request.trigger()) {
            // The customer sees the outcome themselves (the payment went through, the parcel came): nothing to say,
            // and an agent who was to call need not.
            return new TriageDecision.CloseCase(c.id(), Optional.empty(), Optional.empty(), pet + " resolved ("
                    + request.summary() + "): case closed" + (c.status().equals("ESCALATED")
                    ? ", its agent need not call" : "") + "; any message not yet sent is cancelled");
        }
        if (c.status().equals("ESCALATED")) {
            return new TriageDecision.RecordOnly(Optional.of(c.id()), pet + " recovered (" + request.summary()
                    + "); the case stays with its agent, who sees this", false);
        }
        if (c.status().equals("HELD")) {
            return new TriageDecision.CloseCase(c.id(), Optional.empty(), Optional.empty(), pet + " recovered ("
                    + request.summary() + ") while outreach was held by a fleet incident: case closed, the held text"
                    + " never goes out");
        }
        Optional<TriageDecision.Channel> channel = channel(state, request);
        boolean tell = channel.isPresent() && playbook.ruleFor(request.kind(), request.severity())
                .map(Playbook.Rule::vetTriage).orElse(false);
        return new TriageDecision.CloseCase(c.id(), tell ? Optional.of("feeling-better") : Optional.empty(), channel,
                pet + " recovered (" + request.summary() + "): case closed, timer cancelled"
                        + (tell ? ", owner told" : ""));
    }
}
