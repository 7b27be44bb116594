package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.collector.playbook.EscalationTimer;
import io.petwatch.collector.testing.PlaybookScenario;
import io.petwatch.collector.testing.TestClock;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.HourlyActivity;
import io.petwatch.proto.v1.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Given cases for the console's ITs: a customer of the test's own (no other test uses the collar) and a lethargy
 * alert with the day before its window and 48 hours of evidence, with the pet's usual range. Staff must be signed in
 * to the API ({@link io.petwatch.collector.testing.Staff#signInAsTester()}).
 */
final class ConsoleCases {
    private static final String HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,breed,vet_clinic,collar_id,hub_id\n";

    private ConsoleCases() {
    }

    record Hour(long activity, long baseline, long worn, long low, long high) {
    }

    interface Column {
        long of(Hour hour);
    }

    /** The day before the window (24 hours, the pet as usual), then the window (48 hours, low). */
    static List<Hour> evidence() {
        List<Hour> hours = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            long baseline = 100 + (i % 24) * 3L;
            long activity = i < 24 ? baseline - 5 + i % 10 : 10 + (i * 7L) % 40;
            hours.add(new Hour(activity, baseline, i == 29 ? 30 : 60, baseline - 20, baseline + 25));
        }
        return hours;
    }

    /** A case texted just now: it waits for the owner, and an agent takes over in four hours. */
    static long awaitingTheOwner(String id, String pet, Severity severity) {
        return awaitingTheOwner(id, pet, severity, Instant.now());
    }

    /** A case texted a little over four hours ago and unanswered: escalated, it waits in the queue for an agent. */
    static long escalated(String id, String pet, TestClock clock, EscalationTimer timer) {
        Instant texted = Instant.now().minus(Duration.ofHours(4)).minus(Duration.ofMinutes(5));
        clock.set(texted);
        try {
            long caseId = awaitingTheOwner(id, pet, Severity.MEDIUM, texted);
            clock.reset();
            timer.escalateDue(Instant.now());
            assertEquals("ESCALATED", PlaybookScenario.status(caseId));
            return caseId;
        } finally {
            clock.reset();
        }
    }

    private static long awaitingTheOwner(String id, String pet, Severity severity, Instant detected) {
        upload(id, pet, severity, detected);
        long caseId = PlaybookScenario.id(PlaybookScenario.caseFor(id + "-collar"));
        await().atMost(Duration.ofSeconds(20)).until(() -> PlaybookScenario.caseById(caseId).get("escalateAt") != null);
        return caseId;
    }

    private static void upload(String id, String pet, Severity severity, Instant detected) {
        given().contentType("text/csv").body(HEADER + String.format("%1$s,Robin,Ash,+4477008%2$05d,%1$s@example.com,"
                + "Europe/London,SMS,yes,yes,,%1$s-pet,%3$s,dog,Border Collie,Riverside Vets,%1$s-collar,hub-demo%n",
                id, Math.abs(id.hashCode() % 90000), pet)).post("/api/v1/customers/import").then().statusCode(200);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Evidence.Builder evidence = Evidence.newBuilder().setActivityRatio(0.3f).setWornCoverage(0.99f);
        List<Hour> hours = evidence();
        for (int i = 0; i < hours.size(); i++) {
            HourlyActivity hour = HourlyActivity.newBuilder()
                    .setHourStartMs(end.minus(Duration.ofHours(72 - i)).toEpochMilli())
                    .setActivity((int) hours.get(i).activity()).setBaseline((int) hours.get(i).baseline())
                    .setWornMinutes((int) hours.get(i).worn()).setBaselineLow((int) hours.get(i).low())
                    .setBaselineHigh((int) hours.get(i).high()).build();
            if (i < 24) {
                evidence.addBeforeWindow(hour);
            } else {
                evidence.addHourly(hour);
            }
        }
        Alert alert = PlaybookScenario.alert("hub-demo", id + "-collar", AlertState.FIRING, severity,
                AlertKind.LOW_ACTIVITY).toBuilder().setEvidence(evidence)
                .setWindowStartMs(end.minus(Duration.ofHours(48)).toEpochMilli()).setWindowEndMs(end.toEpochMilli())
                .setDetectedAtMs(detected.minusSeconds(3).toEpochMilli()).build();
        PlaybookScenario.upload("hub-demo", "demo-hub-token", alert);
    }
}
