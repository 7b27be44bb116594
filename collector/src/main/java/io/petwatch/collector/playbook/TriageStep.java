package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.ingest.AcceptedAlert;
import io.petwatch.collector.incident.StormGuard;
import io.petwatch.collector.outreach.MessageScripts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the {@link TriagePolicy}'s decisions in a single transaction: each case, its audit events and its queued
 * message commit together, so a crash never leaves a decision without its message or the reverse.
 */
@ApplicationScoped
public class TriageStep {
    private final TriagePolicy policy;
    private final CaseStore cases;
    private final MessageScripts scripts;
    private final Credits credits;
    private final StormGuard storms;
    private final CustomerDirectory directory;
    private final Clock clock;

    public TriageStep(TriagePolicy policy, CaseStore cases, MessageScripts scripts, Credits credits, StormGuard storms,
                      CustomerDirectory directory, Clock clock) {
        this.policy = policy;
        this.cases = cases;
        this.scripts = scripts;
        this.credits = credits;
        this.storms = storms;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Decides a batch of alerts in one transaction. The owners' locks are taken together, in one order, so batches
     * running side by side cannot deadlock; alerts of one owner are decided in arrival order.
     */
    @Transactional
    public List<TriageDecision> applyAll(List<AcceptedAlert> alerts) {
        Map<String, AlertContext> contexts = directory.forCollars(alerts.stream().map(AcceptedAlert::collarId)
                .distinct().toList());
        cases.lockCustomers(contexts.values().stream().map(c -> c.owner().customerId()).toList());
        List<CaseStore.Event> events = new ArrayList<>();
        List<CaseStore.AlertMark> marks = new ArrayList<>();
        List<TriageDecision> decisions = new ArrayList<>();
        for (AcceptedAlert accepted : alerts) {
            TriageRequest request = new TriageRequest(accepted, Optional.ofNullable(contexts.get(accepted.collarId())));
            TriageDecision decision = apply(request, events);
            String status = decision instanceof TriageDecision.RecordOnly r && r.unmatched() ? "UNMATCHED" : "TRIAGED";
            marks.add(new CaseStore.AlertMark(request.alertId(), status, decision.reason()));
            decisions.add(decision);
        }
        cases.events(events);
        cases.markAlerts(marks);
        return decisions;
    }

    private TriageDecision apply(TriageRequest request, List<CaseStore.Event> events) {
        Instant now = clock.instant();
        TriageDecision decision = policy.decide(request, cases.ownerState(request), now);
        String alert = "alert " + request.alertId() + " (" + request.kind() + " " + request.state() + " "
                + request.severity() + ", detected " + request.detectedAt() + ")";
        if (decision instanceof TriageDecision.Notify notify) {
            AlertContext context = request.context().orElseThrow();
            String status = notify.escalateAfter().isPresent() ? "AWAITING_OWNER" : "CLOSED";
            long caseId = cases.openCase(request, context, status, notify.variant(), notify.reason(),
                    notify.escalateAfter(), Optional.empty());
            events.add(new CaseStore.Event(caseId, "OPENED", alert + ": " + notify.reason()));
            String text = scripts.render(notify.script(), context, request, caseId);
            Optional<Long> incident = notify.escalateAfter().isPresent()
                    ? storms.holdingIncident(request, now) : Optional.empty();
            String channel = notify.channel().name();
            if (incident.isPresent()) {
                cases.holdForIncident(caseId, incident.get(), channel, context.owner().customerId(),
                        notify.channel().recipient(), notify.script(), text, notify.sendAt(), notify.reason());
                events.add(new CaseStore.Event(caseId, "HELD_FOR_INCIDENT", "fleet storm: outreach held by"
                        + " engineering incident " + incident.get() + " until an operator releases or discards it"));
            } else if (cases.queueMessage(channel, Optional.of(caseId), context.owner().customerId(),
                    notify.channel().recipient(), notify.script(), text, notify.sendAt(), notify.reason())) {
                events.add(new CaseStore.Event(caseId, "MESSAGE_QUEUED", channel + " from script " + notify.script()
                        + " to leave at " + notify.sendAt()));
            }
        } else if (decision instanceof TriageDecision.EscalateToAgent escalate) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "ESCALATED", escalate.variant(),
                    escalate.reason(), Optional.empty(), Optional.empty());
            events.add(new CaseStore.Event(caseId, "ESCALATED", alert + ": " + escalate.reason()
                    + "; offer a free teletriage credit"));
            cases.events(events); // the credit writes its own event, which must come after these
            events.clear();
            credits.offerTeletriage(caseId);
        } else if (decision instanceof TriageDecision.Holdout holdout) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "HOLDOUT", Experiment.HOLDOUT,
                    holdout.reason(), Optional.empty(), Optional.empty());
            events.add(new CaseStore.Event(caseId, "HOLDOUT", alert + ": " + holdout.reason()));
        } else if (decision instanceof TriageDecision.RecordRecovered recovered) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "RESOLVED", "base",
                    recovered.reason(), Optional.empty(), Optional.empty());
            events.add(new CaseStore.Event(caseId, "RESOLVED", alert + ": " + recovered.reason()));
        } else if (decision instanceof TriageDecision.GroupIntoCase group) {
            events.add(new CaseStore.Event(group.caseId(), "ALERT_GROUPED", alert + ": " + group.reason()));
        } else if (decision instanceof TriageDecision.CloseCase close) {
            if (cases.close(close.caseId(), "RESOLVED", close.reason(), Optional.of("hub"))) {
                cases.dropHeldMessages(close.caseId(), "not sent: the pet recovered first");
                events.add(new CaseStore.Event(close.caseId(), "RESOLVED", alert + ": " + close.reason()));
                close.script().ifPresent(script -> close.channel().ifPresent(channel -> {
                    AlertContext context = request.context().orElseThrow();
                    cases.queueMessage(channel.name(), Optional.of(close.caseId()), context.owner().customerId(),
                            channel.recipient(), script, scripts.render(script, context, request, close.caseId()),
                            now, close.reason());
                    events.add(new CaseStore.Event(close.caseId(), "MESSAGE_QUEUED", channel.name() + " from script "
                            + script));
                }));
            }
        } else if (decision instanceof TriageDecision.RecordOnly record) {
            record.caseId().ifPresent(id -> events.add(new CaseStore.Event(id, "NOTED",
                    alert + ": " + record.reason())));
        }
        return decision;
    }
}
