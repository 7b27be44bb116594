package io.petwatch.collector.playbook;

import io.petwatch.collector.Channels;
import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.outreach.SmsDispatcher;
import io.petwatch.collector.outreach.SmsMessage;
import io.petwatch.collector.outreach.SmsReceipt;
import io.petwatch.collector.outreach.TriageMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The vet-triage step: applies the {@link TriagePolicy}'s decision. Each step is idempotent (one case per episode,
 * one message per case and template), so an alert handled again after a crash never texts the owner twice.
 */
@ApplicationScoped
public class VetTriagePlaybook {
    private static final Logger LOG = Logger.getLogger(VetTriagePlaybook.class);

    private final TriagePolicy policy;
    private final CaseStore cases;
    private final TriageMessages messages;
    private final SmsDispatcher sms;
    private final Clock clock;

    public VetTriagePlaybook(PetwatchConfig config, CaseStore cases, TriageMessages messages, SmsDispatcher sms) {
        this.policy = new TriagePolicy(config.triage().escalateAfter(), config.triage().maxSmsPerCustomerPerDay());
        this.cases = cases;
        this.messages = messages;
        this.sms = sms;
        this.clock = Clock.systemUTC();
    }

    @Incoming(Channels.TRIAGE_REQUESTS)
    @Blocking
    public void handle(TriageRequest request) {
        try {
            apply(request);
        } catch (RuntimeException e) {
            // The alert stays on record as FAILED with the reason; it is never silently dropped.
            LOG.errorf(e, "Vet triage failed for alert %s", request.alertId());
            cases.markAlert(request.alertId(), "FAILED", e.toString());
        }
    }

    private void apply(TriageRequest request) {
        int recentSms = request.context().map(c -> cases.smsSentLast24h(c.owner().customerId())).orElse(0);
        TriageDecision decision = policy.decide(request, recentSms);
        if (decision instanceof TriageDecision.NotifyOwner notify) {
            AlertContext context = request.context().orElseThrow();
            Instant escalateAt = clock.instant().plus(notify.escalateAfter());
            long caseId = cases.openCase(request, context, "AWAITING_OWNER", notify.reason(), Optional.of(escalateAt));
            if (!cases.messageExists(caseId, notify.template())) {
                String body = messages.render(notify.template(), request, context, caseId);
                SmsMessage message = new SmsMessage(caseId, context.owner().customerId(), context.owner().phone(),
                        notify.template(), body);
                SmsReceipt receipt = sms.dispatch(message);
                cases.recordMessage(message, receipt);
            }
            LOG.infof("Alert %s: case %d opened for %s (%s), owner %s texted", request.alertId(), caseId,
                    context.pet().name(), request.collarId(), context.owner().firstName());
        } else if (decision instanceof TriageDecision.EscalateToAgent escalate) {
            long caseId = cases.openCase(request, request.context().orElseThrow(), "ESCALATED", escalate.reason(),
                    Optional.of(clock.instant()));
            LOG.infof("Alert %s: case %d escalated to an agent: %s", request.alertId(), caseId, escalate.reason());
        } else if (decision instanceof TriageDecision.CloseCase close) {
            boolean closed = cases.closeCase(request, close.outcome());
            LOG.infof("Alert %s: %s", request.alertId(), closed ? "case resolved" : "no open case to resolve");
        }
        String status = decision instanceof TriageDecision.RecordOnly r && r.unmatched() ? "UNMATCHED" : "TRIAGED";
        cases.markAlert(request.alertId(), status, decision.reason());
    }
}
