package io.petwatch.collector.playbook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.outreach.OutboundMessage;
import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.petwatch.collector.testing.TriggerScenario;
import io.petwatch.collector.testing.TriggerScenario.Customer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retail triggers (issue 18) through the one triage engine, on the real collector and PostgreSQL: a trigger row as
 * detection writes it, the case it opens (signal, subject, rule, no pet), the text the recording SMS provider is
 * handed, the make-good through the credit policy, the agent's call and the guardrails (the cross-signal cap, off in
 * the test profile, is CrossSignalCapIT's).
 */
@QuarkusTest
class RetailTriggersIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    TriggerScenario given;
    @Inject
    Jdbc jdbc;
    @Inject
    TestClock clock;
    @Inject
    Households households;
    @Inject
    AlertArrivals arrivals;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static Stream<Arguments> playbooks() {
        return Stream.of(
                Arguments.of("PAYMENT_FAILED_AGAIN", "PAYMENT", "payment-assist",
                        Map.of("amount", 1999, "currency", "gbp", "retries_left", 2, "update_card_link",
                                "https://invoice.stripe.com/i/acct_1/test_abc", "next_attempt", "2026-12-06T10:00:00Z"),
                        List.of("£19.99", "https://invoice.stripe.com/i/acct_1/test_abc", "(retries left: 2)",
                                "on Sunday 6 December")),
                Arguments.of("PARCEL_NO_SCAN", "DELIVERY", "delay-notice",
                        Map.of("carrier", "USPS", "tracking_code", "SUBJECT", "hours_since_label", 52),
                        List.of("Your parcel SUBJECT with USPS", "your next delivery goes express at no cost")),
                Arguments.of("PARCEL_STUCK", "DELIVERY", "delay-notice",
                        Map.of("carrier", "DHL", "tracking_code", "SUBJECT", "days_in_transit", 11, "international",
                                true, "est_delivery", "2026-12-09T12:00:00Z"),
                        List.of("Your parcel SUBJECT with DHL", "we've added a £10.00 credit to your account")),
                Arguments.of("PARCEL_MISSING", "DELIVERY", "lost-maybe",
                        Map.of("carrier", "Royal Mail", "tracking_code", "SUBJECT", "delivered_at",
                                "2026-12-03T09:30:00Z"),
                        List.of("Royal Mail marked SUBJECT delivered on Thursday 3 December",
                                "our team is arranging a replacement")),
                Arguments.of("PARCEL_DELIVERED", "DELIVERY", "post-delivery-care",
                        Map.of("carrier", "Royal Mail", "tracking_code", "SUBJECT", "delivered_at",
                                "2026-12-04T11:00:00Z"),
                        List.of("arrived on Friday 4 December", "Everything arrive OK? Reply HELP")),
                Arguments.of("SURVEY_UNHAPPY", "SURVEY", "service-recovery",
                        Map.of("score", 2, "scale_max", 10, "comment_excerpt", "box arrived crushed", "tone",
                                "negative"),
                        List.of("Hi Robin", "Someone from our team will call you today")));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("playbooks")
    void eachTriggerOpensItsCaseAndTextsItsScriptWithItsVariables(String kind, String signal, String script,
                                                                  Map<String, Object> params, List<String> says) {
        Customer robin = given.customer();
        String subject = kind.startsWith("PARCEL") ? "1Z" + robin.id().substring(5).toUpperCase() : "s_" + robin.id();
        given.raise(robin, kind, subject, withSubject(params, subject));

        OutboundMessage text = given.textTo(robin.phone());
        assertEquals(script, text.template());
        for (String words : says) {
            assertTrue(text.body().contains(words.replace("SUBJECT", subject)), words + " in: " + text.body());
        }
        TriggerScenario.Case opened = given.caseOf(robin, kind, subject);
        assertEquals(signal, opened.signal());
        assertEquals(Optional.of(subject), opened.subject());
        assertEquals(Optional.of(script), opened.rule());
        assertTrue(opened.petId().isEmpty() && opened.collarId().isEmpty(), "a retail case has no pet or collar");
    }

    private static Map<String, Object> withSubject(Map<String, Object> params, String subject) {
        return params.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> "SUBJECT".equals(e.getValue()) ? subject : e.getValue()));
    }

    @Test
    void aMakeGoodWithinTheCapIsGrantedByTheAutomation() {
        Customer robin = given.customer();
        given.raise(robin, "PARCEL_STUCK", "1ZUNDER", Map.of("carrier", "DHL", "tracking_code", "1ZUNDER"));
        long caseId = given.caseOf(robin, "PARCEL_STUCK", "1ZUNDER").id();

        List<String[]> credits = given.credits(caseId);
        assertEquals(1, credits.size());
        assertEquals(List.of("1000", "GRANTED", "automation"), List.of(credits.get(0)).subList(1, 4));
        assertTrue(given.textTo(robin.phone()).body().contains("we've added a £10.00 credit"));
        assertEquals("AWAITING_OWNER", given.caseById(caseId).status());
    }

    @Test
    void aMakeGoodAboveTheCapWaitsForASupervisorWhoApprovesItInTheConsolesApprovals() {
        Customer robin = given.customer();
        given.raise(robin, "PARCEL_MISSING", "1ZOVER", Map.of("carrier", "USPS", "tracking_code", "1ZOVER"));
        long caseId = given.caseOf(robin, "PARCEL_MISSING", "1ZOVER").id();

        String[] credit = given.credits(caseId).get(0);
        assertEquals("3500", credit[1]);
        assertEquals("PENDING_APPROVAL", credit[2], "3,500 cents is past the case cap of 2,500");
        assertTrue(given.textTo(robin.phone()).body().contains("our team is arranging a replacement"),
                "the text promises no more than is granted");

        Staff.as("lee").contentType("application/json").body("{\"reason\":\"lost parcel, first time\"}")
                .post("/api/v1/credits/" + credit[0] + "/approve").then().statusCode(200);
        assertEquals("APPROVED", given.credits(caseId).get(0)[2]);
    }

    @Test
    void anUnhappySurveyAnswerOpensAnAgentCallAtOnceWithoutATeletriageCredit() {
        Customer robin = given.customer();
        given.raise(robin, "SURVEY_UNHAPPY", "resp_1" + robin.id(), Map.of("score", 2, "scale_max", 10,
                "comment_excerpt", "box arrived crushed"));
        TriggerScenario.Case opened = given.caseOf(robin, "SURVEY_UNHAPPY", "resp_1" + robin.id());

        assertEquals("ESCALATED", opened.status());
        assertEquals(1, jdbc.count("SELECT count(*) FROM agent_tasks WHERE case_id = ? AND reason = 'CALL'"
                + " AND done_at IS NULL", opened.id()));
        assertTrue(given.credits(opened.id()).isEmpty(), "no teletriage credit for a survey");
        assertTrue(given.textTo(robin.phone()).body().contains("Someone from our team will call you today"));
    }

    @Test
    void aRetailTriggerWaitsForTheCustomersQuietHours() {
        clock.set(Instant.parse("2026-06-10T21:00:00Z")); // 22:00 in London, inside 21:30-08:00
        Customer robin = given.customer(Optional.of("21:30-08:00"), true);
        given.raise(robin, "PAYMENT_FAILED_AGAIN", "sub_q" + robin.id(), Map.of("amount", 500, "currency", "gbp"));
        long caseId = given.caseOf(robin, "PAYMENT_FAILED_AGAIN", "sub_q" + robin.id()).id();

        TriggerScenario.Message message = given.messages(caseId).get(0);
        assertEquals("QUEUED", message.status());
        assertEquals(Instant.parse("2026-06-11T07:00:00Z"), message.sendAfter());
        assertTrue(given.textsTo(robin.phone()).isEmpty(), "nothing leaves before the morning");
    }

    @Test
    void aCustomerWhoOptedOutOfTextsGetsNoRetailMessage() {
        Customer robin = given.customer(Optional.empty(), false);
        String alert = given.raise(robin, "PARCEL_STUCK", "1ZOPT" + robin.id(), Map.of("carrier", "DHL"));

        String[] decided = given.decided(alert);
        assertEquals("TRIAGED", decided[0]);
        assertTrue(decided[1].contains("opted out of texts: no nudge"), decided[1]);
        assertTrue(given.findCase(robin.id(), "PARCEL_STUCK", "1ZOPT" + robin.id()).isEmpty());
        assertTrue(given.textsTo(robin.phone()).isEmpty());
    }

    @Test
    void aSlowDeclineFromTheHubGetsAGentleWellnessCheckOnACollarCase() {
        Household h = households.create("Pip", Optional.empty());
        Instant now = Instant.now();
        jdbc.update("""
                INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                    detected_at, raised_at, detector, detector_params, summary, activity_ratio,
                                    worn_coverage, payload)
                VALUES (?, 'hub-demo', ?, 'ACTIVITY_DRIFT', 'FIRING', 'MEDIUM', ?, ?, ?, ?, 'drift.slow-decline',
                        '{"decline":"0.45"}'::jsonb, 'activity down 45% over 30 days', 0.55, 0.97, ?)""",
                "drift-" + h.collarId(), h.collarId(), now.minus(Duration.ofDays(30)), now, now, now, new byte[0]);
        arrivals.stored();

        OutboundMessage text = given.textTo(h.phone());
        assertEquals("wellness-check", text.template());
        assertTrue(text.body().contains("over the last 30 days Pip has been a little less active than his usual"
                + " (about 55% of normal)"), text.body());
        TriggerScenario.Case opened = given.caseById(jdbc.first("SELECT id FROM outreach_cases WHERE collar_id = ?",
                rs -> rs.getLong(1), h.collarId()).orElseThrow());
        assertEquals("COLLAR", opened.signal());
        assertEquals(Optional.of("wellness-check"), opened.rule());
        assertEquals(Optional.of(h.petId()), opened.petId());
        assertTrue(opened.subject().isEmpty());
    }

    @Test
    void aResolvedTriggerClosesItsOpenCaseAndCancelsWhatWasNotSent() {
        clock.set(Instant.parse("2026-06-10T21:00:00Z"));
        Customer robin = given.customer(Optional.of("21:30-08:00"), true);
        String subject = "sub_res" + robin.id();
        given.raise(robin, "PAYMENT_FAILED_AGAIN", subject, Map.of("amount", 1999));
        long caseId = given.caseOf(robin, "PAYMENT_FAILED_AGAIN", subject).id();
        assertEquals("AWAITING_OWNER", given.caseById(caseId).status());

        String resolved = given.raise(robin, "PAYMENT_FAILED_AGAIN", "RESOLVED", subject, Map.of());
        given.decided(resolved);

        TriggerScenario.Case closed = given.caseById(caseId);
        assertEquals("RESOLVED", closed.status());
        assertEquals(Optional.of("stripe"), closed.outcomeBy());
        assertEquals("CANCELLED", given.messages(caseId).get(0).status(), "the morning's text never leaves");
        assertFalse(given.textsTo(robin.phone()).stream().anyMatch(m -> m.caseId().equals(Optional.of(caseId))));
    }

    @Test
    void aMakeGoodWhoseTextNeverWentIsWithdrawnWhenTheParcelTurnsUpFirst() {
        clock.set(Instant.parse("2026-06-10T21:00:00Z")); // 22:00 in London: the text waits for the morning
        Customer robin = given.customer(Optional.of("21:30-08:00"), true);
        String subject = "1ZLATE" + robin.id();
        given.raise(robin, "PARCEL_STUCK", subject, Map.of("carrier", "DHL", "tracking_code", subject));
        long caseId = given.caseOf(robin, "PARCEL_STUCK", subject).id();
        assertEquals("GRANTED", given.credits(caseId).get(0)[2]);

        given.decided(given.raise(robin, "PARCEL_STUCK", "RESOLVED", subject, Map.of()));

        assertEquals("RESOLVED", given.caseById(caseId).status());
        assertEquals("CANCELLED", given.messages(caseId).get(0).status());
        assertEquals("WITHDRAWN", given.credits(caseId).get(0)[2], "a credit the customer was never told of");
        assertTrue(given.textsTo(robin.phone()).isEmpty());
    }

    @Test
    void eachEpisodeOfASubjectHasItsOwnCaseAndItsResolutionClosesOnlyItsOwn() {
        Customer robin = given.customer();
        String subject = "sub_ep" + robin.id();
        Instant march = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        Instant april = march.plus(Duration.ofDays(30));
        given.raise(robin, "PAYMENT_FAILED_AGAIN", "FIRING", subject, Map.of("amount", 1999), march);
        long first = given.casesOf(robin, "PAYMENT_FAILED_AGAIN", subject, 1).get(0).id();

        given.raise(robin, "PAYMENT_FAILED_AGAIN", "FIRING", subject, Map.of("amount", 2999), april);
        List<TriggerScenario.Case> cases = given.casesOf(robin, "PAYMENT_FAILED_AGAIN", subject, 2);
        long second = cases.get(1).id();
        assertEquals(first, cases.get(0).id());
        assertEquals("AWAITING_OWNER", cases.get(1).status(), "not grouped into the earlier episode's open case");
        await().atMost(Duration.ofSeconds(20)).until(() -> given.textsTo(robin.phone()).size() == 2);
        assertEquals(List.of(Optional.of(first), Optional.of(second)), given.textsTo(robin.phone()).stream()
                .map(OutboundMessage::caseId).sorted(Comparator.comparing(Optional::orElseThrow)).toList());

        String again = given.raise("sig-PAYMENT_FAILED_AGAIN-" + subject + "-" + march.getEpochSecond() + "-again",
                robin, "PAYMENT_FAILED_AGAIN", "FIRING", subject, Map.of(), march);
        given.decided(again);
        assertEquals(1, jdbc.count("SELECT count(*) FROM case_events WHERE case_id = ? AND kind = 'ALERT_GROUPED'"
                + " AND detail LIKE ?", first, "alert " + again + " %"), "a repeat of episode 1 joins its case");

        String resolved = given.raise(robin, "PAYMENT_FAILED_AGAIN", "RESOLVED", subject, Map.of(), march);
        given.decided(resolved);
        assertEquals("RESOLVED", given.caseById(first).status());
        assertEquals("AWAITING_OWNER", given.caseById(second).status(), "episode 1's success leaves episode 2 open");
        assertEquals(2, given.casesOf(robin, "PAYMENT_FAILED_AGAIN", subject, 2).size());
        assertEquals(2, given.textsTo(robin.phone()).size(), "a resolution sends nothing");
    }
}
