package com.acme.crm.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Sets the session's timeouts just before each migration runs, by the kind of migration:
 * <ul>
 * <li>a transactional migration waits at most CRM_MIGRATION_LOCK_TIMEOUT for a table lock: while it waits, every query
 * on the table queues behind it, so it gives up early and is retried;</li>
 * <li>a non-transactional one (CREATE INDEX CONCURRENTLY) waits for its locks without a limit: it takes only SHARE
 * UPDATE EXCLUSIVE, which blocks no reads or writes, and must outwait every older transaction. INVALID indexes left by
 * an earlier attempt are dropped first.</li>
 * </ul>
 * Every statement stops at CRM_MIGRATION_STATEMENT_TIMEOUT or at the migrate deadline, whichever comes first.
 */
@Singleton
public class MigrationSessionPolicy implements Callback {

    private final MigrationConfig config;
    private final MigrationDeadline deadline;

    MigrationSessionPolicy(MigrationConfig config, MigrationDeadline deadline) {
        this.config = config;
        this.deadline = deadline;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            // Flyway runs a transactional migration, and this callback, inside the transaction it opened.
            boolean transactional = !connection.getAutoCommit();
            if (transactional) {
                s.execute("set lock_timeout = " + config.lockTimeout().toMillis());
            } else {
                s.execute("set lock_timeout = 0");
                InvalidIndexes.dropLeftBehind(connection);
            }
            s.execute("set statement_timeout = " + deadline.cap(config.statementTimeout()).toMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the session for the migration: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "session policy";
    }
}
