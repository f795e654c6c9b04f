package com.acme.crm.http;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import com.acme.crm.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.vertx.ext.web.Router;

/**
 * Gives the HTTP layer's refusal of a body over {@code quarkus.http.limits.max-body-size} a problem+json body. A
 * declared length over the limit is answered here, just before the HTTP layer would answer it with an empty 413; a
 * chunked body that grows past the limit is cut off by the HTTP layer itself, with an empty 413.
 */
@Singleton
class BodySizeLimit {

    /** Just before Quarkus's own upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2). */
    private static final int BEFORE_UPLOAD_LIMIT = -3;

    @ConfigMapping(prefix = "quarkus.http.limits")
    interface Limits {
        Optional<MemorySize> maxBodySize();
    }

    void install(@Observes Router router, Limits limits, ObjectMapper json) throws JsonProcessingException {
        if (limits.maxBodySize().isEmpty()) {
            return;
        }
        long maxBytes = limits.maxBodySize().get().asLongValue();
        String problem = json.writeValueAsString(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE,
                "The body is larger than the limit of " + maxBytes + " bytes"));
        router.route().order(BEFORE_UPLOAD_LIMIT).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
                context.response().setStatusCode(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE_NAME).putHeader("Connection", "close")
                        .end(problem);
                return;
            }
            context.next();
        });
    }
}
