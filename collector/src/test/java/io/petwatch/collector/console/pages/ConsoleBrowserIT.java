package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.incident.Fleet;
import io.petwatch.collector.incident.Incidents;
import io.petwatch.collector.playbook.EscalationTimer;
import io.petwatch.collector.testing.PlaybookScenario;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's pages in a real browser (Debian's headless Chromium through Selenium), as staff use them: an agent
 * works a case from the queue to an outcome, a credit is asked for by one person and approved by another, an operator
 * discards a fleet incident, the CSRF token and the roles hold, and the charts show the alert's own numbers. Each page is screenshotted into
 * target/screenshots (the README's pictures are copies).
 */
@QuarkusTest
class ConsoleBrowserIT {
    @Inject
    EscalationTimer timer;
    @Inject
    TestClock clock;
    @Inject
    Incidents incidents;

    private Browser browser;

    @BeforeAll
    static void api() {
        Staff.signInAsTester();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open("http://localhost:" + RestAssured.port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anAgentSignsInTakesACaseFromTheQueueAndRecordsItsOutcome() {
        long caseId = givenAnEscalatedCase("ui-work", "Pepper");

        browser.go("/console/sign-in");
        browser.screenshot("sign-in");
        browser.signIn("sam");
        By row = By.cssSelector("tr[data-case='" + caseId + "']");
        browser.find(row).findElement(By.xpath(".//button[normalize-space()='Take']")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(row, "Hand back"));
        assertTrue(browser.find(row).getText().contains("sam"), "the queue says who holds the case now");
        browser.screenshot("queue");
        browser.screenshotAtPhoneWidth("queue-phone");

        browser.find(row).findElement(By.linkText("Case #" + caseId)).click();
        browser.await().until(ExpectedConditions.attributeToBe(By.id("activity-chart"), "data-drawn", "true"));
        assertTrue(browser.find(By.id("case-status")).getText().contains("ESCALATED"));
        browser.screenshot("case");

        new Select(browser.find(By.id("outcome"))).selectByValue("VET_BOOKED");
        browser.type(By.id("outcome-note"), "Booked with Riverside Vets for tomorrow 9:00");
        browser.find(By.xpath("//button[normalize-space()='Record outcome']")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-status"), "VET_BOOKED"));
        assertTrue(browser.find(By.id("trail")).getText().contains("Booked with Riverside Vets"),
                "the outcome and its note are on the trail at once");
        assertEquals("CLOSED", PlaybookScenario.status(caseId));
        browser.go("/console");
        browser.find(By.id("queue-rows"));
        assertTrue(browser.driver.findElements(By.cssSelector("tr[data-case='" + caseId + "']")).isEmpty(),
                "a closed case leaves the queue");
    }

    @Test
    void theQueueCanBeWorkedWithTheKeyboardAlone() {
        long caseId = givenAnEscalatedCase("ui-keys", "Juniper");
        browser.go("/console");
        browser.find(By.id("j_username"));
        // The user name field has the focus; Tab to the password, Enter signs in.
        browser.keys("sam", Keys.TAB, "sam-password", Keys.ENTER);
        browser.await().until(ExpectedConditions.titleContains("Queue"));

        browser.keys(Keys.TAB);
        assertEquals("Skip to content", browser.focused().getText(), "the first Tab offers to skip the navigation");
        By take = By.cssSelector("tr[data-case='" + caseId + "'] button");
        browser.find(take);
        int tabs = 0;
        while (!browser.focused().equals(browser.driver.findElement(take)) && tabs++ < 80) {
            browser.keys(Keys.TAB);
        }
        assertEquals("Take", browser.focused().getText(), "the Take button is reached with Tab");
        browser.keys(Keys.ENTER);
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-case='" + caseId + "']"), "Hand back"));

        // The queue refreshes itself; a keyboard user's focus must survive it.
        browser.script("document.getElementById(arguments[0]).focus();", "hand-back-" + caseId);
        browser.script("window.refreshed = false; document.body.addEventListener('htmx:afterSettle',"
                + " function () { window.refreshed = true; }, {once: true});"
                + " htmx.trigger(document.body, 'queue-changed');");
        browser.await().until(d -> Boolean.TRUE.equals(browser.script("return window.refreshed;")));
        assertEquals("hand-back-" + caseId, browser.focused().getAttribute("id"), "focus kept across a refresh");
    }

    @Test
    void theCaseChartShowsTheAlertsHoursTheDayBeforeAndTheUsualRange() {
        long caseId = givenAnEscalatedCase("ui-chart", "Biscuit");
        browser.signIn("sam");
        browser.go("/console/cases/" + caseId);
        browser.await().until(ExpectedConditions.attributeToBe(By.id("activity-chart"), "data-drawn", "true"));

        assertEquals(numbers(ConsoleCases.Hour::activity), browser.script("return window.petwatchChart.data[1];"));
        assertEquals(numbers(ConsoleCases.Hour::baseline), browser.script("return window.petwatchChart.data[2];"));
        assertEquals(numbers(ConsoleCases.Hour::worn), browser.script("return window.petwatchChart.data[3];"));
        assertEquals(numbers(ConsoleCases.Hour::low), browser.script("return window.petwatchChart.data[4];"));
        assertEquals(numbers(ConsoleCases.Hour::high), browser.script("return window.petwatchChart.data[5];"));
        assertEquals(72L, browser.script("return Array.from(document.querySelectorAll('#evidence-table tbody tr'))"
                + ".filter(function (r) { return r.querySelector('td'); }).length;"));
        assertTrue(browser.driver.findElement(By.id("evidence-table")).getAttribute("textContent")
                .contains("The day before the window"), "the day before is told apart from the window");
    }

    @Test
    void aCreditAboveTheCapIsAskedForByAnAgentAndApprovedByASupervisor() {
        long caseId = givenAnEscalatedCase("ui-credit", "Mabel");
        browser.signIn("sam");
        browser.go("/console/cases/" + caseId);
        browser.type(By.id("credit-amount"), "40.00");
        browser.type(By.id("credit-reason"), "vet bill after the limp");
        browser.find(By.xpath("//button[normalize-space()='Grant credit']")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("credits"),
                "40.00 · PENDING_APPROVAL"));
        browser.signOut();

        browser.signIn("lee");
        browser.go("/console/approvals");
        By request = By.xpath("//article[.//a[@href='/console/cases/" + caseId + "']]");
        browser.find(request).findElement(By.name("reason")).sendKeys("receipt seen, within goodwill policy");
        browser.screenshot("approvals");
        browser.find(request).findElement(By.xpath(".//button[normalize-space()='Approve']")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.className("decided"),
                "APPROVED by lee"));
        assertTrue(browser.find(By.className("decided")).getText().contains("receipt seen, within goodwill policy"));

        browser.go("/console/cases/" + caseId);
        assertTrue(browser.find(By.id("credits")).getText().contains("40.00 · APPROVED · by sam, decided by lee"));
        assertTrue(browser.find(By.id("trail")).getText()
                .contains("lee approved the credit of 4000 cents: receipt seen, within goodwill policy"));
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefusedAndWithItGoesThrough() {
        long caseId = givenAnEscalatedCase("ui-csrf", "Ziggy");
        browser.signIn("sam");
        browser.go("/console/cases/" + caseId);
        browser.script("document.querySelector('meta[name=\"csrf-token\"]').remove();");
        browser.type(By.id("note-text"), "a note a forged page would add");
        browser.find(By.xpath("//button[normalize-space()='Add note']")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "security token"));
        assertFalse(eventDetails(caseId).stream().anyMatch(d -> d.contains("a forged page")));

        browser.go("/console/cases/" + caseId);
        browser.type(By.id("note-text"), "called, no answer; will try at 5");
        browser.find(By.xpath("//button[normalize-space()='Add note']")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("trail"), "will try at 5"));
    }

    @Test
    void anOperatorSeesNoCaseActionsAndIsRefusedTakingACase() {
        long caseId = givenAnEscalatedCase("ui-role", "Nala");
        browser.signIn("eng-oncall");
        By row = By.cssSelector("tr[data-case='" + caseId + "']");
        assertTrue(browser.find(row).findElements(By.tagName("button")).isEmpty(), "no Take button for an operator");
        browser.go("/console/cases/" + caseId);
        browser.find(By.id("trail"));
        assertTrue(browser.driver.findElements(By.id("actions-h")).isEmpty(), "no actions on the case page");

        Object status = browser.driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch('/console/cases/' + arguments[0] + '/take', {method: 'POST', credentials: 'same-origin',
                    headers: {'X-CSRF-Token': document.querySelector('meta[name="csrf-token"]').content}})
                  .then(function (r) { return r.text().then(function (t) { done(r.status + ' ' + t); }); });""",
                caseId);
        assertTrue(String.valueOf(status).startsWith("403 Your role may not do this"), String.valueOf(status));
        browser.go("/console/approvals");
        assertTrue(browser.find(By.tagName("body")).getText().contains("Your role may not do this"));
    }

    @Test
    void theKpiDashboardDrawsTheFiguresTheApiReports() {
        givenAnEscalatedCase("ui-kpi", "Olive");
        browser.signIn("tester");
        browser.go("/console/kpis");
        browser.await().until(ExpectedConditions.attributeToBe(By.id("kpi-charts"), "data-drawn", "true"));
        long cases = JsonPath.from(given().get("/api/v1/kpis").asString()).getLong("overall.cases");
        assertEquals(Long.toString(cases), browser.find(By.id("kpi-cases")).getText());
        assertEquals(5L, browser.script("return Array.from(document.querySelectorAll('#kpi-charts canvas'))"
                + ".filter(function (c) { return c.petwatchChart; }).length;"));
        browser.screenshot("kpis");
    }

    @Test
    void anOperatorDiscardsAFleetIncidentFromItsPage() {
        String firmware = "fw-ui-" + System.nanoTime();
        long id = incidents.open(Fleet.FIRMWARE, firmware, "7 of 20 collars on firmware " + firmware
                + " went quiet within the hour");
        browser.signIn("eng-oncall");
        browser.go("/console/incidents");
        By incident = By.id("incident-" + id);
        assertTrue(browser.find(incident).getText().contains("OPEN"));
        browser.screenshot("incidents");

        browser.find(incident).findElement(By.xpath(".//button[normalize-space()='Discard as device fault']")).click();
        browser.await().until(ExpectedConditions.alertIsPresent()).accept();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(incident, "decided by eng-oncall"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(incident, "DISCARDED"));
        assertTrue(browser.find(incident).findElements(By.tagName("button")).isEmpty(), "decided: no more buttons");
    }

    private long givenAnEscalatedCase(String id, String pet) {
        return ConsoleCases.escalated(id, pet, clock, timer);
    }

    private static List<Long> numbers(ConsoleCases.Column column) {
        return ConsoleCases.evidence().stream().map(column::of).toList();
    }

    private static List<String> eventDetails(long caseId) {
        return JsonPath.from(given().get("/api/v1/cases/" + caseId + "/events").asString()).<Map<String, Object>>getList("")
                .stream().map(e -> String.valueOf(e.get("detail"))).toList();
    }
}
