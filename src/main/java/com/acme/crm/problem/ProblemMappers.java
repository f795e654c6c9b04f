package com.acme.crm.problem;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.acme.crm.problem.Problem.Violation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

/**
 * Turns the exceptions of any resource into application/problem+json responses. Client mistakes name what was wrong; a
 * database that cannot serve right now is a 503 the client may retry; anything else is a 500 whose correlation id leads
 * to the stack trace in the server log. Feature packages map their own exceptions next to their resources.
 */
public class ProblemMappers {

    /**
     * SQLSTATEs of a database that is busy or briefly gone rather than broken: lock and statement timeouts, deadlocks,
     * serialization failures, too many connections, a server shutting down or starting up.
     */
    private static final Set<String> UNAVAILABLE = Set.of("55P03", "57014", "40P01", "40001", "53300", "57P01", "57P02",
            "57P03");
    /** Seconds a client should wait before retrying a 503. */
    private static final String RETRY_AFTER = "2";

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream()
                .anyMatch(v -> kindOfLeaf(v.getPropertyPath()) == ElementKind.RETURN_VALUE)) {
            return Problem.unexpected(e);
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

    @ServerExceptionMapper({ JsonMappingException.class, MismatchedInputException.class })
    public Response unreadableJson(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse(null);
        return Problem.of(Status.BAD_REQUEST, field == null ? "The body does not have the expected JSON shape"
                : "Field '" + field + "' has the wrong type").toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return Problem.unexpected(e);
        }
        return Problem.of(status, e.getMessage()).toResponse();
    }

    /**
     * The last resort. A database error in the cause chain decides between a 503 (busy: the client may retry), a 400 (a
     * value the database cannot store: input validation missed it) and a 500.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        SQLException database = sqlCause(e);
        if (database != null && isUnavailable(database)) {
            Log.warnf("Database busy or unavailable, answered 503: %s (SQLSTATE %s)", database.getMessage(),
                    database.getSQLState());
            return Response
                    .fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE,
                            "The database is busy or unavailable right now; retry after a moment").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER).build();
        }
        if (database != null && database.getSQLState() != null && database.getSQLState().startsWith("22")) {
            Log.warnf("A request value was refused by the database, answered 400: SQLSTATE %s", database.getSQLState());
            return Problem.of(Status.BAD_REQUEST, "A value in the request cannot be stored").toResponse();
        }
        return Problem.unexpected(e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** Busy, briefly gone, or out of pooled connections (the pool's timeout carries no SQLSTATE, only its message). */
    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getMessage() != null && e.getMessage().contains("acquisition timeout");
        }
        return state.startsWith("08") || UNAVAILABLE.contains(state);
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
