package io.petwatch.collector.playbook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.outreach.OutboundMessage;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TriggerScenario;
import io.petwatch.collector.testing.TriggerScenario.Customer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole of issue 18's flow after intake, on the running collector: signal events stored as intake stores them,
 * detection in the background raising its trigger, and the one triage engine texting the customer from the
 * playbook, with detection's own detector_params in the text.
 */
@QuarkusTest
class SignalsToMessagesIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    TriggerScenario given;
    @Inject
    Jdbc jdbc;

    private void stored(String source, String signal, String subject, Customer customer, Instant at, String facts) {
        jdbc.update("""
                INSERT INTO signal_events (source, event_id, event_type, signal, subject, customer_id, occurred_at,
                                           via, payload, facts)
                VALUES (?, ?, 'test.event', ?, ?, ?, ?, 'WEBHOOK', '{}', ?::jsonb)""", source,
                "evt_" + ThreadLocalRandom.current().nextLong(1L << 40), signal, subject, customer.id(),
                Timestamp.from(at), facts);
    }

    @Test
    void aSecondFailedPaymentBecomesThePaymentAssistTextWithItsLinkAndRetries() {
        Customer robin = given.customer();
        String sub = "sub_e2e" + robin.id().substring(5);
        Instant t = Instant.now().minus(Duration.ofDays(4));
        for (int attempt = 1; attempt <= 2; attempt++) {
            stored("stripe", "PAYMENT", sub, robin, t.plus(Duration.ofDays(attempt)), """
                    {"kind": "payment_failed", "invoice": "in_%1$s", "subscription": "%1$s", "attempt_count": %2$d,
                     "amount_due": 1999, "currency": "gbp", "next_payment_attempt": "2026-12-20T10:00:00Z",
                     "hosted_invoice_url": "https://invoice.stripe.com/i/%1$s"}""".formatted(sub, attempt));
        }

        OutboundMessage text = given.textTo(robin.phone());
        assertEquals("payment-assist", text.template());
        assertTrue(text.body().contains("Your payment of £19.99 didn't go through again"), text.body());
        assertTrue(text.body().contains("https://invoice.stripe.com/i/" + sub), text.body());
        assertTrue(text.body().contains("on Sunday 20 December"), text.body());
        TriggerScenario.Case opened = given.caseOf(robin, "PAYMENT_FAILED_AGAIN", sub);
        assertEquals("PAYMENT", opened.signal());
        assertEquals(Optional.of("payment-assist"), opened.rule());
    }

    private void failed(Customer customer, String sub, String invoice, Instant at, int attempt) {
        stored("stripe", "PAYMENT", sub, customer, at, """
                {"kind": "payment_failed", "invoice": "%1$s", "subscription": "%2$s", "attempt_count": %3$d,
                 "amount_due": 1999, "currency": "gbp", "next_payment_attempt": "2026-12-20T10:00:00Z",
                 "hosted_invoice_url": "https://invoice.stripe.com/i/%1$s"}""".formatted(invoice, sub, attempt));
    }

    @Test
    void aSubscriptionThatFailsAgainAfterASuccessGetsASecondCaseAndText() {
        Customer robin = given.customer();
        String sub = "sub_ep" + robin.id().substring(5);
        Instant t = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        Instant nextMonth = t.plus(Duration.ofDays(31));
        failed(robin, sub, "in_1" + sub, t, 1);
        failed(robin, sub, "in_1" + sub, t.plus(Duration.ofDays(1)), 2);
        long first = given.casesOf(robin, "PAYMENT_FAILED_AGAIN", sub, 1).get(0).id();
        given.textTo(robin.phone());

        stored("stripe", "PAYMENT", sub, robin, t.plus(Duration.ofDays(2)), """
                {"kind": "payment_succeeded", "invoice": "in_1%1$s", "subscription": "%1$s"}""".formatted(sub));
        await().atMost(Duration.ofSeconds(20)).until(() -> given.caseById(first).status().equals("RESOLVED"));

        failed(robin, sub, "in_2" + sub, nextMonth, 1);
        failed(robin, sub, "in_2" + sub, nextMonth.plus(Duration.ofDays(1)), 2);
        List<TriggerScenario.Case> cases = given.casesOf(robin, "PAYMENT_FAILED_AGAIN", sub, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> given.textsTo(robin.phone()).size() == 2);

        assertEquals(List.of("RESOLVED", "AWAITING_OWNER"), cases.stream().map(TriggerScenario.Case::status).toList(),
                "the success closed the first case; the second is open");
        assertEquals(List.of(Optional.of("payment-assist"), Optional.of("payment-assist")),
                cases.stream().map(TriggerScenario.Case::rule).toList());
        List<OutboundMessage> texts = given.textsTo(robin.phone());
        assertEquals(List.of("payment-assist", "payment-assist"), texts.stream().map(OutboundMessage::template)
                .toList());
        assertEquals(List.of(Optional.of(first), Optional.of(cases.get(1).id())), texts.stream()
                .map(OutboundMessage::caseId).toList(), "one text per episode");
        assertTrue(texts.get(1).body().contains("https://invoice.stripe.com/i/in_2" + sub), texts.get(1).body());
        assertEquals(List.of(t, nextMonth), jdbc.query("SELECT episode_start FROM outreach_cases WHERE id IN (?, ?)"
                        + " ORDER BY id", rs -> rs.getTimestamp(1).toInstant(), first, cases.get(1).id()),
                "each case's episode starts at its first failure");
    }

    @Test
    void anUnhappySurveyAnswerBecomesAnAgentsCallAndAnApology() {
        Customer robin = given.customer();
        String response = "resp_e2e" + robin.id().substring(5);
        stored("survey", "SURVEY", response, robin, Instant.now().minus(Duration.ofMinutes(5)), """
                {"score": 2, "scale_min": 0, "scale_max": 10, "comment": "The box arrived crushed and late"}""");

        OutboundMessage text = given.textTo(robin.phone());
        assertEquals("service-recovery", text.template());
        TriggerScenario.Case opened = given.caseOf(robin, "SURVEY_UNHAPPY", response);
        assertEquals("ESCALATED", opened.status());
        assertEquals(1, jdbc.count("SELECT count(*) FROM agent_tasks WHERE case_id = ? AND reason = 'CALL'",
                opened.id()));
    }
}
