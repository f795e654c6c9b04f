package com.acme.crm.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;

import com.acme.crm.schema.MigrationConfig;
import com.acme.crm.schema.MigrationDeadline;
import com.acme.crm.schema.SchemaState;

import io.quarkus.logging.Log;

/**
 * {@code migrate}: applies the pending migrations of this build within the migrate deadline. A migration that gave up
 * on a lock or was cancelled is tried again; when it ran outside a transaction, its failed history entry is removed
 * first (its INVALID index is dropped just before it runs again).
 */
@ApplicationScoped
class MigrateCommand {

    private final Flyway flyway;
    private final MigrationConfig config;
    private final MigrationDeadline deadline;
    private final MigrationFailures failures;

    MigrateCommand(Flyway flyway, MigrationConfig config, MigrationDeadline deadline, MigrationFailures failures) {
        this.flyway = flyway;
        this.config = config;
        this.deadline = deadline;
        this.failures = failures;
    }

    ExitCode run() throws InterruptedException {
        long started = System.nanoTime();
        deadline.start(config.deadline());
        config.backupDir().map(Path::of).ifPresent(PrecedingBackup::log);
        Duration backoff = config.lockRetryBackoff();
        for (int attempt = 0;; attempt++) {
            try {
                // After a rollback the history may hold a failed migration of the newer release: Flyway warns of it
                // ("contains a failed future migration"). Reading the history again to say so in other words took a
                // tenth of a migrate's time.
                report(attempt().migrate(), started);
                return ExitCode.OK;
            } catch (FlywayException e) {
                SQLException cause = SqlErrors.cause(e);
                if (!SqlErrors.isTransient(cause) || attempt >= config.lockRetries()
                        || deadline.left().compareTo(backoff) <= 0) {
                    return failures.explain(e);
                }
                Log.warnf(
                        "A migration gave up waiting (%s): another transaction held what it needed. Retry %d of %d in %d ms",
                        SqlErrors.describe(cause), attempt + 1, config.lockRetries(), backoff.toMillis());
                removeFailedEntry();
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /** This build's Flyway, waiting for its turn no longer than the time left. */
    private Flyway attempt() {
        long queueSeconds = Math.max(1, deadline.cap(config.queueDeadline()).toSeconds());
        return Flyway.configure().configuration(flyway.getConfiguration()).lockRetryCount((int) queueSeconds).load();
    }

    /** A non-transactional migration that failed is recorded as failed, and Flyway will not run it again until then. */
    private void removeFailedEntry() {
        SchemaState state = SchemaState.of(flyway.info());
        if (!state.failedVersions().isEmpty()) {
            RepairResult repaired = flyway.repair();
            Log.infof("Removed the failed history entry of version %s before retrying it (%d removed)",
                    state.failedVersions(), repaired.migrationsRemoved.size());
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

    private static String orNone(String version) {
        return version == null ? "none" : version;
    }
}
