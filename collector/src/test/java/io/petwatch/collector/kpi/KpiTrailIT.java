package io.petwatch.collector.kpi;

import static io.petwatch.collector.testing.PlaybookScenario.alert;
import static io.petwatch.collector.testing.PlaybookScenario.lethargy;
import static io.petwatch.collector.testing.PlaybookScenario.textBack;
import static io.petwatch.collector.testing.PlaybookScenario.upload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPIs are read from the audit trail ({@link KpiIT} counts a hand-written week of it); here real conversations
 * write that trail, and each event the KPIs read is there in the shape they read it.
 */
@QuarkusTest
class KpiTrailIT {
    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    Households households;
    @Inject
    Jdbc jdbc;

    private long textedCase(Household h) {
        upload("hub-demo", "demo-hub-token", lethargy(h.collarId(), Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(h, "MESSAGE_SENT", KpiQueries.FIRST_TEXT) == 1);
        return jdbc.first("SELECT id FROM outreach_cases WHERE customer_id = ?", r -> r.getLong(1), h.customerId())
                .orElseThrow();
    }

    private long events(Household h, String kind, String detailPattern) {
        return jdbc.count("SELECT count(*) FROM case_events e JOIN outreach_cases oc ON oc.id = e.case_id"
                + " WHERE oc.customer_id = ? AND e.kind = ? AND e.detail ~ ?", h.customerId(), kind, detailPattern);
    }

    @Test
    void aReassuredOwnerAndARecoveryWriteWhatTicketsPreventedCounts() {
        Household h = households.create("Tilly", Optional.empty());
        textedCase(h);
        assertEquals(200, textBack(h.phone(), "Thanks, she's eating again", true));
        upload("hub-demo", "demo-hub-token", alert("hub-demo", h.collarId(), AlertState.RESOLVED, Severity.MEDIUM,
                AlertKind.LOW_ACTIVITY));

        await().atMost(Duration.ofSeconds(20)).until(() -> events(h, "RESOLVED", ".") == 1);
        assertEquals(1, events(h, "OPENED", "."));
        assertEquals(1, events(h, "OWNER_REPLIED", "."));
        assertEquals(0, events(h, "ESCALATED", ".") + events(h, "TASK_OPENED", "."));
    }

    @Test
    void aWorriedOwnerAndAnAgentsFalseAlarmWriteWhatEscalationsAndFalseAlarmsCount() {
        Household h = households.create("Moss", Optional.empty());
        long caseId = textedCase(h);
        assertEquals(200, textBack(h.phone(), "he's worse, what do I do?", true));
        Staff.as("sam").contentType("application/json").body("{\"outcome\":\"FALSE_ALARM\",\"note\":\"at the groomer\"}")
                .post("/api/v1/cases/" + caseId + "/outcome").then().statusCode(200);

        assertEquals(1, events(h, "TASK_OPENED", "."));
        assertEquals(1, events(h, "ESCALATED", "."));
        assertEquals(1, events(h, "OUTCOME", KpiQueries.AGENT_OUTCOME));
        assertEquals(1, events(h, "OUTCOME", "^FALSE_ALARM "));
    }
}
