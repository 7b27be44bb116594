package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The console's doors, over plain HTTP: the sign-in form and its session, CSRF on every change, sign-in posted from
 * another site, the JSON API closed to the session cookie, and a role refused what it may not do.
 */
@QuarkusTest
class ConsoleSecurityIT {
    @Test
    void aPageWithoutASessionSendsTheBrowserToSignIn() {
        Response page = given().auth().none().redirects().follow(false).get("/console");
        assertEquals(302, page.statusCode());
        assertTrue(page.header("Location").endsWith("/console/sign-in"), page.header("Location"));
    }

    @Test
    void signingInWithTheFormOpensTheQueue() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        String queue = given().auth().none().cookies(sam.cookies()).get("/console").asString();
        assertTrue(queue.contains("<h1>Queue</h1>"), queue);
        assertTrue(queue.contains("sam · times in"), "who is signed in, and the time zone times are shown in");
    }

    @Test
    void aWrongPasswordGoesBackToTheSignInPageSayingSo() {
        Response signIn = given().auth().none().redirects().follow(false)
                .formParam("j_username", "sam").formParam("j_password", "not-sams-password")
                .post("/console/j_security_check");
        assertEquals(302, signIn.statusCode());
        assertTrue(signIn.header("Location").endsWith("/console/sign-in?failed=true"), signIn.header("Location"));
        String page = given().auth().none().get("/console/sign-in?failed=true").asString();
        assertTrue(page.contains("did not match"), page);
    }

    @Test
    void aSignInPostedFromAnotherSitesPageIsRefused() {
        Response signIn = given().auth().none().redirects().follow(false).header("Origin", "https://evil.example")
                .formParam("j_username", "sam").formParam("j_password", "sam-password")
                .post("/console/j_security_check");
        assertEquals(403, signIn.statusCode());
        assertTrue(signIn.asString().contains("posted from another site"), signIn.asString());
        assertEquals(null, signIn.cookie("petwatch-session"));
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        Response take = given().auth().none().cookies(sam.cookies()).post("/console/cases/1/take");
        assertEquals(403, take.statusCode());
        assertTrue(take.asString().contains("security token"), take.asString());
    }

    @Test
    void anotherUsersTokenIsRefused() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        ConsoleSignIn lee = ConsoleSignIn.as("lee");
        Response take = given().auth().none().cookies(sam.cookies()).header(CsrfTokens.HEADER, lee.csrf())
                .post("/console/cases/1/take");
        assertEquals(403, take.statusCode());
    }

    @Test
    void withTheTokenTheChangeReachesTheCase() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        Response take = given().auth().none().cookies(sam.cookies()).header(CsrfTokens.HEADER, sam.csrf())
                .post("/console/cases/999999999/take");
        assertEquals(409, take.statusCode(), "past the CSRF check, refused by the case itself");
        assertTrue(take.asString().contains("closed or does not exist"), take.asString());
    }

    @Test
    void theJsonApiDoesNotTakeTheSessionCookie() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        Response cases = given().auth().none().cookies(sam.cookies()).get("/api/v1/cases");
        assertEquals(401, cases.statusCode(), "the API takes HTTP Basic only, so no page elsewhere can use a session");
    }

    @Test
    void anOperatorCannotTakeACase() {
        ConsoleSignIn operator = ConsoleSignIn.as("eng-oncall");
        Response take = given().auth().none().cookies(operator.cookies()).header(CsrfTokens.HEADER, operator.csrf())
                .post("/console/cases/1/take");
        assertEquals(403, take.statusCode());
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        Response out = given().auth().none().cookies(sam.cookies()).header(CsrfTokens.HEADER, sam.csrf())
                .post("/console/sign-out");
        assertEquals(204, out.statusCode());
        assertEquals("/console/sign-in", out.header("HX-Redirect"));
        String cleared = out.cookie("petwatch-session");
        assertTrue(cleared == null || cleared.isEmpty(), "the session cookie is cleared: " + cleared);
    }
}
