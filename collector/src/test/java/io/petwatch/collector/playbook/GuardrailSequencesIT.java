package io.petwatch.collector.playbook;

import static io.petwatch.collector.testing.PlaybookScenario.alert;
import static io.petwatch.collector.testing.PlaybookScenario.lethargy;
import static io.petwatch.collector.testing.PlaybookScenario.textBack;
import static io.petwatch.collector.testing.PlaybookScenario.upload;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.FlakySmsSender;
import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guardrails as invariants under generated sequences, on the real collector and PostgreSQL: alerts, recoveries,
 * owners' replies, STOP and START, CRM imports that withdraw consent, agents' outcomes and credit grants, in an order
 * drawn from a seed, for two households. After every step: no case or customer is past a credit cap with what was
 * granted alone, and no case step has more than one live message; at every hand-over to the SMS provider: the owner
 * has consent. A failure names the seed and the steps that led to it.
 *
 * <p>Plain seeded sequences rather than jqwik: jqwik's authors ask AI agents not to use it, and these few rules
 * need no shrinking to be read.
 */
@QuarkusTest
class GuardrailSequencesIT {
    private static final int SEQUENCES = 6;
    private static final int STEPS = 18;
    private static final int CASE_CAP_CENTS = 2500;
    private static final int CUSTOMER_CAP_CENTS = 10_000;
    private static final List<String> REPLIES = List.of("Thanks, he's fine now", "He's worse, what do I do?", "HELP",
            "maybe later", "YES", "Booked the vet for tomorrow");
    private static final List<String> OUTCOMES = List.of("VET_BOOKED", "OWNER_REASSURED", "FALSE_ALARM",
            "COULD_NOT_REACH");

    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    Households households;
    @Inject
    Jdbc jdbc;
    @Inject
    FlakySmsSender sms;

    /** What the test believes of each number's consent, and every text handed over against it. */
    private final Map<String, Boolean> consent = new HashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWatching() {
        sms.unwatch();
    }

