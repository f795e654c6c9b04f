package com.acme.crm.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import com.acme.crm.schema.MigrationConfig;
import com.acme.crm.schema.SchemaState;

import io.quarkus.logging.Log;

/**
 * {@code wait}: returns once the database holds every migration this build ships. Made for init containers: it needs
 * nothing but read access to the migration history, gives up at once on a failed migration of this build, and ignores
 * the failed migration of a newer release (so that the previous release can still start, for a rollback).
 */
@ApplicationScoped
class WaitCommand {

    private static final Duration POLL = Duration.ofSeconds(2);
    /**
     * PostgreSQL's SQLSTATE insufficient_privilege: the history exists but the first migrate has not yet granted the
     * application role read access to it, which it does once all migrations are applied.
     */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final Flyway flyway;
    private final MigrationConfig config;

    WaitCommand(Flyway flyway, MigrationConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    ExitCode run() throws InterruptedException {
        Instant deadline = Instant.now().plus(config.waitDeadline());
        boolean reached = false;
        String lastSeen = null;
        while (true) {
            try {
                SchemaState state = SchemaState.of(flyway.info());
                reached = true;
                if (!state.failedVersions().isEmpty()) {
                    Log.errorf("Not starting: %s", state.failureAdvice());
                    return ExitCode.MIGRATION_FAILED;
                }
                if (state.isReady()) {
                    if (!state.failedNewerVersions().isEmpty()) {
                        Log.warnf(
                                "The history records a failed migration %s of a newer release; this build (up to %s)"
                                        + " does not ship it and starts anyway",
                                state.failedNewerVersions(), state.expectedVersion());
                    }
                    Log.infof("Schema is at version %s and holds every migration of this build (version %s)",
                            state.currentVersion(), state.expectedVersion());
                    return ExitCode.OK;
                }
                lastSeen = "database at version %s, this build needs %s (%d pending)".formatted(state.currentVersion(),
                        state.expectedVersion(), state.pending());
                Log.infof("Waiting for migrations: %s", lastSeen);
            } catch (FlywayException e) {
                SQLException cause = SqlErrors.cause(e);
                if (cause != null && SqlErrors.isPermanentConnectionFailure(cause)) {
                    Log.errorf(
                            "The database refused the connection: %s (SQLSTATE %s). Waiting will not help: check"
                                    + " QUARKUS_DATASOURCE_USERNAME and _PASSWORD, the database name in"
                                    + " QUARKUS_DATASOURCE_JDBC_URL, and its TLS settings (sslmode, sslrootcert)",
                            cause.getMessage(), cause.getSQLState());
                    return ExitCode.DATABASE_REFUSED;
                }
                if (SqlErrors.hasState(cause, INSUFFICIENT_PRIVILEGE)) {
                    reached = true;
                    lastSeen = "no read access to the schema history yet (migrate grants it to CRM_DB_APP_ROLE when"
                            + " done)";
                    Log.infof("Waiting for migrations: %s", lastSeen);
                } else {
                    lastSeen = "database unreachable: " + (cause != null ? cause.getMessage() : e.getMessage());
                    Log.warnf("Waiting for the database: %s", lastSeen);
                }
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative()) {
                Log.errorf("Gave up after %d s: %s. Is the migrate job running? (CRM_MIGRATION_WAIT_DEADLINE)",
                        config.waitDeadline().toSeconds(), lastSeen);
                return reached ? ExitCode.SCHEMA_NOT_READY : ExitCode.DATABASE_UNREACHABLE;
            }
            Thread.sleep(Math.min(POLL.toMillis(), left.toMillis() + 1));
        }
    }
}
