package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.playbook.EscalationTimer;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue as the console's pages fetch it (the rows fragment the page refreshes itself with): soonest due first,
 * narrowed by its filters, and "mine" after a take.
 */
@QuarkusTest
class ConsoleQueueIT {
    private static final Pattern ROW = Pattern.compile("data-case=\"(\\d+)\"");

    @Inject
    EscalationTimer timer;
    @Inject
    TestClock clock;

    @BeforeAll
    static void api() {
        Staff.signInAsTester();
    }

    private static List<Long> rows(ConsoleSignIn who, String query, long... of) {
        String html = given().auth().none().cookies(who.cookies()).get("/console/queue" + query).then()
                .statusCode(200).extract().asString();
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            long id = Long.parseLong(m.group(1));
            for (long wanted : of) {
                if (id == wanted) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    @Test
    void theQueueShowsWhatIsDueSoonestFirstNarrowedByItsFilters() {
        long waiting = ConsoleCases.awaitingTheOwner("q-wait", "Rolo", Severity.HIGH);
        long escalated = ConsoleCases.escalated("q-esc", "Fudge", clock, timer);
        ConsoleSignIn sam = ConsoleSignIn.as("sam");

        assertEquals(List.of(escalated, waiting), rows(sam, "", waiting, escalated),
                "escalated: due within the agent SLA (1 h); waiting for its owner: due when the 4 h timer ends");
        assertEquals(List.of(waiting), rows(sam, "?severity=HIGH", waiting, escalated));
        assertEquals(List.of(), rows(sam, "?kind=RESTLESS_NIGHTS", waiting, escalated));
        assertEquals(List.of(), rows(sam, "?held=on", waiting, escalated), "neither is held by a storm");
        assertEquals(List.of(), rows(sam, "?mine=on", waiting, escalated));

        given().auth().none().cookies(sam.cookies()).header(CsrfTokens.HEADER, sam.csrf())
                .post("/console/cases/" + escalated + "/take").then().statusCode(204);
        assertEquals(List.of(escalated), rows(sam, "?mine=on", waiting, escalated));
        assertEquals(List.of(), rows(ConsoleSignIn.as("lee"), "?mine=on", waiting, escalated), "mine is sam's");
        assertTrue(given().auth().none().cookies(sam.cookies()).get("/console/queue").asString()
                .contains("hand-back-" + escalated), "sam may hand it back");
    }
}
