package io.petwatch.collector.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The collector describes its own API: an OpenAPI document a client generator or a reviewer can read. */
@QuarkusTest
class OpenApiIT {
    @Test
    void theOpenApiDocumentListsTheHubAndStaffEndpoints() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .asString();

        for (String path : new String[] {"/api/v1/alerts", "/api/v1/hubs/census", "/api/v1/cases", "/api/v1/channels",
                "/api/v1/incidents", "/api/v1/sms/inbound"}) {
            assertTrue(document.contains("\"" + path), "the document lists " + path);
        }
        assertTrue(document.contains("PetWatch collector"), "the document names the service");
    }
}
