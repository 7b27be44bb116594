package io.petwatch.collector.conversation;

import io.petwatch.collector.outreach.ChannelPlan;
import io.petwatch.collector.outreach.Outbox;
import io.petwatch.collector.playbook.MessageScripts;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.casefile.CaseFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * An owner's text back, already verified as coming from the provider: opt-out and opt-in words change consent at
 * once and are confirmed, HELP gets help, and anything else is the owner's answer, which stops the escalation timer
 * of their open case. Idempotent by the provider's message id, since providers retry webhooks.
 */
@ApplicationScoped
public class InboundSms {
    private static final Logger LOG = Logger.getLogger(InboundSms.class);

    private final Jdbi jdbi;
    private final CustomerDirectory directory;
    private final CaseFile cases;
    private final Outbox outbox;
    private final MessageScripts scripts;
    private final Clock clock;

    public InboundSms(Jdbi jdbi, CustomerDirectory directory, CaseFile cases, Outbox outbox, MessageScripts scripts,
                      Clock clock) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.cases = cases;
        this.outbox = outbox;
        this.scripts = scripts;
        this.clock = clock;
    }

    /** What the webhook did, for its log line and tests. */
    public enum Handled { DUPLICATE, UNKNOWN_SENDER, OPTED_OUT, OPTED_IN, HELPED, RESPONSE_RECORDED, NO_OPEN_CASE }

    @Transactional
    public Handled receive(String providerSid, String from, String body) {
        InboundKeyword keyword = InboundKeyword.of(body);
        Optional<String> customer = directory.customerByPhone(from);
        Optional<Long> openCase = customer.flatMap(cases::latestOpenCase);
        int inserted = jdbi.withHandle(h -> h.execute("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, case_id, keyword, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING""",
                providerSid, from, body, customer.orElse(null), openCase.orElse(null), keyword.name(),
                clock.instant()));
        if (inserted == 0) {
            return Handled.DUPLICATE;
        }
        if (customer.isEmpty()) {
            LOG.infof("Inbound SMS %s from an unknown number kept on record", providerSid);
            return Handled.UNKNOWN_SENDER;
        }
        String customerId = customer.get();
        Optional<AlertContext> context = directory.forCustomer(customerId);
        switch (keyword) {
            case STOP -> {
                directory.setSmsConsent(customerId, false);
                openCase.ifPresent(id -> cases.event(id, "OPTED_OUT", "the owner texted '" + body.trim()
                        + "': no more texts; any queued text is not sent"));
                reply(customerId, "stop-confirmation", context);
                return Handled.OPTED_OUT;
            }
            case START -> {
                directory.setSmsConsent(customerId, true);
                reply(customerId, "start-confirmation", context);
                return Handled.OPTED_IN;
            }
            case HELP -> {
                reply(customerId, "help", context);
                return Handled.HELPED;
            }
            default -> {
                if (openCase.isEmpty()) {
                    return Handled.NO_OPEN_CASE;
                }
                long caseId = openCase.get();
                boolean stopped = cases.ownerResponded(caseId);
                cases.event(caseId, "OWNER_REPLIED", "the owner replied: \"" + body.trim() + "\""
                        + (stopped ? "; escalation timer stopped" : "; the case's agent sees the reply"));
                return Handled.RESPONSE_RECORDED;
            }
        }
    }

    private void reply(String customerId, String script, Optional<AlertContext> context) {
        AlertContext c = context.orElseThrow(() -> new IllegalStateException("customer " + customerId
                + " has no pet to speak of"));
        outbox.queue(new Outbox.Message(ChannelPlan.SMS, Optional.empty(), customerId, c.owner().phone(), script,
                scripts.renderFor(script, c), clock.instant(), "reply to a keyword"));
    }
}
