package io.petwatch.collector.playbook;

import io.petwatch.collector.casefile.AgentTasks;
import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.Pet;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.incident.FleetWatch;
import io.petwatch.collector.incident.Incidents;
import io.petwatch.collector.ingest.AcceptedAlert;
import io.petwatch.collector.ingest.AlertQueue;
import io.petwatch.collector.outreach.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Claims waiting alerts and applies the {@link TriagePolicy}'s decisions in a single transaction: the claim, each
 * case, its audit events, its queued message and the alert's mark commit together, so a crash never leaves a decision
 * without its message, nor an alert decided twice. A collar's alert and a retail trigger (a payment, a parcel, a
 * survey answer: joined to its customer, with no pet) are claimed from the same queue and decided the same way.
 */
@ApplicationScoped
public class TriageStep {
    private static final Logger LOG = Logger.getLogger(TriageStep.class);

    private final TriagePolicy policy;
    private final AlertQueue queue;
    private final OwnerStates owners;
    private final CaseFile cases;
    private final Outbox outbox;
    private final MessageScripts scripts;
    private final Credits credits;
    private final FleetWatch fleets;
    private final Incidents incidents;
    private final CustomerDirectory directory;
    private final AgentTasks tasks;
    private final Clock clock;

    public TriageStep(TriagePolicy policy, AlertQueue queue, OwnerStates owners, CaseFile cases, Outbox outbox,
                      MessageScripts scripts, Credits credits, FleetWatch fleets, Incidents incidents,
                      CustomerDirectory directory, AgentTasks tasks, Clock clock) {
        this.policy = policy;
        this.queue = queue;
        this.owners = owners;
        this.cases = cases;
        this.outbox = outbox;
        this.scripts = scripts;
        this.credits = credits;
        this.fleets = fleets;
        this.incidents = incidents;
        this.directory = directory;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * What one claim decided: how many alerts, whether a message due now was queued without a lease (a recovery's
     * glad text: the relay must claim it), and the messages leased to this instance's relay, to hand it once the
     * transaction has committed.
     */
    public record Decided(int count, boolean nudgeRelay, List<Outbox.Queued> leased) {
    }

    /** Claims up to {@code max} waiting alerts and decides them, all in one transaction. */
    @Transactional
    public Decided decideNext(int max) {
        return decideNext(max, ids -> { });
    }

    /**
     * As {@link #decideNext(int)}, telling {@code claimed} which alerts it took before deciding them, so a caller can
     * set aside the one whose decision failed (the transaction rolled back, and the claim with it).
     */
    @Transactional
    public Decided decideNext(int max, Consumer<List<String>> claimed) {
        List<AcceptedAlert> taken = queue.claim(max);
        if (taken.isEmpty()) {
            return new Decided(0, false, List.of());
        }
        claimed.accept(taken.stream().map(AcceptedAlert::alertId).toList());
        List<Outbox.Queued> leased = new ArrayList<>();
        Locked batch = lockOwners(taken);
        List<TriageDecision> decisions = decide(batch, leased);
        for (int i = 0; i < batch.alerts().size(); i++) {
            AcceptedAlert a = batch.alerts().get(i);
            LOG.infof("alert %s (%s %s %s): %s", a.alertId(), a.kind(), a.state(), a.severity(),
                    decisions.get(i).reason());
        }
        if (batch.alerts().size() < taken.size()) {
            LOG.debugf("%d of %d claimed alerts left waiting: their owners are being decided by another transaction",
                    taken.size() - batch.alerts().size(), taken.size());
        }
        return new Decided(taken.size(), decisions.stream().anyMatch(d -> d instanceof TriageDecision.CloseCase),
                leased);
    }

    /** The claimed alerts this transaction decides now (their owners locked), and who each collar and customer is. */
    private record Locked(List<AcceptedAlert> alerts, Map<String, AlertContext> contexts,
                          Map<String, AlertContext> customers) {
        Optional<AlertContext> context(AcceptedAlert a) {
            return a.trigger() ? a.customerId().map(customers::get) : Optional.ofNullable(contexts.get(a.collarId()));
        }
    }

    /**
     * Locks the owners of the claimed alerts that no other transaction is deciding for, without waiting, and keeps
     * only their alerts (and those with no owner): the others stay RECEIVED, to be claimed again, oldest first, once
     * that transaction ends. So two workers whose claims share owners (a backlog of many alerts per customer) both
     * work instead of one waiting for the other. When every owner is busy it waits for them all, in one order.
     * An owner with an older alert that another transaction claimed and has not decided yet waits too: each owner's
     * alerts are decided in arrival order, whichever worker claimed them.
     */
    private Locked lockOwners(List<AcceptedAlert> taken) {
        Map<String, AlertContext> contexts = directory.forCollars(taken.stream().filter(a -> !a.trigger())
                .map(AcceptedAlert::collarId).distinct().toList());
        Map<String, AlertContext> customers = directory.forCustomers(taken.stream().filter(AcceptedAlert::trigger)
                .flatMap(a -> a.customerId().stream()).distinct().toList());
        Locked all = new Locked(taken, contexts, customers);
        List<String> ownerIds = taken.stream().flatMap(a -> all.context(a).stream())
                .map(c -> c.owner().customerId()).distinct().toList();
        // Asked before locking, so an owner left waiting here is not locked against the transaction that holds its
        // older alert. The claim skipped only alerts another transaction held, so what this finds is those.
        Set<String> behind = queue.customersWaitingBefore(taken.stream().map(AcceptedAlert::alertId).toList(),
                ownerIds);
        List<String> candidates = ownerIds.stream().filter(id -> !behind.contains(id)).toList();
        Set<String> now = owners.lockFreeCustomers(candidates);
        if (now.isEmpty() && !candidates.isEmpty()) {
            owners.lockCustomers(candidates);
            now = Set.copyOf(candidates);
        }
        if (now.size() == ownerIds.size()) {
            return all;
        }
        Set<String> decided = now;
        return new Locked(taken.stream().filter(a -> all.context(a)
                .map(c -> decided.contains(c.owner().customerId())).orElse(true)).toList(), contexts, customers);
    }

    /**
     * Decides the alerts whose owners the caller's transaction has locked ({@link #lockOwners}); alerts of one owner
     * are decided in arrival order.
     */
    private List<TriageDecision> decide(Locked batch, List<Outbox.Queued> leased) {
        List<CaseFile.Event> events = new ArrayList<>();
        List<AlertQueue.Mark> marks = new ArrayList<>();
        List<TriageDecision> decisions = new ArrayList<>();
        List<TriageRequest> requests = batch.alerts().stream().map(a -> new TriageRequest(a, batch.context(a)))
                .toList();
        Instant now = clock.instant();
        List<Optional<OwnerState>> states = owners.ofAll(requests, now);
        // An owner this batch has already decided for is read again: caps and grouping count what was just decided.
        Set<String> decidedFor = new HashSet<>();
        List<PendingNotify> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TriageRequest request = requests.get(i);
            Optional<String> customer = request.context().map(c -> c.owner().customerId());
            Optional<OwnerState> owner = states.get(i);
            if (customer.filter(decidedFor::contains).isPresent()) {
                flush(pending, events, leased); // the texts this batch queued count against the cap and open the case
                owner = owners.of(request, now);
            }
            customer.ifPresent(decidedFor::add);
            TriageDecision decision = apply(request, owner, events, pending, now);
            String status = decision instanceof TriageDecision.RecordOnly r && r.unmatched() ? "UNMATCHED" : "TRIAGED";
            marks.add(new AlertQueue.Mark(request.alertId(), status, decision.reason()));
            decisions.add(decision);
        }
        flush(pending, events, leased);
        cases.events(events);
        queue.mark(marks, clock.instant());
        return decisions;
    }

