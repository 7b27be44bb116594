package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.Owner;
import io.petwatch.collector.customer.Pet;
import io.petwatch.collector.customer.QuietHours;
import io.petwatch.collector.incident.Fleet;
import io.petwatch.collector.incident.FleetWatch;
import io.petwatch.collector.incident.StormPolicy;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The playbook's decisions and guardrails, with the time passed in: no database, no container. */
class TriagePolicyTest {
    private static final StormPolicy STORMS = new StormPolicy(Duration.ofHours(6), 5, 0.2);
    private static final Playbook PLAYBOOK = load();
    private static final TriagePolicy POLICY = new TriagePolicy(PLAYBOOK, new OutreachCaps(3, 2), STORMS);
    private static final AlertContext CONTEXT = new AlertContext(new Owner("cus-1", "Amelia", "Hart", "+44", 50),
            new Pet("pet-1", "Biscuit", "dog", "male"));
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant AFTERNOON = Instant.parse("2026-06-10T14:00:00Z"); // 15:00 in London
    private static final Instant LATE_EVENING = Instant.parse("2026-06-10T22:00:00Z"); // 23:00 in London

    private static Playbook load() {
        InputStream in = TriagePolicyTest.class.getClassLoader().getResourceAsStream("playbook/playbook.yaml");
        return Playbook.load(in, "playbook.yaml");
    }

    // Given helpers.

    private static TriageRequest alert(String kind, String state, String severity) {
        Instant start = Instant.parse("2026-06-08T00:00:00Z");
        return new TriageRequest("a-1", "collar-1", kind, state, severity, start, start.plus(Duration.ofHours(48)),
                start.plus(Duration.ofHours(48)), 0.3, "activity at 30%", Optional.of(CONTEXT), Optional.empty());
    }

    private static OwnerState owner() {
        return new OwnerState(LONDON, Optional.of(QuietHours.parse("21:30-08:00")), true, 0, Optional.empty(),
                Optional.empty(), false);
    }

    private static OwnerState withSent(OwnerState o, int sent) {
        return new OwnerState(o.zone(), o.quietHours(), o.smsConsent(), sent, o.openCase(), o.episodeCase(), false);
    }

    private static OwnerState optedOut() {
        OwnerState o = owner();
        return new OwnerState(o.zone(), o.quietHours(), false, 0, o.openCase(), o.episodeCase(), false);
    }

    private static OwnerState withCase(String status) {
        OwnerState o = owner();
        OwnerState.CaseRef ref = new OwnerState.CaseRef(7, "LOW_ACTIVITY", status);
        return new OwnerState(o.zone(), o.quietHours(), true, 1, Optional.of(ref), Optional.of(ref), false);
    }

    private static TriageDecision decide(TriageRequest request, OwnerState owner, Instant now) {
        return POLICY.decide(request, Optional.of(owner), now);
    }

