package com.acme.crm.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * REST Assured requests of a test carry a valid bearer token with both scopes, as a signed-in client's do, unless the
 * test sets its own. A filter rather than a default request specification: one would pin the port the application
 * listened on when it was built.
 */
public final class AuthenticatedClient implements BeforeEachCallback, AfterEachCallback {

    private static final String SIGNED_IN = TestTokens.bearer(TestTokens.READ + " " + TestTokens.WRITE);
    private static final Filter AUTHORIZATION = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", SIGNED_IN);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssured.filters(AUTHORIZATION);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Filter> others = new ArrayList<>(RestAssured.filters());
        others.remove(AUTHORIZATION);
        RestAssured.replaceFiltersWith(others);
    }
}
