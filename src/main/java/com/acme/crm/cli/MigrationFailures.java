package com.acme.crm.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.postgresql.util.PSQLException;

import com.acme.crm.schema.InvalidIndexes;
import com.acme.crm.schema.MigrationConfig;

import io.quarkus.logging.Log;

/** Says why a migrate failed, where the schema stands and what to do next; picks the exit code that goes with it. */
@ApplicationScoped
class MigrationFailures {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final Flyway flyway;
    private final MigrationConfig config;

    MigrationFailures(Flyway flyway, MigrationConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    ExitCode explain(FlywayException e) {
        SQLException cause = SqlErrors.cause(e);
        String error = cause != null ? SqlErrors.describe(cause) : e.getMessage();
        MigrationInfoService info;
        try {
            info = flyway.info();
        } catch (FlywayException unreadable) {
            Log.errorf(
                    "migrate failed: %s. The schema history could not be read afterwards either (%s): check that"
                            + " the database is up, then run 'info' and 'migrate' again",
                    error, unreadable.getMessage());
            return ExitCode.MIGRATION_FAILED;
        }
        String current = info.current() == null ? "none" : String.valueOf(info.current().getVersion());
        Optional<MigrationInfo> recordedFailure = Arrays.stream(info.all())
                .filter(m -> m.getState().isFailed() && m.getState().isResolved()).findFirst();
        if (recordedFailure.isPresent()) {
            MigrationInfo failed = recordedFailure.get();
            Log.errorf(
                    "Migration to version %s (%s) is recorded as failed; the schema is at version %s. Database error:"
                            + " %s. It ran outside a transaction, so what it did before failing stays: check the schema. Fix the"
                            + " cause (the data, or the migration in a new build), run 'repair', then 'migrate' again. The"
                            + " release that is serving keeps serving, and may be rolled back to.",
                    failed.getVersion(), failed.getScript(), current, error);
            if (SqlErrors.hasState(cause, UNIQUE_VIOLATION)) {
                reportCollisions(cause);
            }
            return ExitCode.MIGRATION_FAILED;
        }
        if (isLockWaitExhausted(e)) {
            Log.errorf("Nothing migrated: another migrate of this database held the migration lock for longer than"
                    + " CRM_MIGRATION_QUEUE_DEADLINE (%d s) or the time left; the schema is at version %s. Follow that"
                    + " migrate's log (or pg_stat_activity), then run 'migrate' again.",
                    config.queueDeadline().toSeconds(), current);
            return ExitCode.MIGRATION_FAILED;
        }
        if (e instanceof FlywayValidateException) {
            Log.errorf("Nothing migrated: the applied migrations do not match this build (schema at version %s). %s"
                    + " Never edit an applied migration: restore it, or run 'repair' if the change was deliberate.",
                    current, e.getMessage());
            return ExitCode.VALIDATION_FAILED;
        }
        if (info.current() == null && e.getMessage() != null && e.getMessage().contains("non-empty schema")) {
            Log.errorf("Nothing migrated: the schema holds tables but no migration history. If it was built by hand"
                    + " or by another tool at a version of this build, adopt it with 'baseline --version N'. %s",
                    e.getMessage());
            return ExitCode.VALIDATION_FAILED;
        }
        if (info.pending().length == 0) {
            Log.errorf("The migrations are applied (schema at version %s), but granting row access to the"
                    + " application role afterwards failed. Database error: %s. Check that CRM_DB_APP_ROLE names an"
                    + " existing role, then run 'migrate' again.", current, error);
            return ExitCode.MIGRATION_FAILED;
        }
        MigrationInfo failing = info.pending()[0];
        String next;
        if (SqlErrors.isTransient(cause)) {
            next = "It was rolled back. Find the long transaction that held it up (pg_stat_activity), or raise"
                    + " CRM_MIGRATION_LOCK_TIMEOUT / CRM_MIGRATION_LOCK_RETRIES / CRM_MIGRATION_DEADLINE, then run"
                    + " 'migrate' again.";
        } else if (SqlErrors.hasState(cause, INSUFFICIENT_PRIVILEGE)) {
            next = "It was rolled back. The role that migrates lacks a privilege: migrate must log in as the owner of"
                    + " the schema (QUARKUS_FLYWAY_USERNAME).";
        } else {
            next = "It was rolled back and the schema is unchanged. Fix the migration in a new build and run"
                    + " 'migrate' again.";
        }
        Log.errorf("Migration to version %s (%s) failed; the schema stays at version %s. Database error: %s. %s",
                failing.getVersion(), failing.getScript(), current, error, next);
        return ExitCode.MIGRATION_FAILED;
    }

    /** The failing unique index is named in the error; the rows that share a value are named by primary key. */
    private void reportCollisions(SQLException cause) {
        String index = cause instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getConstraint()
                : null;
        if (index == null) {
            return;
        }
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            InvalidIndexes.collisions(connection, index).ifPresentOrElse(
                    rows -> Log.errorf("Unique index %s cannot be built: %s. Make them unique, then run 'repair' and"
                            + " 'migrate'", index, rows),
                    () -> Log.errorf("Unique index %s cannot be built: rows share a value", index));
        } catch (SQLException lookupFailure) {
            Log.warnf("Could not list the rows that collide on %s: %s", index, lookupFailure.getMessage());
        }
    }

    /** Flyway reports running out of lock retries with a plain FlywayException: only its message tells. */
    private static boolean isLockWaitExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("retries exceeded while attempting to acquire")) {
                return true;
            }
        }
        return false;
    }
}
