package io.petwatch.collector.conversation;

import io.petwatch.collector.casefile.AgentTasks;
import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.outreach.ChannelPlan;
import io.petwatch.collector.outreach.Outbox;
import io.petwatch.collector.playbook.Credits;
import io.petwatch.collector.playbook.MessageScripts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * An owner's text back, already verified as coming from the provider, read for what it means
 * ({@link ReplyKind}): the carriers' keywords change consent at once and are confirmed; HELP gets the help text and,
 * with a case open, a person; a free-text reply is classified ({@link ReplyClassifier}). Reassured and booking
 * replies stop the escalation timer; worried and help replies put the case in the agents' queue now, with the
 * teletriage credit; an unclear one is a task for an agent while the timer keeps running. Every reading is on the
 * case's trail with the words that decided it. A number several customers share is allowed: a reply from it belongs
 * to the customer texted last (their conversation is open), or goes to an agent when none was; STOP and START from
 * it are for everyone on it. Idempotent by the provider's message id, since providers retry.
 */
@ApplicationScoped
public class InboundSms {
    private static final Logger LOG = Logger.getLogger(InboundSms.class);
    // On a shared number, a reply belongs to the customer texted last within this long.
    private static final Duration CONVERSATION_WINDOW = Duration.ofDays(14);

    private final Jdbi jdbi;
    private final CustomerDirectory directory;
    private final CaseFile cases;
    private final AgentTasks tasks;
    private final Credits credits;
    private final Outbox outbox;
    private final MessageScripts scripts;
    private final ReplyClassifier classifier = ReplyClassifier.standard();
    private final Clock clock;

