package com.acme.crm.problem;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail, the body of every error response. */
// Only ever a Response entity, which Quarkus cannot see at build time: register it for native executables.
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String correlationId,
        List<Violation> violations) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    /** One invalid input field. */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }

    static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
