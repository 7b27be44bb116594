package io.petwatch.collector.outreach;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.playbook.CaseStore;
import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An owner's text back, already verified as coming from the provider: opt-out and opt-in words change consent at
 * once and are confirmed, HELP gets help, and anything else is the owner's answer, which stops the escalation timer
 * of their open case. Idempotent by the provider's message id, since providers retry webhooks.
 */
@ApplicationScoped
public class InboundSms {
    private static final Logger LOG = Logger.getLogger(InboundSms.class);

    private final Jdbc jdbc;
    private final CustomerDirectory directory;
    private final CaseStore cases;
    private final MessageScripts scripts;
    private final Clock clock;

    public InboundSms(Jdbc jdbc, CustomerDirectory directory, CaseStore cases, MessageScripts scripts, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.cases = cases;
        this.scripts = scripts;
        this.clock = clock;
    }

    /** What the webhook did, for its log line and tests. */
    public enum Handled { DUPLICATE, UNKNOWN_SENDER, OPTED_OUT, OPTED_IN, HELPED, RESPONSE_RECORDED, NO_OPEN_CASE }

    @Transactional
    public Handled receive(String providerSid, String from, String body) {
        InboundKeyword keyword = InboundKeyword.of(body);
        Optional<String> customer = directory.customerByPhone(from);
        Optional<Long> openCase = customer.flatMap(id -> jdbc.first("""
                SELECT id FROM outreach_cases WHERE customer_id = ? AND status IN ('AWAITING_OWNER', 'ESCALATED',
                'OWNER_RESPONDED') ORDER BY opened_at DESC LIMIT 1""", rs -> rs.getLong(1), id));
        int inserted = jdbc.update("""
                INSERT INTO inbound_messages (provider_sid, from_number, body, customer_id, case_id, keyword)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING""",
                providerSid, from, body, customer, openCase, keyword.name());
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
                jdbc.update("UPDATE customers SET sms_consent = false WHERE id = ?", customerId);
                openCase.ifPresent(id -> cases.event(id, "OPTED_OUT", "the owner texted '" + body.trim()
                        + "': no more texts; any queued text is not sent"));
                reply(customerId, "stop-confirmation", context);
                return Handled.OPTED_OUT;
            }
            case START -> {
                jdbc.update("UPDATE customers SET sms_consent = true WHERE id = ?", customerId);
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
                int stopped = jdbc.update("""
                        UPDATE outreach_cases SET status = 'OWNER_RESPONDED', responded_at = ?, escalate_at = NULL
                         WHERE id = ? AND status = 'AWAITING_OWNER'""", clock.instant(), caseId);
                cases.event(caseId, "OWNER_REPLIED", "the owner replied: \"" + body.trim() + "\""
                        + (stopped > 0 ? "; escalation timer stopped" : "; the case's agent sees the reply"));
                return Handled.RESPONSE_RECORDED;
            }
        }
    }

    private void reply(String customerId, String script, Optional<AlertContext> context) {
        AlertContext c = context.orElseThrow(() -> new IllegalStateException("customer " + customerId
                + " has no pet to speak of"));
        cases.queueMessage(Optional.empty(), customerId, c.owner().phone(), script, scripts.renderFor(script, c),
                clock.instant(), "reply to a keyword");
    }
}