    @TestFactory
    Stream<DynamicTest> noSequenceOfGrantsClosesRepliesAndImportsBreaksTheCapsConsentOrOneTextPerStep() {
        return IntStream.rangeClosed(1, SEQUENCES).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> run(seed)));
    }

    private void run(long seed) {
        Random random = new Random(seed);
        List<Household> homes = List.of(households.create("Biscuit", Optional.empty()),
                households.create("Pepper", Optional.empty()));
        homes.forEach(h -> consent.put(h.phone(), true));
        violations.clear();
        sms.watch(m -> {
            if (consent.containsKey(m.to()) && !consent.get(m.to()) && !m.template().equals("stop-confirmation")) {
                violations.add(m.template() + " texted to " + m.to() + " without consent");
            }
        });
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            Household h = homes.get(random.nextInt(homes.size()));
            steps.add(step(h, random));
            String trail = "seed " + seed + ", after " + String.join("; ", steps);
            assertEquals(List.of(), violations, trail);
            assertEquals(List.of(), overCap(homes), trail);
            assertEquals(List.of(), twoLiveMessagesForOneStep(homes), trail);
        }
        homes.forEach(this::quiesce);
        assertEquals(List.of(), violations, "seed " + seed + " at the end: " + String.join("; ", steps));
    }

    /** One step drawn from the seed; returns what it did, for the failure message. */
    private String step(Household h, Random random) {
        String who = h.petName() + ": ";
        switch (random.nextInt(9)) {
            case 0, 1 -> {
                Severity severity = random.nextInt(4) == 0 ? Severity.HIGH : Severity.MEDIUM;
                triage(lethargy(h.collarId(), severity));
                return who + "alert " + severity;
            }
            case 2 -> {
                triage(alert("hub-demo", h.collarId(), AlertState.RESOLVED, Severity.MEDIUM, AlertKind.LOW_ACTIVITY));
                return who + "recovered";
            }
            case 3 -> {
                String reply = REPLIES.get(random.nextInt(REPLIES.size()));
                if (reply.equals("YES")) {
                    consent.put(h.phone(), true); // YES from an opted-out owner opts back in; nothing is lost if not
                }
                assertEquals(200, textBack(h.phone(), reply, true));
                return who + "replied '" + reply + "'";
            }
            case 4 -> {
                boolean stop = random.nextBoolean();
                if (stop) {
                    quiesce(h); // a text already on its way when STOP arrives is not what this checks
                    assertEquals(200, textBack(h.phone(), "STOP", true));
                    consent.put(h.phone(), false);
                } else {
                    consent.put(h.phone(), true);
                    assertEquals(200, textBack(h.phone(), "START", true));
                }
                return who + (stop ? "STOP" : "START");
            }
            case 5 -> {
                boolean yes = random.nextBoolean();
                if (!yes) {
                    quiesce(h);
                }
                importConsent(h, yes);
                if (!yes) {
                    consent.put(h.phone(), false); // an import can withdraw consent, never give it back
                }
                return who + "CRM import sms_consent=" + (yes ? "yes" : "no");
            }
            case 6 -> {
                Optional<Long> open = latestCase(h, true);
                String outcome = OUTCOMES.get(random.nextInt(OUTCOMES.size()));
                open.ifPresent(id -> Staff.as("sam").contentType("application/json")
                        .body("{\"outcome\":\"" + outcome + "\"}").post("/api/v1/cases/" + id + "/outcome")
                        .then().statusCode(200));
                return who + open.map(id -> "case " + id + " closed " + outcome).orElse("no open case to close");
            }
            default -> {
                Optional<Long> any = latestCase(h, false);
                int cents = 100 + random.nextInt(20) * 100;
                any.ifPresent(id -> {
                    int status = Staff.as("sam").contentType("application/json")
                            .body("{\"amountCents\":" + cents + ",\"reason\":\"goodwill\"}")
                            .post("/api/v1/cases/" + id + "/credits").statusCode();
                    assertTrue(status == 200 || status == 201 || status == 202 || status == 409,
                            "a grant is taken, waits for approval or is refused on a closed case; was " + status);
                });
                return who + any.map(id -> "grant " + cents + " on case " + id).orElse("no case for a grant");
            }
        }
    }

    private void triage(Alert alert) {
        upload("hub-demo", "demo-hub-token", alert);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count(
                "SELECT count(*) FROM alerts WHERE alert_id = ? AND status <> 'RECEIVED'", alert.getAlertId()) == 1);
    }

    private void importConsent(Household h, boolean yes) {
        String csv = "customer_id,first_name,last_name,mobile,pet_id,pet_name,species,collar_id,hub_id,sms_consent\n"
                + String.join(",", h.customerId(), "Sam", "Tester", h.phone(), h.petId(), h.petName(), "dog",
                h.collarId(), "hub-demo", yes ? "yes" : "no") + "\n";
        given().contentType("text/csv").body(csv).post("/api/v1/customers/import").then().statusCode(200);
    }

    private Optional<Long> latestCase(Household h, boolean openOnly) {
        return jdbc.first("SELECT id FROM outreach_cases WHERE customer_id = ?"
                + (openOnly ? " AND closed_at IS NULL" : "") + " ORDER BY id DESC LIMIT 1",
                r -> r.getLong(1), h.customerId());
    }

    /** Until the relay has handed over or given up every text of the household that is due. */
    private void quiesce(Household h) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count("SELECT count(*) FROM messages"
                + " WHERE customer_id = ? AND status = 'QUEUED' AND send_after <= now()", h.customerId()) == 0);
    }

    /** Cases and customers past a cap with what was granted alone (a supervisor's approval is not alone). */
    private List<String> overCap(List<Household> homes) {
        List<String> over = new ArrayList<>();
        for (Household h : homes) {
            over.addAll(jdbc.query("SELECT case_id, sum(amount_cents) FROM credits WHERE customer_id = ?"
                    + " AND status = 'GRANTED' GROUP BY case_id HAVING sum(amount_cents) > ?",
                    r -> "case " + r.getLong(1) + " granted " + r.getLong(2) + " alone", h.customerId(),
                    CASE_CAP_CENTS));
            long customer = jdbc.first("SELECT coalesce(sum(amount_cents), 0) FROM credits WHERE customer_id = ?"
                    + " AND status = 'GRANTED' AND created_at > now() - interval '30 days'",
                    r -> r.getLong(1), h.customerId()).orElseThrow();
            if (customer > CUSTOMER_CAP_CENTS) {
                over.add("customer " + h.customerId() + " granted " + customer + " alone in 30 days");
            }
        }
        return over;
    }

    /** Case steps with more than one message still going out or gone (a failed channel's fallback is fine). */
    private List<String> twoLiveMessagesForOneStep(List<Household> homes) {
        List<String> twice = new ArrayList<>();
        for (Household h : homes) {
            twice.addAll(jdbc.query("SELECT case_id, template, count(*) FROM messages WHERE customer_id = ?"
                    + " AND case_id IS NOT NULL AND status IN ('QUEUED', 'SENT', 'HELD')"
                    + " GROUP BY case_id, template HAVING count(*) > 1",
                    r -> "case " + r.getLong(1) + " has " + r.getLong(3) + " live '" + r.getString(2) + "' messages",
                    h.customerId()));
        }
        return twice;
    }
}
