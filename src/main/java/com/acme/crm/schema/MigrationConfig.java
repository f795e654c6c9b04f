package com.acme.crm.schema;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How migrations run and how long the schema commands wait; see docs/operations.md. */
@ConfigMapping(prefix = "crm.migration")
public interface MigrationConfig {

    /**
     * Longest wait for a table lock before a statement of a transactional migration gives up (PostgreSQL lock_timeout).
     * Non-transactional migrations (CREATE INDEX CONCURRENTLY) wait without it: they block no reads or writes while
     * they wait.
     */
    @WithDefault("5s")
    Duration lockTimeout();

    /** Longest run of one migration statement (PostgreSQL statement_timeout), capped by the time left. */
    @WithDefault("30m")
    Duration statementTimeout();

    /** How often a migration that gave up on a lock, or was cancelled, is cleaned up after and tried again. */
    @WithDefault("3")
    int lockRetries();

    /** Pause before the first retry after a lock timeout; it doubles on each further retry. */
    @WithDefault("2s")
    Duration lockRetryBackoff();

    /**
     * How long {@code migrate} may take once the database answers: waiting for its turn, migrating and retrying. No
     * retry starts after it, and no statement runs past it.
     */
    @WithDefault("45m")
    Duration deadline();

    /**
     * How long {@code migrate} waits for its turn while another migrate of the same database holds the migration lock.
     * Flyway's own limit is 50 s, shorter than many a real migration.
     */
    @WithDefault("10m")
    Duration queueDeadline();

    /** How long the schema commands wait for the database to accept connections. */
    @WithDefault("60s")
    Duration connectDeadline();

    /**
     * Where the backup step before migrate writes its dumps, if there is one: migrate names the newest, the one a
     * restore would go back to.
     */
    Optional<String> backupDir();

    /**
     * How long {@code wait} waits for the database to hold every migration of this build: at least as long as a migrate
     * may take (connect deadline plus deadline), so that an init container outwaits the migration Job.
     */
    @WithDefault("50m")
    Duration waitDeadline();
}