    private FleetWatch.StormFacts storm(TriageRequest request, Instant now) {
        boolean member = request.kind().equals("LOW_ACTIVITY") && request.firing() && request.context().isPresent();
        return member ? fleets.facts(request.collarFirmware(), request.hubModel(), now) : FleetWatch.StormFacts.none();
    }

    private TriageDecision apply(TriageRequest request, Optional<OwnerState> owner, List<CaseFile.Event> events,
                                 List<PendingNotify> pending, Instant now) {
        TriageDecision decision = policy.decide(request, owner, storm(request, now), now);
        String alert = "alert " + request.alertId() + " (" + request.kind() + " " + request.state() + " "
                + request.severity() + ", detected " + request.detectedAt() + ")";
        if (decision instanceof TriageDecision.Notify notify) {
            pending.add(new PendingNotify(request, notify, alert)); // written with the batch's others, in bulk
        } else if (decision instanceof TriageDecision.HoldForIncident hold) {
            hold(request, hold, alert, events);
        } else if (decision instanceof TriageDecision.EscalateToAgent escalate) {
            long caseId = open(request, "ESCALATED", escalate.variant(), escalate.reason());
            events.add(new CaseFile.Event(caseId, "ESCALATED", alert + ": " + escalate.reason()
                    + (escalate.teletriage() ? "; offer a free teletriage credit" : "")));
            if (escalate.agentCall()) {
                call(request, caseId, events);
            }
            cases.events(events); // the credit writes its own event, which must come after these
            events.clear();
            if (escalate.teletriage()) {
                credits.offerTeletriage(caseId);
            }
        } else if (decision instanceof TriageDecision.Holdout holdout) {
            long caseId = open(request, "HOLDOUT", Experiment.HOLDOUT, holdout.reason());
            events.add(new CaseFile.Event(caseId, "HOLDOUT", alert + ": " + holdout.reason()));
        } else if (decision instanceof TriageDecision.RecordRecovered recovered) {
            long caseId = open(request, "RESOLVED", "base", recovered.reason());
            events.add(new CaseFile.Event(caseId, "RESOLVED", alert + ": " + recovered.reason()));
        } else if (decision instanceof TriageDecision.GroupIntoCase group) {
            events.add(new CaseFile.Event(group.caseId(), "ALERT_GROUPED", alert + ": " + group.reason()));
        } else if (decision instanceof TriageDecision.CloseCase close) {
            close(request, close, alert, events, now);
        } else if (decision instanceof TriageDecision.RecordOnly record) {
            record.caseId().ifPresent(id -> events.add(new CaseFile.Event(id, "NOTED", alert + ": " + record.reason())));
        }
        return decision;
    }

