package io.petwatch.collector.throttle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Staff;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing staff passwords and hub tokens against the real collector, with the production limits: 10 failures per
 * address, 20 per account. Each test guesses from addresses of its own (X-Forwarded-For, trusted from 127.0.0.1 in
 * this profile only), so the other ITs' sign-ins never meet these counts.
 */
@QuarkusTest
@TestProfile(GuessThrottleIT.ProductionLimits.class)
class GuessThrottleIT {
    /** The production limits, which the shared %test profile loosens for 127.0.0.1, and a proxy to trust. */
    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.petwatch.auth-throttle.source.failures", "10",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,[::1]");
        }
    }

    @BeforeAll
    static void signedOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    private static Response signIn(String user, String password, String from) {
        return given().auth().preemptive().basic(user, password).header("X-Forwarded-For", from)
                .get("/api/v1/cases");
    }

    private static Response upload(String hubId, String token, String from) {
        Alert alert = Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(hubId)
                .setCollarId("collar-throttle").setKind(AlertKind.COLLAR_OFF).setState(AlertState.FIRING)
                .setSeverity(Severity.LOW).setWindowStartMs(1_000).setWindowEndMs(2_000).setDetectedAtMs(2_000)
                .setDetector(Detector.newBuilder().setName("collar-off").setVersion("1")).build();
        return given().auth().preemptive().basic(hubId, token).header("X-Forwarded-For", from)
                .contentType("application/x-protobuf")
                .body(AlertBatch.newBuilder().setHubId(hubId).addAlerts(alert).build().toByteArray())
                .post("/api/v1/alerts");
    }

    /** A counter or gauge from /q/metrics, 0 before it is first counted. */
    private static double metric(String name, String... labels) {
        return given().get("/q/metrics").asString().lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static int retryAfter(Response refused) {
        return Integer.parseInt(refused.then().statusCode(429).extract().header("Retry-After"));
    }

    @Test
    void wrongStaffPasswordsFromOneAddressAreSlowedDownWhileTheRightPasswordFromAnotherGetsIn() {
        double failures = metric("petwatch_auth_failures_total", "kind=\"staff\"");
        double throttled = metric("petwatch_auth_throttled_total", "kind=\"staff\"", "scope=\"source\"");

        for (int i = 0; i < 10; i++) {
            signIn("sam", "guess-" + i, "203.0.113.7").then().statusCode(401);
        }
        Response refused = signIn("sam", "guess-10", "203.0.113.7");

        int wait = retryAfter(refused);
        assertTrue(wait >= 1 && wait <= 90, "Retry-After " + wait + " s: the first lockout is 90 s");
        refused.then().contentType("application/json").body("error", containsString("from this address"));
        signIn("sam", "sam-password", "203.0.113.7").then().statusCode(429);
        signIn("sam", "sam-password", "198.51.100.23").then().statusCode(200);
        assertEquals(failures + 10, metric("petwatch_auth_failures_total", "kind=\"staff\""),
                "only checked passwords count");
        assertEquals(throttled + 2, metric("petwatch_auth_throttled_total", "kind=\"staff\"", "scope=\"source\""));
        assertTrue(metric("petwatch_auth_throttle_tracked", "kind=\"staff\"", "scope=\"source\"") >= 1);
    }

    private static Response formSignIn(String user, String password, String from) {
        return given().redirects().follow(false).header("X-Forwarded-For", from).formParam("j_username", user)
                .formParam("j_password", password).post("/console/j_security_check");
    }

    @Test
    void theConsolesSignInFormIsThrottledLikeTheApi() {
        for (int i = 0; i < 10; i++) {
            Response wrong = formSignIn("eng-oncall", "guess-" + i, "203.0.113.90");
            assertEquals(302, wrong.statusCode());
            assertTrue(wrong.header("Location").endsWith("/console/sign-in?failed=true"), wrong.header("Location"));
        }

        Response refused = formSignIn("eng-oncall", "eng-oncall-password", "203.0.113.90");
        assertTrue(refused.statusCode() == 302 && refused.header("Location").endsWith("?failed=true")
                || refused.statusCode() == 429, "the right password from the guessing address gets no session: "
                + refused.statusCode() + " " + refused.header("Location"));
        assertEquals(null, refused.cookie("petwatch-session"));
        signIn("eng-oncall", "eng-oncall-password", "203.0.113.90").then().statusCode(429);
        Response elsewhere = formSignIn("eng-oncall", "eng-oncall-password", "198.51.100.90");
        assertEquals(302, elsewhere.statusCode());
        assertTrue(elsewhere.header("Location").endsWith("/console"), elsewhere.header("Location"));
        assertTrue(elsewhere.cookie("petwatch-session") != null, "signed in from another address");
    }

    @Test
    void wrongHubTokensFromOneAddressAreSlowedDownWhileTheHubItselfStillUploads() {
        String hubId = "hub-throttle-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Staff.as("eng-oncall").contentType("application/json").body("{\"hubId\":\"" + hubId + "\"}")
                .post("/api/v1/hubs").then().statusCode(201).extract().path("token");
        double failures = metric("petwatch_auth_failures_total", "kind=\"hub\"");
        double throttled = metric("petwatch_auth_throttled_total", "kind=\"hub\"", "scope=\"source\"");

        for (int i = 0; i < 10; i++) {
            upload(hubId, "guess-" + i, "203.0.113.40").then().statusCode(401);
        }
        Response refused = upload(hubId, "guess-10", "203.0.113.40");

        int wait = retryAfter(refused);
        assertTrue(wait >= 1 && wait <= 90, "Retry-After " + wait + " s");
        refused.then().contentType("application/json").body("error", containsString("wrong hub tokens"));
        upload(hubId, token, "203.0.113.40").then().statusCode(429);
        upload(hubId, token, "198.51.100.41").then().statusCode(200);
        assertEquals(failures + 10, metric("petwatch_auth_failures_total", "kind=\"hub\""));
        assertEquals(throttled + 2, metric("petwatch_auth_throttled_total", "kind=\"hub\"", "scope=\"source\""));
    }

    @Test
    void anAccountGuessedFromManyAddressesIsLockedOnlyBriefly() {
        double lockouts = metric("petwatch_auth_lockouts_total", "kind=\"staff\"", "scope=\"account\"");
        for (int i = 0; i < 20; i++) {
            signIn("lee", "guess-" + i, "192.0.2." + (i + 1)).then().statusCode(401);
        }

        Response refused = signIn("lee", "lee-password", "198.51.100.60");

        int wait = retryAfter(refused);
        assertTrue(wait >= 1 && wait <= 60, "Retry-After " + wait + " s: an account waits a minute at most");
        refused.then().body("error", containsString("for this user"));
        assertEquals(lockouts + 1, metric("petwatch_auth_lockouts_total", "kind=\"staff\"", "scope=\"account\""));
        // Lee, at her own address, is let in as soon as the account's short lockout is over.
        await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(wait + 30))
                .until(() -> signIn("lee", "lee-password", "198.51.100.61").statusCode() == 200);
    }
}
