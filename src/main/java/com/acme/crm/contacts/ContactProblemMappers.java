package com.acme.crm.contacts;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.postgresql.util.PSQLException;

import com.acme.crm.problem.Problem;

/** The errors that only the contacts API has, as application/problem+json. */
public class ContactProblemMappers {

    /** The unique index on lower(email) (migration V3): one contact per email address, in any letter case. */
    private static final String EMAIL_UNIQUE = "contact_email_lower_key";

    /**
     * A write of an email that another contact has. The unique index is the only check: a select before the insert
     * would cost every write a round trip and still lose a race. The index's name comes from the server's error fields,
     * which do not depend on the server's language (Hibernate reads it from the message text).
     */
    @ServerExceptionMapper
    public Response databaseConstraint(ConstraintViolationException e) {
        String constraint = e.getConstraintName();
        if (constraint == null && e.getSQLException() instanceof PSQLException psql
                && psql.getServerErrorMessage() != null) {
            constraint = psql.getServerErrorMessage().getConstraint();
        }
        if (EMAIL_UNIQUE.equals(constraint)) {
            return Problem.of(Status.CONFLICT, "Another contact already has this email address").toResponse();
        }
        return Problem.unexpected(e);
    }

    /** Another request changed the contact between our read and our write. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentChange(RuntimeException e) {
        return Problem.of(Status.PRECONDITION_FAILED, "The contact was changed by another request; read it again")
                .toResponse();
    }
}