    /**
     * The case an alert opens, with whatever the decision says of it: a collar's about its pet and episode, a
     * trigger's about its customer's subject; each names the playbook rule that applied.
     */
    private CaseFile.NewCase newCase(TriageRequest request, String status, String reason, String variant,
                                     Optional<Duration> escalateAfter, Optional<Long> incidentId,
                                     Optional<Instant> textDue) {
        AlertContext context = request.context().orElseThrow();
        boolean trigger = request.trigger();
        return new CaseFile.NewCase(request.alertId(), context.owner().customerId(),
                trigger ? Optional.empty() : context.pet().map(Pet::petId),
                trigger ? Optional.empty() : Optional.of(request.collarId()), request.kind(), request.episodeStart(),
                request.severity(), status, reason, variant, escalateAfter, incidentId, textDue,
                request.signal().name(), trigger ? request.subject() : Optional.empty(),
                policy.playbook().ruleFor(request.kind(), request.severity()).map(Playbook.Rule::script));
    }

    /** An agent is to call the customer at once: a CALL task on the case, with what the trigger says. */
    private void call(TriageRequest request, long caseId, List<CaseFile.Event> events) {
        AlertContext context = request.context().orElseThrow();
        tasks.openCall(caseId, context.owner().customerId(), context.owner().phone(), request.summary());
        events.add(new CaseFile.Event(caseId, "TASK_OPENED", "an agent task to call the customer now: "
                + request.summary()));
    }

