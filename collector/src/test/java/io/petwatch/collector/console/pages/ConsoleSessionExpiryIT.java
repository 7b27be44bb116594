package io.petwatch.collector.console.pages;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A console session ends when it is left unused: the expiry is inside the encrypted cookie, so every instance that
 * shares the key ends it alike. Production waits 30 minutes; this profile 3 seconds.
 */
@QuarkusTest
@TestProfile(ConsoleSessionExpiryIT.ShortSessions.class)
class ConsoleSessionExpiryIT {
    /** Sessions of 3 s without use, renewed each second while in use. */
    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.form.timeout", "PT3S",
                    "quarkus.http.auth.form.new-cookie-interval", "PT1S");
        }
    }

    private static Response queue(ConsoleSignIn who) {
        return given().auth().none().redirects().follow(false).cookies(who.cookies()).get("/console");
    }

    @Test
    void aSessionLeftUnusedEndsAndTheBrowserIsSentToSignIn() {
        ConsoleSignIn sam = ConsoleSignIn.as("sam");
        assertEquals(200, queue(sam).statusCode());

        Response later = await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                .until(() -> queue(sam), r -> r.statusCode() == 302);
        assertTrue(later.header("Location").endsWith("/console/sign-in"), later.header("Location"));
    }
}
