package com.acme.crm.schema;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How migrations run and how long the schema commands wait; see the configuration table in the README. */
@ConfigMapping(prefix = "crm.migration")
public interface MigrationConfig {

    /** Longest wait for a table lock before a migration statement gives up (PostgreSQL lock_timeout). */
    @WithDefault("5s")
    Duration lockTimeout();

    /** Longest run of one migration statement (PostgreSQL statement_timeout); 0 means no limit. */
    @WithDefault("15m")
    Duration statementTimeout();

    /** How often a transactional migration that hit the lock timeout is tried again. */
    @WithDefault("3")
    int lockRetries();

    /** Pause before the first retry after a lock timeout; it doubles on each further retry. */
    @WithDefault("2s")
    Duration lockRetryBackoff();

    /**
     * How long {@code migrate} waits for its turn while another migrate of the same database holds the migration lock.
     * Flyway's own limit is 50 s, shorter than many a real migration.
     */
    @WithDefault("10m")
    Duration queueDeadline();

    /** How long the schema commands wait for the database to accept connections. */
    @WithDefault("60s")
    Duration connectDeadline();

    /** How long {@code wait} waits for the database to hold every migration of this build. */
    @WithDefault("300s")
    Duration waitDeadline();
}