    public InboundSms(Jdbi jdbi, CustomerDirectory directory, CaseFile cases, AgentTasks tasks, Credits credits,
                      Outbox outbox, MessageScripts scripts, Clock clock) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.cases = cases;
        this.tasks = tasks;
        this.credits = credits;
        this.outbox = outbox;
        this.scripts = scripts;
        this.clock = clock;
    }

    /** What the webhook did, for its log line and tests. */
    public enum Handled { DUPLICATE, UNKNOWN_SENDER, OPTED_OUT, OPTED_IN, TO_AGENT, RESPONSE_RECORDED, NO_OPEN_CASE }

    @Transactional
    public Handled receive(String providerSid, String from, String body) {
        InboundKeyword keyword = InboundKeyword.of(body);
        Sender sender = sender(from);
        Optional<String> customer = sender.customer();
        Optional<Long> openCase = customer.flatMap(cases::latestOpenCase);
        ReplyClassifier.Reading reading = read(keyword, body, customer.or(() -> sender.onNumber().stream().findFirst()));
        Optional<Long> inbound = jdbi.withHandle(h -> h.select("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, case_id, keyword, meaning,
                                              meaning_cues, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING RETURNING id""",
                providerSid, from, body, customer.orElse(null), openCase.orElse(null), keyword.name(),
                reading.kind().name(), reading.explain(), clock.instant()).mapTo(Long.class).findFirst());
        if (inbound.isEmpty()) {
            return Handled.DUPLICATE;
        }
        if (sender.onNumber().isEmpty()) {
            LOG.infof("Inbound SMS %s from an unknown number kept on record", providerSid);
            return Handled.UNKNOWN_SENDER;
        }
        // Consent belongs to the number: STOP or START from a shared phone is for everyone on it.
        if (reading.kind() == ReplyKind.STOP || reading.kind() == ReplyKind.START) {
            boolean stop = reading.kind() == ReplyKind.STOP;
            directory.setSmsConsent(sender.onNumber(), !stop);
            for (String id : sender.onNumber()) {
                cases.latestOpenCase(id).ifPresent(caseId -> {
                    cases.event(caseId, stop ? "OPTED_OUT" : "OPTED_IN", "the owner texted '" + body.trim() + "'"
                            + sender.sharedNote() + (stop ? ": no more texts; any queued text is not sent"
                            : ": texts are on again"));
                    // No answer will come by text now: as with an owner who had opted out before, a person reaches
                    // out instead of a timer waiting four hours for a reply.
                    if (stop && cases.escalateNow(caseId)) {
                        cases.event(caseId, "ESCALATED", "the owner opted out of texts while the case waited for"
                                + " them: an agent reaches out instead" + credits.escalationOffer(caseId));
                        credits.offerTeletriage(caseId);
                    }
                });
            }
            answer(sender.onNumber().get(0), stop ? "stop-confirmation" : "start-confirmation");
            return stop ? Handled.OPTED_OUT : Handled.OPTED_IN;
        }
        if (keyword == InboundKeyword.HELP) {
            answer(customer.orElse(sender.onNumber().get(0)), "help"); // the carriers require HELP to be answered
        }
        if (customer.isEmpty()) {
            // A shared number and no conversation to tell whose reply it is: a person finds out.
            tasks.open(Optional.empty(), Optional.empty(), from, "SHARED_NUMBER", body.trim(), inbound.get());
            LOG.infof("Inbound SMS %s from a number %d customers share, none written to lately: an agent task",
                    providerSid, sender.onNumber().size());
            return Handled.TO_AGENT;
        }
        Reply reply = new Reply(customer.get(), from, body.trim(), inbound.get(), openCase, reading,
                sender.sharedNote());
        if (reading.kind().stopsTimer()) {
            return recordAnswer(reply);
        }
        toAgent(reply);
        return Handled.TO_AGENT;
    }

    /** Who is on the number, and whose reply this is: the only one, or on a shared number the one last texted. */
    private record Sender(List<String> onNumber, Optional<String> customer) {
        String sharedNote() {
            return onNumber.size() < 2 ? "" : " (from a number " + onNumber.size() + " customers share: "
                    + String.join(", ", onNumber) + ")";
        }
    }

    private Sender sender(String from) {
        List<String> onNumber = directory.customersByPhone(from);
        return new Sender(onNumber, onNumber.size() == 1 ? Optional.of(onNumber.get(0))
                : onNumber.isEmpty() ? Optional.empty()
                : directory.lastTexted(onNumber, clock.instant().minus(CONVERSATION_WINDOW)));
    }

    /** One reply on its way through. */
    private record Reply(String customerId, String from, String text, long inboundId, Optional<Long> openCase,
                         ReplyClassifier.Reading reading, String sharedNote) {
        String said() {
            return "the owner replied \"" + text + "\"" + sharedNote + ": read as " + reading.kind() + " ("
                    + reading.explain() + ")";
        }
    }

    private ReplyClassifier.Reading read(InboundKeyword keyword, String body, Optional<String> customer) {
        return switch (keyword) {
            case STOP -> new ReplyClassifier.Reading(ReplyKind.STOP, List.of("the keyword " + body.trim()));
            case START -> new ReplyClassifier.Reading(ReplyKind.START, List.of("the keyword " + body.trim()));
            case HELP -> new ReplyClassifier.Reading(ReplyKind.HELP, List.of("the keyword " + body.trim()));
            // YES re-subscribes an owner who had opted out; from anyone else it answers "Reply YES if Max is OK".
            case YES -> customer.map(directory::smsConsent).orElse(true) ? classifier.read(body)
                    : new ReplyClassifier.Reading(ReplyKind.START, List.of("YES from an opted-out owner"));
            case REPLY -> classifier.read(body);
        };
    }

    private Handled recordAnswer(Reply reply) {
        if (reply.openCase().isEmpty()) {
            return Handled.NO_OPEN_CASE;
        }
        long caseId = reply.openCase().get();
        boolean stopped = cases.ownerResponded(caseId);
        cases.event(caseId, "OWNER_REPLIED", reply.said() + (stopped ? "; escalation timer stopped"
                : "; the case's agent sees the reply"));
        return Handled.RESPONSE_RECORDED;
    }

    /** A person reads it: a task on the case (or on its own), and for worry or a plea for help the case now. */
    private void toAgent(Reply reply) {
        ReplyKind kind = reply.reading().kind();
        tasks.open(reply.openCase(), Optional.of(reply.customerId()), reply.from(), kind.name(), reply.text(),
                reply.inboundId());
        if (reply.openCase().isEmpty()) {
            LOG.infof("Reply from customer %s read as %s with no open case: an agent task of its own",
                    reply.customerId(), kind);
            return;
        }
        long caseId = reply.openCase().get();
        cases.event(caseId, "TASK_OPENED", "an agent task for the owner's reply, read as " + kind);
        if (kind.escalatesNow() && cases.escalateNow(caseId)) {
            cases.event(caseId, "OWNER_REPLIED", reply.said() + "; an agent takes the case now");
            cases.event(caseId, "ESCALATED", "the owner's reply needs a person: the case goes to the support agents'"
                    + " queue now" + credits.escalationOffer(caseId));
            credits.offerTeletriage(caseId);
        } else {
            cases.event(caseId, "OWNER_REPLIED", reply.said() + (kind.escalatesNow()
                    ? "; an agent task is open on the case"
                    : "; an agent task is open on the case and the escalation timer keeps running"));
        }
    }

    private void answer(String customerId, String script) {
        AlertContext c = directory.forCustomer(customerId).orElseThrow(() -> new IllegalStateException("customer "
                + customerId + " has no pet to speak of"));
        outbox.queue(new Outbox.Message(ChannelPlan.SMS, Optional.empty(), customerId, c.owner().phone(), script,
                scripts.renderFor(script, c), clock.instant(), "reply to a keyword"));
    }
}
