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
 * case's trail with the words that decided it. Idempotent by the provider's message id, since providers retry.
 */
@ApplicationScoped
public class InboundSms {
    private static final Logger LOG = Logger.getLogger(InboundSms.class);

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
        Optional<String> customer = directory.customerByPhone(from);
        Optional<Long> openCase = customer.flatMap(cases::latestOpenCase);
        ReplyClassifier.Reading reading = read(keyword, body, customer);
        Optional<Long> inbound = jdbi.withHandle(h -> h.select("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, case_id, keyword, meaning,
                                              meaning_cues, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING RETURNING id""",
                providerSid, from, body, customer.orElse(null), openCase.orElse(null), keyword.name(),
                reading.kind().name(), reading.explain(), clock.instant()).mapTo(Long.class).findFirst());
        if (inbound.isEmpty()) {
            return Handled.DUPLICATE;
        }
        if (customer.isEmpty()) {
            LOG.infof("Inbound SMS %s from an unknown number kept on record", providerSid);
            return Handled.UNKNOWN_SENDER;
        }
        String customerId = customer.get();
        Optional<AlertContext> context = directory.forCustomer(customerId);
        Reply reply = new Reply(customerId, from, body.trim(), inbound.get(), openCase, reading);
        switch (reading.kind()) {
            case STOP -> {
                directory.setSmsConsent(customerId, false);
                openCase.ifPresent(id -> cases.event(id, "OPTED_OUT", "the owner texted '" + reply.text()
                        + "': no more texts; any queued text is not sent"));
                answer(customerId, "stop-confirmation", context);
                return Handled.OPTED_OUT;
            }
            case START -> {
                directory.setSmsConsent(customerId, true);
                answer(customerId, "start-confirmation", context);
                return Handled.OPTED_IN;
            }
            case REASSURED, BOOKING -> {
                return recordAnswer(reply);
            }
            default -> {
                if (keyword == InboundKeyword.HELP) {
                    answer(customerId, "help", context); // the carriers require HELP to be answered
                }
                toAgent(reply);
                return Handled.TO_AGENT;
            }
        }
    }

    /** One reply on its way through. */
    private record Reply(String customerId, String from, String text, long inboundId, Optional<Long> openCase,
                         ReplyClassifier.Reading reading) {
        String said() {
            return "the owner replied \"" + text + "\": read as " + reading.kind() + " (" + reading.explain() + ")";
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
        if (kind.escalatesNow() && cases.escalateNow(caseId)) {
            cases.event(caseId, "OWNER_REPLIED", reply.said() + "; an agent takes the case now");
            cases.event(caseId, "ESCALATED", "the owner's reply needs a person: the case goes to the support agents'"
                    + " queue now, with an offer of a free teletriage credit");
            credits.offerTeletriage(caseId);
        } else {
            cases.event(caseId, "OWNER_REPLIED", reply.said() + (kind.escalatesNow()
                    ? "; an agent task is open on the case"
                    : "; an agent task is open on the case and the escalation timer keeps running"));
        }
    }

    private void answer(String customerId, String script, Optional<AlertContext> context) {
        AlertContext c = context.orElseThrow(() -> new IllegalStateException("customer " + customerId
                + " has no pet to speak of"));
        outbox.queue(new Outbox.Message(ChannelPlan.SMS, Optional.empty(), customerId, c.owner().phone(), script,
                scripts.renderFor(script, c), clock.instant(), "reply to a keyword"));
    }
}
