package com.acme.crm.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses a declared body over quarkus.http.limits.max-body-size with a problem+json 413 before it is read; the HTTP
 * layer would refuse it too, but with an empty body. (A chunked body has no length to check up front: the HTTP layer's
 * bare 413 stops it.)
 */
public class BodySizeLimit {

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "crm.http.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public Response rejectLargeBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.matches("\\d{1,18}") || Long.parseLong(length) <= maxBytes) {
            return null;
        }
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The body is larger than the limit of " + maxBytes + " bytes").toResponse();
    }
}
