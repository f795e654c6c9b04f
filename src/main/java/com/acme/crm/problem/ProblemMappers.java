package com.acme.crm.problem;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.acme.crm.contacts.EmailTakenException;
import com.acme.crm.problem.Problem.Violation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

/**
 * The one place that turns exceptions into application/problem+json responses. Client mistakes name what was wrong;
 * anything else is a 500 whose detail is generic and whose correlation id leads to the stack trace in the server log.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream()
                .anyMatch(v -> kindOfLeaf(v.getPropertyPath()) == ElementKind.RETURN_VALUE)) {
            return unexpected(e);
        }
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message)).toList();
        return new Problem("about:blank", "Bad Request", 400, "The request has invalid fields", null, violations)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return Problem.of(Status.BAD_REQUEST, "Unknown property '" + e.getPropertyName() + "'").toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.of(Status.BAD_REQUEST, "The body is not well-formed JSON").toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse(null);
        return Problem.of(Status.BAD_REQUEST, field == null ? "The body does not have the expected JSON shape"
                : "Field '" + field + "' has the wrong type").toResponse();
    }

    @ServerExceptionMapper
    public Response emailTaken(EmailTakenException e) {
        return Problem.of(Status.CONFLICT, e.getMessage()).toResponse();
    }

    /** The database's unique index is the last word when two requests race for one email. */
    @ServerExceptionMapper
    public Response databaseConstraint(org.hibernate.exception.ConstraintViolationException e) {
        if (EmailTakenException.CONSTRAINT.equals(e.getConstraintName())) {
            return emailTaken(new EmailTakenException());
        }
        return unexpected(e);
    }

    /** Another request changed the contact between our read and our write. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentChange(RuntimeException e) {
        return Problem.of(Status.PRECONDITION_FAILED, "The contact was changed by another request; read it again")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e);
        }
        return Problem.of(status, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String correlationId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error, correlation id %s", correlationId);
        return new Problem("about:blank", "Internal Server Error", 500,
                "An unexpected error occurred; quote the correlation id when reporting it", correlationId, null)
                        .toResponse();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                field = node.getName();
            }
        }
        return field;
    }

    private static ElementKind kindOfLeaf(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }
}
