package com.acme.crm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI and metrics, as an orchestrator and an API consumer see them. Runs again on the packaged jar. */
@QuarkusTest
class PlatformEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/live", "/q/health/ready", "/q/health/started" })
    void health_endpoints_answer_up(String path) {
        given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openapi_describes_every_status_code_and_the_problem_schema() {
        var paths = "paths.'/api/contacts/{id}'";
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(paths + ".get.responses", hasKey("404"))
                .body(paths + ".put.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "400", "404", "409", "412", "428", "500"))
                .body(paths + ".delete.responses.keySet()", org.hamcrest.Matchers.hasItems("204", "404", "412"))
                .body("paths.'/api/contacts'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("201", "400", "409", "413", "415"))
                .body(paths + ".put.responses.'412'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.Problem.properties", hasKey("violations"));
    }

    @Test
    void prometheus_metrics_count_http_requests() {
        given().when().get("/api/contacts").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count")).header("Content-Type", notNullValue());
    }
}
