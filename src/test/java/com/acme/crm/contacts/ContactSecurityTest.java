package com.acme.crm.contacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.acme.crm.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Nobody reaches contact data without a valid token and the scope: every endpoint against no token, every kind of bad
 * token, a good token without the scope, and one with it. Runs again on the packaged jar.
 */
@QuarkusTest
class ContactSecurityTest {

    /** One endpoint: how to call it, and the scope it needs. */
    record Endpoint(String name, String scope,
            java.util.function.Function<RequestSpecification, io.restassured.response.Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String CONTACT = """
            {"firstName":"Secret","lastName":"Agent","email":"%s"}""";

    static List<Endpoint> endpoints() {
        return List.of(new Endpoint("GET /api/contacts", TestTokens.READ, r -> r.get("/api/contacts")),
                new Endpoint("GET /api/contacts/{id}", TestTokens.READ, r -> r.get("/api/contacts/{id}", existing())),
                new Endpoint("POST /api/contacts", TestTokens.WRITE,
                        r -> r.contentType(ContentType.JSON).body(CONTACT.formatted(email())).post("/api/contacts")),
                new Endpoint("PUT /api/contacts/{id}", TestTokens.WRITE,
                        r -> r.contentType(ContentType.JSON).header("If-Match", "\"0\"").body(CONTACT.formatted(email()))
                                .put("/api/contacts/{id}", existing())),
                new Endpoint("DELETE /api/contacts/{id}", TestTokens.WRITE,
                        r -> r.header("If-Match", "\"0\"").delete("/api/contacts/{id}", existing())));
    }

    /** Every way a token must be refused: name, then the Authorization header (null for none). */
    static List<Arguments> refusedTokens() {
        List<Supplier<String>> tokens = List.of(() -> null, () -> "Bearer not.a.jwt", () -> "Bearer",
                () -> "Basic dXNlcjpwYXNz", () -> "Bearer " + TestTokens.token().unsigned(),
                () -> "Bearer " + TestTokens.token().hmacWithThePublicKey(),
                () -> "Bearer " + TestTokens.token().signedByAnUntrustedKey().sign(),
                () -> "Bearer " + TestTokens.token().shiftedBy(-3_600).sign(),
                () -> "Bearer " + TestTokens.token().shiftedBy(3_600).sign(),
                () -> "Bearer " + TestTokens.token().issuer("https://other-issuer.invalid").sign(),
                () -> "Bearer " + TestTokens.token().audience("another-service").sign());
        List<String> names = List.of("no token", "malformed", "empty bearer", "basic credentials", "alg none",
                "HMAC with the public key", "untrusted key", "expired", "not yet valid", "wrong issuer",
                "wrong audience");
        return endpoints().stream().flatMap(endpoint -> Stream.iterate(0, i -> i < names.size(), i -> i + 1)
                .map(i -> Arguments.of(endpoint, names.get(i), tokens.get(i)))).toList();
    }

    @ParameterizedTest(name = "{0} with {1}: 401")
    @MethodSource("refusedTokens")
    void a_missing_or_invalid_token_answers_401_problem_with_a_bearer_challenge(Endpoint endpoint, String kind,
            Supplier<String> authorization) {
        RequestSpecification request = given();
        String header = authorization.get();
        if (header != null) {
            request.header("Authorization", header);
        }
        var response = endpoint.call().apply(request);

        assertThat(response.statusCode()).as(kind).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} without its scope: 403")
    @MethodSource("endpoints")
    void a_valid_token_without_the_scope_answers_403_problem(Endpoint endpoint) {
        String otherScope = endpoint.scope().equals(TestTokens.READ) ? TestTokens.WRITE : TestTokens.READ;
        var response = endpoint.call().apply(given().header("Authorization", TestTokens.bearer(otherScope)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("The token lacks the scope this request needs");
    }

    @ParameterizedTest(name = "{0} with its scope: 2xx")
    @MethodSource("endpoints")
    void a_valid_token_with_the_scope_is_served(Endpoint endpoint) {
        var response = endpoint.call().apply(given().header("Authorization", TestTokens.bearer(endpoint.scope())));

        assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
    }

    /** A contact to read, replace or delete, created as a writer. */
    private static long existing() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.WRITE)).contentType(ContentType.JSON)
                .body(CONTACT.formatted(email())).post("/api/contacts").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private static String email() {
        return "secret-" + java.util.UUID.randomUUID() + "@example.com";
    }
}
