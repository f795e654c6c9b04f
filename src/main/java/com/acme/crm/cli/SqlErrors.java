package com.acme.crm.cli;

import java.io.FileNotFoundException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.Set;

import org.postgresql.util.PSQLException;

/** Reads the database's own error behind Flyway's exceptions: its SQLSTATE tells what went wrong. */
final class SqlErrors {

    /** Failures that end by themselves: a lock wait, a cancelled statement, a deadlock, a serialization failure. */
    private static final Set<String> TRANSIENT_MIGRATION_FAILURES = Set.of("55P03", "57014", "40P01", "40001");

    private SqlErrors() {
    }

    /** @return the first SQLException in the cause chain, or null */
    static SQLException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * The server's message and SQLSTATE, without the detail lines that may quote row values (personal data), such as
     * "canceling statement due to lock timeout, SQLSTATE 55P03".
     */
    static String describe(SQLException e) {
        String message = e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst("^(ERROR|FATAL): ", "");
        return message + ", SQLSTATE " + e.getSQLState();
    }

    static boolean hasState(SQLException e, String sqlState) {
        return e != null && sqlState.equals(e.getSQLState());
    }

    /** A migration that failed this way may succeed when tried again, once what holds it up is gone. */
    static boolean isTransient(SQLException e) {
        return e != null && TRANSIENT_MIGRATION_FAILURES.contains(e.getSQLState());
    }

    /**
     * A connection failure that waiting cannot cure: wrong credentials or no such role (SQLSTATE class 28), no such
     * database (3D000), a login the client cannot make (08004: no password, SSL unsupported by the server) or a
     * certificate that is missing, untrusted or for another host. A handshake cut short is not one of them: a server
     * that restarts does that.
     */
    static boolean isPermanentConnectionFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28") || state.equals("3D000") || state.equals("08004")) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof GeneralSecurityException || t instanceof FileNotFoundException
                    || message.contains("SSL root certificate") || message.contains("could not be verified")) {
                return true;
            }
        }
        return false;
    }
}
