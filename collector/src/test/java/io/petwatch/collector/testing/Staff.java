package io.petwatch.collector.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Support staff signing in to the collector under test (users from the %test profile: password is name-password). */
public final class Staff {
    private Staff() {
    }

    /** From now on every request of this test JVM signs in as the tester (every role), unless it says otherwise. */
    public static void signInAsTester() {
        RestAssured.authentication = RestAssured.preemptive().basic("tester", "tester-password");
    }

    /** A request signed in as: sam (agent), lee (supervisor), eng-oncall (operator) or crm-sync (crm). */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-password");
    }
}