    @Test
    void textsTheOwnerAtOnceWithTriageTipsAndEscalatesFourHoursAfterSending() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), owner(), AFTERNOON));

        assertTrue(notify.script().startsWith("vet-triage-lethargy"), notify.script());
        assertEquals(AFTERNOON, notify.sendAt());
        assertEquals(Optional.of(Duration.ofHours(4)), notify.escalateAfter());
        assertTrue(notify.reason().contains("activity at 30%"), notify.reason());
    }

    @Test
    void holdsAMediumAlertUntilTheOwnersQuietHoursEnd() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), owner(), LATE_EVENING));

        assertEquals(Instant.parse("2026-06-11T07:00:00Z"), notify.sendAt()); // 08:00 BST
        assertTrue(notify.reason().contains("held for the owner's quiet hours"), notify.reason());
    }

    @Test
    void aHighSeverityAlertBreaksQuietHoursAsThePlaybookAllows() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "HIGH"), owner(), LATE_EVENING));

        assertEquals(LATE_EVENING, notify.sendAt());
        assertTrue(notify.reason().contains("despite the owner's quiet hours"), notify.reason());
    }

    @Test
    void pastTheDailyCapAnAgentDecidesInsteadAndTheReasonSaysSo() {
        TriageDecision.EscalateToAgent escalate = assertInstanceOf(TriageDecision.EscalateToAgent.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), withSent(owner(), 3), AFTERNOON));

        assertTrue(escalate.reason().contains("capped: the customer already had 3 health messages in 24 h (cap 3)"),
                escalate.reason());
    }

    @Test
    void anUrgentHealthMessageGoesThroughTheCap() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "HIGH"), withSent(owner(), 5), AFTERNOON));

        assertTrue(notify.reason().contains("past the daily cap of 3 health messages: urgent ones go through"), notify.reason());
    }

    @Test
    void anOwnerWhoOptedOutIsNeverTextedAndAnAgentReachesOut() {
        TriageDecision.EscalateToAgent escalate = assertInstanceOf(TriageDecision.EscalateToAgent.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "HIGH"), optedOut(), AFTERNOON));

        assertTrue(escalate.reason().contains("opted out"), escalate.reason());
    }

    @Test
    void aSecondAlertForAPetWithAnOpenCaseJoinsThatConversation() {
        TriageDecision.GroupIntoCase group = assertInstanceOf(TriageDecision.GroupIntoCase.class,
                decide(alert("RESTLESS_NIGHTS", "FIRING", "MEDIUM"), withCase("AWAITING_OWNER"), AFTERNOON));

        assertEquals(7, group.caseId());
        assertTrue(group.reason().contains("no new message"), group.reason());
    }

    @Test
    void lethargyDuringAnOpenWellnessCheckGetsItsOwnVetTriageText() {
        OwnerState o = owner();
        OwnerState.CaseRef wellness = new OwnerState.CaseRef(7, "ACTIVITY_DRIFT", "AWAITING_OWNER");
        OwnerState checking = new OwnerState(o.zone(), o.quietHours(), true, 1, Optional.of(wellness), Optional.empty(),
                false);

        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), checking, AFTERNOON));

        assertTrue(notify.script().startsWith("vet-triage-lethargy"), notify.script());
        assertTrue(notify.escalateAfter().isPresent());
        assertTrue(notify.reason().contains("open wellness check (case 7) does not hold back"), notify.reason());
    }

    @Test
    void aRepeatedDriftAlertJoinsItsOpenWellnessCheck() {
        OwnerState o = owner();
        OwnerState.CaseRef wellness = new OwnerState.CaseRef(7, "ACTIVITY_DRIFT", "AWAITING_OWNER");
        OwnerState checking = new OwnerState(o.zone(), o.quietHours(), true, 1, Optional.of(wellness), Optional.empty(),
                false);

        TriageDecision.GroupIntoCase group = assertInstanceOf(TriageDecision.GroupIntoCase.class,
                decide(alert("ACTIVITY_DRIFT", "FIRING", "MEDIUM"), checking, AFTERNOON));

        assertEquals(7, group.caseId());
    }

    @Test
    void aRecoveryBeforeEscalationClosesTheCaseWithAGladMessage() {
        TriageDecision.CloseCase close = assertInstanceOf(TriageDecision.CloseCase.class,
                decide(alert("LOW_ACTIVITY", "RESOLVED", "MEDIUM"), withCase("AWAITING_OWNER"), AFTERNOON));

        assertEquals(7, close.caseId());
        assertEquals(Optional.of("feeling-better"), close.script());
        assertTrue(close.reason().contains("timer cancelled"), close.reason());
    }

    @Test
    void aRecoveryAfterEscalationStaysWithTheAgent() {
        TriageDecision.RecordOnly record = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(alert("LOW_ACTIVITY", "RESOLVED", "MEDIUM"), withCase("ESCALATED"), AFTERNOON));

        assertEquals(Optional.of(7L), record.caseId());
        assertTrue(record.reason().contains("stays with its agent"), record.reason());
    }

    @Test
    void aFiringAlertProcessedAfterItsEpisodesRecoveryReachesNobody() {
        OwnerState o = owner();
        OwnerState recovered = new OwnerState(o.zone(), o.quietHours(), true, 0, Optional.empty(), Optional.empty(),
                true);

        TriageDecision.RecordRecovered record = assertInstanceOf(TriageDecision.RecordRecovered.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), recovered, AFTERNOON));
        assertTrue(record.reason().contains("already recovered"), record.reason());
    }

    @Test
    void aDeviceAlertGetsAFriendlyNudgeWithoutVetTriageOrTimer() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("BATTERY_LOW", "FIRING", "LOW"), owner(), AFTERNOON));

        assertEquals("device-nudge", notify.script());
        assertEquals(Optional.empty(), notify.escalateAfter());
    }

    @Test
    void aNudgeNeverBreaksQuietHoursOrTheCap() {
        TriageDecision.Notify held = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("COLLAR_OFF", "FIRING", "LOW"), owner(), LATE_EVENING));
        assertEquals(Instant.parse("2026-06-11T07:00:00Z"), held.sendAt());

        TriageDecision.RecordOnly capped = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(alert("COLLAR_OFF", "FIRING", "LOW"), withSent(owner(), 3), AFTERNOON));
        assertTrue(capped.reason().contains("capped"), capped.reason());
    }

    @Test
    void eachKindOfOutreachHasItsOwnCap() {
        TriageDecision.RecordOnly nudge = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(alert("COLLAR_OFF", "FIRING", "LOW"), withSent(owner(), 2), AFTERNOON));
        assertTrue(nudge.reason().contains("2 device messages in 24 h (cap 2)"), nudge.reason());

        assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), withSent(owner(), 2), AFTERNOON),
                "two of its kind in 24 h is within the health cap of 3");
    }

    @Test
    void recordsAnAlertWithNobodyToContactAsUnmatched() {
        TriageDecision decision = POLICY.decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), Optional.empty(),
                AFTERNOON);

        assertTrue(assertInstanceOf(TriageDecision.RecordOnly.class, decision).unmatched());
    }

    @Test
    void aCustomerInTheHoldoutGroupGetsNoProactiveOutreach() {
        TriageDecision decision = new TriagePolicy(allHeldOut(), new OutreachCaps(3, 2), STORMS).decide(
                alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), Optional.of(owner()), AFTERNOON);

        assertTrue(assertInstanceOf(TriageDecision.Holdout.class, decision).reason().contains("holdout group"));
    }

    @Test
    void holdoutNeverSwallowsAHighAlert() {
        TriageDecision decision = new TriagePolicy(allHeldOut(), new OutreachCaps(3, 2), STORMS).decide(
                alert("LOW_ACTIVITY", "FIRING", "HIGH"), Optional.of(owner()), AFTERNOON);

        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class, decision);
        assertEquals("base", notify.variant(), "the holdout withholds wording, never the alert");
        assertTrue(notify.reason().contains("a HIGH alert is never held out"), notify.reason());
    }

    private static Playbook allHeldOut() {
        return new Playbook(PLAYBOOK.rules(), PLAYBOOK.scripts(), new Experiment("all-held", 100,
                PLAYBOOK.experiment().variants()));
    }

    @Test
    void theCustomersVariantPicksItsOwnScriptAndTheReasonNamesIt() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), owner(), AFTERNOON));
        String variant = PLAYBOOK.experiment().assign("cus-1");

        assertEquals(variant, notify.variant());
        assertEquals(PLAYBOOK.scriptFor("vet-triage-lethargy", variant), notify.script());
        assertTrue(notify.reason().contains("variant " + variant), notify.reason());
    }

    @Test
    void speaksOfThePetAsItsOwnerWould() {
        assertEquals("her", new Pet("p", "Luna", "dog", "female").possessive());
        assertEquals("his", new Pet("p", "Max", "dog", "male").possessive());
        assertEquals("their", new Pet("p", "Kit", "cat", "unknown").possessive());
    }

    // Fleet storms: the policy decides the hold, from facts the step reads.

    private static FleetWatch.StormFacts firing(long firing, long known) {
        return new FleetWatch.StormFacts(Optional.empty(), List.of(new FleetWatch.FleetCount(Fleet.FIRMWARE, "4.2.0",
                firing, known)));
    }

    @Test
    void holdsTheVetTriageTextWhileAnIncidentForTheFleetIsOpen() {
        TriageDecision decision = POLICY.decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), Optional.of(owner()),
                new FleetWatch.StormFacts(Optional.of(12L), List.of()), AFTERNOON);

        TriageDecision.HoldForIncident hold = assertInstanceOf(TriageDecision.HoldForIncident.class, decision);
        assertEquals(Optional.of(12L), hold.incidentId());
        assertTrue(hold.open().isEmpty());
        assertTrue(hold.held().script().startsWith("vet-triage-lethargy"), hold.held().script());
        assertTrue(hold.reason().contains("engineering incident 12"), hold.reason());
    }

    @Test
    void opensAnIncidentWhenFiveCollarsOfASmallFleetFireTogether() {
        TriageDecision.HoldForIncident hold = assertInstanceOf(TriageDecision.HoldForIncident.class,
                POLICY.decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"), Optional.of(owner()), firing(5, 20),
                        AFTERNOON));

        TriageDecision.NewIncident incident = hold.open().orElseThrow();
        assertEquals(Fleet.FIRMWARE, incident.fleet());
        assertEquals("4.2.0", incident.key());
        assertTrue(incident.reason().contains("5 of 20 known collars on firmware 4.2.0"), incident.reason());
    }

    @Test
    void sickPetsSpreadAcrossALargeFleetAreNotAStorm() {
        assertInstanceOf(TriageDecision.Notify.class, POLICY.decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"),
                Optional.of(owner()), firing(5, 1000), AFTERNOON));
        assertInstanceOf(TriageDecision.Notify.class, POLICY.decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"),
                Optional.of(owner()), firing(4, 4), AFTERNOON), "fewer than five collars is never a storm");
    }

    @Test
    void aStormNeverHoldsAnAlertThatIsNotTextedAnyway() {
        assertInstanceOf(TriageDecision.GroupIntoCase.class, POLICY.decide(alert("LOW_ACTIVITY", "FIRING", "MEDIUM"),
                Optional.of(withCase("AWAITING_OWNER")), new FleetWatch.StormFacts(Optional.of(3L), List.of()),
                AFTERNOON));
    }
}