    private long open(TriageRequest request, String status, String variant, String reason) {
        return cases.open(newCase(request, status, reason, variant, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    /** A text decided and not yet written: texts are written in bulk, a case and a message per alert. */
    private record PendingNotify(TriageRequest request, TriageDecision.Notify decision, String alert) {
    }

    /**
     * Opens the pending texts' cases and queues their messages: one statement each, however many. A make-good is
     * granted (or asked of a supervisor) before its message is written, which says which; an agent call opens its
     * task.
     */
    private void flush(List<PendingNotify> pending, List<CaseFile.Event> events, List<Outbox.Queued> leased) {
        if (pending.isEmpty()) {
            return;
        }
        List<Long> ids = cases.openAll(pending.stream().map(p -> newCase(p.request(), status(p.decision()),
                p.decision().reason(), p.decision().variant(), p.decision().escalateAfter(), Optional.empty(),
                Optional.of(p.decision().sendAt()))).toList());
        for (int i = 0; i < pending.size(); i++) {
            events.add(new CaseFile.Event(ids.get(i), "OPENED", pending.get(i).alert() + ": "
                    + pending.get(i).decision().reason()));
        }
        List<Optional<String>> makeGoods = new ArrayList<>();
        if (pending.stream().anyMatch(p -> p.decision().makeGood().isPresent() || p.decision().agentCall())) {
            cases.events(events); // a credit writes its own event, which must come after the case's opening
            events.clear();
            for (int i = 0; i < pending.size(); i++) {
                makeGoods.add(makeGood(pending.get(i), ids.get(i)));
                if (pending.get(i).decision().agentCall()) {
                    call(pending.get(i).request(), ids.get(i), events);
                }
            }
        } else {
            pending.forEach(p -> makeGoods.add(Optional.empty()));
        }
        List<Outbox.Message> messages = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            messages.add(message(pending.get(i).request(), pending.get(i).decision(), ids.get(i), makeGoods.get(i)));
        }
        List<Optional<Outbox.Queued>> queued = outbox.queueAll(messages);
        queued.forEach(q -> q.filter(Outbox.Queued::leased).ifPresent(leased::add));
        for (int i = 0; i < pending.size(); i++) {
            PendingNotify p = pending.get(i);
            if (queued.get(i).isPresent()) {
                events.add(new CaseFile.Event(ids.get(i), "MESSAGE_QUEUED", p.decision().channel().name()
                        + " from script " + p.decision().script() + " to leave at " + p.decision().sendAt()));
            }
        }
        pending.clear();
    }

    /** A case with a message waits for its owner (vet triage), for an agent's call, or closes once sent (a nudge). */
    private static String status(TriageDecision.Notify notify) {
        if (notify.agentCall()) {
            return "ESCALATED";
        }
        return notify.escalateAfter().isPresent() ? "AWAITING_OWNER" : "CLOSED";
    }

    /**
     * Grants the decision's make-good through the credit policy (the automation within the caps, a supervisor's
     * approval above them); the sentence the message says of it.
     */
    private Optional<String> makeGood(PendingNotify p, long caseId) {
        return p.decision().makeGood().map(m -> {
            Credits.Granted granted = credits.grant(caseId, m.amountCents(), "automation", "make-good: "
                    + m.offer() + " for " + p.request().kind() + " " + p.request().subject().orElse(""));
            boolean alone = granted.credit().map(c -> c.status().equals("GRANTED")).orElse(false);
            return scripts.makeGood(m, alone, p.request().context().orElseThrow());
        });
    }

    private void hold(TriageRequest request, TriageDecision.HoldForIncident hold, String alert,
                      List<CaseFile.Event> events) {
        long incidentId = hold.incidentId().orElseGet(() -> {
            TriageDecision.NewIncident n = hold.open().orElseThrow();
            return incidents.open(n.fleet(), n.key(), n.reason());
        });
        TriageDecision.Notify notify = hold.held();
        long caseId = cases.open(newCase(request, "HELD", hold.reason(), notify.variant(), notify.escalateAfter(),
                Optional.of(incidentId), Optional.empty())); // its text waits for an operator: no timer yet
        events.add(new CaseFile.Event(caseId, "OPENED", alert + ": " + notify.reason()));
        outbox.hold(message(request, notify, caseId, Optional.empty()));
        if ("HIGH".equals(request.severity())) {
            // Operators must hear of an urgent alert held on a guess at once; HighHoldLimit sends it after a while.
            LOG.warnf("HIGH alert %s on collar %s held by fleet incident %d (case %d): release or discard it, or it"
                    + " goes to the owner after petwatch.storm.max-hold-high", alert, request.collarId(), incidentId,
                    caseId);
        }
        events.add(new CaseFile.Event(caseId, "HELD_FOR_INCIDENT", "fleet storm: outreach held by engineering"
                + " incident " + incidentId + " until an operator releases or discards it"));
    }

    private Outbox.Message message(TriageRequest request, TriageDecision.Notify notify, long caseId,
                                   Optional<String> makeGood) {
        AlertContext context = request.context().orElseThrow();
        return new Outbox.Message(notify.channel().name(), Optional.of(caseId), context.owner().customerId(),
                notify.channel().recipient(), notify.script(), scripts.render(notify.script(), context, request, caseId,
                makeGood), notify.sendAt(), notify.reason());
    }

    private void close(TriageRequest request, TriageDecision.CloseCase close, String alert, List<CaseFile.Event> events,
                       Instant now) {
        if (!cases.close(close.caseId(), "RESOLVED", close.reason(), Optional.of(request.source()))) {
            return;
        }
        List<String> cancelled = outbox.cancelUnsent(close.caseId(), request.trigger()
                ? "not sent: resolved first (" + request.summary() + ")" : "not sent: the pet recovered first");
        events.add(new CaseFile.Event(close.caseId(), "RESOLVED", alert + ": " + close.reason()));
        if (!cancelled.isEmpty()) {
            events.add(new CaseFile.Event(close.caseId(), "MESSAGES_CANCELLED", "not yet sent, never sent now: "
                    + String.join(", ", cancelled)));
        }
        boolean told = outbox.anySent(close.caseId());
        if (request.trigger() && !told) {
            cases.events(events); // the withdrawal writes its own event, which must come after these
            events.clear();
            // A make-good promised only in a text that never went was never the customer's: it goes with the case.
            credits.withdrawUnannounced(close.caseId(), "resolved before the customer was told (" + request.summary()
                    + ")");
        }
        if (close.script().isPresent() && !told) {
            // Good news about an alarm the owner never got would only alarm them.
            events.add(new CaseFile.Event(close.caseId(), "OWNER_NOT_TOLD", "the owner never got the first text,"
                    + " so there is nothing to take back: no message"));
            return;
        }
        close.script().ifPresent(script -> close.channel().ifPresent(channel -> {
            AlertContext context = request.context().orElseThrow();
            outbox.queue(new Outbox.Message(channel.name(), Optional.of(close.caseId()), context.owner().customerId(),
                    channel.recipient(), script, scripts.render(script, context, request, close.caseId()), now,
                    close.reason()));
            events.add(new CaseFile.Event(close.caseId(), "MESSAGE_QUEUED", channel.name() + " from script " + script));
        }));
    }
}
