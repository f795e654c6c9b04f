package com.acme.crm.problem;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail, the body of every error response. */
// Only ever a Response entity, which Quarkus cannot see at build time: register it for native executables.
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String correlationId,
        List<Violation> violations) {

    public static final String MEDIA_TYPE_NAME = "application/problem+json";
    public static final MediaType MEDIA_TYPE = MediaType.valueOf(MEDIA_TYPE_NAME);

    /** One invalid input field. */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    /** A 500 whose detail is generic and whose correlation id leads to the stack trace in the server log. */
    public static Response unexpected(Throwable e) {
        String correlationId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error, correlation id %s", correlationId);
        return new Problem("about:blank", "Internal Server Error", 500,
                "An unexpected error occurred; quote the correlation id when reporting it", correlationId, null)
                .toResponse();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
