package com.acme.crm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.acme.crm.testsupport.AuthenticatedClient;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, OpenAPI and metrics, as an orchestrator, a monitoring system and an API consumer see them: on the management
 * interface only, never on the API's port. Runs again on the packaged jar.
 */
@QuarkusTest
@ExtendWith(AuthenticatedClient.class)
class PlatformEndpointsTest {

    /** The management interface's root, {@code /q/}. */
    @TestHTTPResource(value = "", management = true)
    URL management;

    @ParameterizedTest
    @ValueSource(strings = { "health/live", "health/ready", "health/started" })
    void health_endpoints_answer_up_on_the_management_port(String path) {
        given().when().get(management + path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/ready", "/q/metrics", "/q/openapi" })
    void the_api_port_serves_none_of_them(String path) {
        given().when().get(path).then().statusCode(404);
    }

    @Test
    void openapi_describes_every_status_code_the_problem_schema_and_the_bearer_scheme() {
        var paths = "paths.'/api/contacts/{id}'";
        given().queryParam("format", "json").when().get(management + "openapi").then()
                .statusCode(200).body(paths + ".get.responses", hasKey("404"))
                .body(paths + ".put.responses.keySet()",
                        hasItems("200", "400", "401", "403", "404", "409", "412", "428", "500", "503"))
                .body(paths + ".delete.responses.keySet()", hasItems("204", "401", "403", "404", "412", "428"))
                .body("paths.'/api/contacts'.post.responses.keySet()", hasItems("201", "400", "409", "413", "415"))
                .body(paths + ".put.responses.'412'.'$ref'", equalTo("#/components/responses/PreconditionFailed"))
                .body("components.responses.PreconditionFailed.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.responses.Unavailable.description", containsString("Retry-After"))
                .body("components.schemas.Problem.properties", hasKey("violations"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body(paths + ".put.security[0]", hasKey("bearer"));
    }

    @Test
    void openapi_says_which_listing_figures_are_bounded_and_what_next_is() {
        var page = "components.schemas.ContactPage.properties";
        given().queryParam("format", "json").when().get(management + "openapi").then().statusCode(200)
                .body(page + ".totalItems.description", containsString("exact up to 10000"))
                .body(page + ".totalItemsExact.description", containsString("at least 10000"))
                .body(page + ".totalPages.description", containsString("exact only when totalItemsExact is true"))
                .body(page + ".next.description", containsString("send it as after"))
                .body("paths.'/api/contacts'.get.parameters.find { it.name == 'after' }.description",
                        containsString("keyset pagination"));
    }

    @Test
    void prometheus_metrics_count_http_requests() {
        given().when().get("/api/contacts").then().statusCode(200);
        given().when().get(management + "metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count")).header("Content-Type", notNullValue());
    }

    @Test
    void readiness_names_versions_only_never_database_details() {
        given().when().get(management + "health/ready").then().statusCode(200)
                .body(not(containsString("jdbc:"))).body(not(containsString("localhost")))
                .body(not(containsString("crm_app")));
    }
}
