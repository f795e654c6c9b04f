package com.acme.crm.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

import com.acme.crm.schema.MigrationConfig;

import io.quarkus.logging.Log;

/** {@code migrate}: applies the pending migrations of this build, retrying those that hit the lock timeout. */
@ApplicationScoped
class MigrateCommand {

    /** PostgreSQL's SQLSTATE for lock_not_available, raised when lock_timeout expires. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Flyway flyway;
    private final MigrationConfig config;

    MigrateCommand(Flyway flyway, MigrationConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    ExitCode run() throws InterruptedException {
        long started = System.nanoTime();
        Duration backoff = config.lockRetryBackoff();
        for (int attempt = 0;; attempt++) {
            try {
                report(flyway.migrate(), started);
                return ExitCode.OK;
            } catch (FlywayException e) {
                SQLException cause = SqlErrors.cause(e);
                boolean lockTimeout = cause != null && LOCK_NOT_AVAILABLE.equals(cause.getSQLState());
                if (lockTimeout && attempt < config.lockRetries() && !failedEntryRecorded()) {
                    Log.warnf(
                            "A migration gave up waiting for a table lock (lock_timeout %d ms): another"
                                    + " transaction holds it. Nothing was applied by it; retry %d of %d in %d ms",
                            config.lockTimeout().toMillis(), attempt + 1, config.lockRetries(), backoff.toMillis());
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2);
                    continue;
                }
                return explainFailure(e, cause, lockTimeout);
            }
        }
    }

    private static void report(MigrateResult result, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.migrationsExecuted == 0) {
            Log.infof("Schema is up to date at version %s; nothing to migrate", orNone(result.initialSchemaVersion));
        } else {
            Log.infof("Migrated schema from version %s to %s: %d migrations in %d ms",
                    orNone(result.initialSchemaVersion), result.targetSchemaVersion, result.migrationsExecuted, millis);
        }
    }

    /** Says what failed, where the schema stands and what to do next; returns the exit code that goes with it. */
    private ExitCode explainFailure(FlywayException e, SQLException cause, boolean lockTimeout) {
        MigrationInfoService info = flyway.info();
        String current = info.current() == null ? "none" : String.valueOf(info.current().getVersion());
        String error = cause != null ? cause.getMessage() : e.getMessage();
        MigrationInfo failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).findFirst().orElse(null);
        if (failed != null) {
            Log.errorf("Migration to version %s (%s) is recorded as failed; the schema is at version %s. Database"
                    + " error: %s. It is not transactional: check what it left behind, fix it in a new build, run"
                    + " 'repair', then 'migrate' again.", failed.getVersion(), failed.getScript(), current, error);
            return ExitCode.MIGRATION_FAILED;
        }
        if (isLockWaitExhausted(e)) {
            Log.errorf("Nothing migrated: another migrate of this database held the migration lock for longer than"
                    + " CRM_MIGRATION_QUEUE_DEADLINE (%d s); the schema is at version %s. Follow that migrate's log"
                    + " (or pg_stat_activity), or raise CRM_MIGRATION_QUEUE_DEADLINE, then run 'migrate' again.",
                    config.queueDeadline().toSeconds(), current);
            return ExitCode.MIGRATION_FAILED;
        }
        if (e instanceof FlywayValidateException) {
            Log.errorf("Nothing migrated: the applied migrations do not match this build (schema at version %s). %s"
                    + " Never edit an applied migration: restore it, or run 'repair' if the change was deliberate.",
                    current, e.getMessage());
            return ExitCode.VALIDATION_FAILED;
        }
        if (info.pending().length == 0) {
            Log.errorf("The migrations are applied (schema at version %s), but granting row access to the"
                    + " application role afterwards failed. Database error: %s. Check that CRM_DB_APP_ROLE names an"
                    + " existing role, then run 'migrate' again.", current, error);
            return ExitCode.MIGRATION_FAILED;
        }
        MigrationInfo failing = info.pending()[0];
        String next = lockTimeout
                ? "It was rolled back. Find the long transaction holding the lock (pg_stat_activity), or raise"
                        + " CRM_MIGRATION_LOCK_TIMEOUT / CRM_MIGRATION_LOCK_RETRIES, then run 'migrate' again."
                : "It was rolled back and the schema is unchanged. Fix the migration in a new build and run"
                        + " 'migrate' again.";
        Log.errorf("Migration to version %s (%s) failed; the schema stays at version %s. Database error: %s. %s",
                failing.getVersion(), failing.getScript(), current, error, next);
        return ExitCode.MIGRATION_FAILED;
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

    private boolean failedEntryRecorded() {
        return Arrays.stream(flyway.info().all()).anyMatch(m -> m.getState().isFailed());
    }

    private static String orNone(String version) {
        return version == null ? "none" : version;
    }
}
