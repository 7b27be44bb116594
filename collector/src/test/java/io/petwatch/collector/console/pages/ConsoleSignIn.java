package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A member of staff signed in to the console over HTTP, as a browser would be: cookies, and the page's token. */
record ConsoleSignIn(Map<String, String> cookies, String csrf) {
    private static final Pattern TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    /** Signs in with the form (password: name-password), then opens the queue for its cookies and token. */
    static ConsoleSignIn as(String user) {
        Response signIn = given().auth().none().redirects().follow(false)
                .header("Origin", "http://localhost:" + RestAssured.port)
                .formParam("j_username", user).formParam("j_password", user + "-password")
                .post("/console/j_security_check");
        assertEquals(302, signIn.statusCode(), signIn.asString());
        String session = signIn.cookie("petwatch-session");
        assertNotNull(session, "a session cookie after signing in");
        Response queue = given().auth().none().redirects().follow(false).cookie("petwatch-session", session)
                .get("/console");
        assertEquals(200, queue.statusCode(), queue.asString());
        Matcher token = TOKEN.matcher(queue.asString());
        if (!token.find()) {
            throw new AssertionError("no CSRF token in the queue page");
        }
        return new ConsoleSignIn(Map.of("petwatch-session", session, CsrfTokens.SEED_COOKIE,
                queue.cookie(CsrfTokens.SEED_COOKIE)), token.group(1));
    }
}
