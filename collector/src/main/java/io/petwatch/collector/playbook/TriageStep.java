package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.incident.StormGuard;
import io.petwatch.collector.outreach.MessageScripts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies the {@link TriagePolicy}'s decision for one alert in a single transaction: the case, its audit events and
 * its queued message commit together, so a crash never leaves a decision without its message or the reverse.
 */
@ApplicationScoped
public class TriageStep {
    private static final Logger LOG = Logger.getLogger(TriageStep.class);

    private final TriagePolicy policy;
    private final CaseStore cases;
    private final MessageScripts scripts;
    private final Credits credits;
    private final StormGuard storms;
    private final Clock clock;

    public TriageStep(TriagePolicy policy, CaseStore cases, MessageScripts scripts, Credits credits, StormGuard storms,
                      Clock clock) {
        this.policy = policy;
        this.cases = cases;
        this.scripts = scripts;
        this.credits = credits;
        this.storms = storms;
        this.clock = clock;
    }

    @Transactional
    public TriageDecision apply(TriageRequest request) {
        Instant now = clock.instant();
        TriageDecision decision = policy.decide(request, cases.ownerState(request), now);
        String alert = "alert " + request.alertId() + " (" + request.kind() + " " + request.state() + " "
                + request.severity() + ", detected " + request.detectedAt() + ")";
        if (decision instanceof TriageDecision.Notify notify) {
            AlertContext context = request.context().orElseThrow();
            String status = notify.escalateAfter().isPresent() ? "AWAITING_OWNER" : "CLOSED";
            long caseId = cases.openCase(request, context, status, notify.variant(), notify.reason(),
                    notify.escalateAfter(), Optional.empty());
            cases.event(caseId, "OPENED", alert + ": " + notify.reason());
            String text = scripts.render(notify.script(), context, request, caseId);
            Optional<Long> incident = notify.escalateAfter().isPresent()
                    ? storms.holdingIncident(request, now) : Optional.empty();
            String channel = notify.channel().name();
            if (incident.isPresent()) {
                cases.holdForIncident(caseId, incident.get(), channel, context.owner().customerId(),
                        notify.channel().recipient(), notify.script(), text, notify.sendAt(), notify.reason());
                cases.event(caseId, "HELD_FOR_INCIDENT", "fleet storm: outreach held by engineering incident "
                        + incident.get() + " until an operator releases or discards it");
            } else if (cases.queueMessage(channel, Optional.of(caseId), context.owner().customerId(),
                    notify.channel().recipient(), notify.script(), text, notify.sendAt(), notify.reason())) {
                cases.event(caseId, "MESSAGE_QUEUED", channel + " from script " + notify.script() + " to leave at "
                        + notify.sendAt());
            }
        } else if (decision instanceof TriageDecision.EscalateToAgent escalate) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "ESCALATED", escalate.variant(),
                    escalate.reason(), Optional.empty(), Optional.empty());
            cases.event(caseId, "ESCALATED", alert + ": " + escalate.reason()
                    + "; offer a free teletriage credit");
            credits.offerTeletriage(caseId);
        } else if (decision instanceof TriageDecision.Holdout holdout) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "HOLDOUT", Experiment.HOLDOUT,
                    holdout.reason(), Optional.empty(), Optional.empty());
            cases.event(caseId, "HOLDOUT", alert + ": " + holdout.reason());
        } else if (decision instanceof TriageDecision.RecordRecovered recovered) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "RESOLVED", "base",
                    recovered.reason(), Optional.empty(), Optional.empty());
            cases.event(caseId, "RESOLVED", alert + ": " + recovered.reason());
        } else if (decision instanceof TriageDecision.GroupIntoCase group) {
            cases.event(group.caseId(), "ALERT_GROUPED", alert + ": " + group.reason());
        } else if (decision instanceof TriageDecision.CloseCase close) {
            if (cases.close(close.caseId(), "RESOLVED", close.reason(), Optional.of("hub"))) {
                cases.dropHeldMessages(close.caseId(), "not sent: the pet recovered first");
                cases.event(close.caseId(), "RESOLVED", alert + ": " + close.reason());
                close.script().ifPresent(script -> close.channel().ifPresent(channel -> {
                    AlertContext context = request.context().orElseThrow();
                    cases.queueMessage(channel.name(), Optional.of(close.caseId()), context.owner().customerId(),
                            channel.recipient(), script, scripts.render(script, context, request, close.caseId()),
                            now, close.reason());
                    cases.event(close.caseId(), "MESSAGE_QUEUED", channel.name() + " from script " + script);
                }));
            }
        } else if (decision instanceof TriageDecision.RecordOnly record) {
            record.caseId().ifPresent(id -> cases.event(id, "NOTED", alert + ": " + record.reason()));
        }
        String status = decision instanceof TriageDecision.RecordOnly r && r.unmatched() ? "UNMATCHED" : "TRIAGED";
        cases.markAlert(request.alertId(), status, decision.reason());
        LOG.infof("%s: %s", alert, decision.reason());
        return decision;
    }
}
