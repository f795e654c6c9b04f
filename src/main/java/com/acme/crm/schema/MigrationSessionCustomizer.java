package com.acme.crm.schema;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * How Flyway's connections behave on PostgreSQL, wherever Flyway runs (schema commands, dev mode).
 * <ul>
 * <li>The advisory lock is held at session level: with the default transactional lock a non-transactional migration
 * that uses CREATE INDEX CONCURRENTLY waits forever for the very transaction that holds the lock
 * (flyway/flyway#3961).</li>
 * <li>Every connection gets a lock_timeout and a statement_timeout, so that a migration stuck behind a long transaction
 * gives up instead of queueing all traffic on the table behind its lock request. Migrations that take such locks also
 * say so in their own file (the lint asks for it) through the {@code lock_timeout} placeholder.</li>
 * <li>A migrate started while another one runs waits for the lock up to the queue deadline: Flyway tries once a
 * second.</li>
 * <li>The server checks every second that the client is still there while a statement runs (PostgreSQL 14 and later):
 * when a migrate process is killed mid-migration, its backend is ended, its transaction rolled back and its advisory
 * lock released within a second or two, instead of when a long statement such as an index build finally ends.</li>
 * </ul>
 */
@Singleton
public class MigrationSessionCustomizer implements FlywayConfigurationCustomizer {

    private final MigrationConfig config;
    private final MigrationProgressLog progressLog;

    MigrationSessionCustomizer(MigrationConfig config, MigrationProgressLog progressLog) {
        this.config = config;
        this.progressLog = progressLog;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        configuration.initSql("""
                set lock_timeout = %d;
                set statement_timeout = %d;
                do $$ begin
                    if current_setting('server_version_num')::int >= 140000 then
                        perform set_config('client_connection_check_interval', '1000', false);
                    end if;
                end $$""".formatted(config.lockTimeout().toMillis(), config.statementTimeout().toMillis()));
        Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put("lock_timeout", config.lockTimeout().toMillis() + "ms");
        configuration.placeholders(placeholders);
        configuration.lockRetryCount((int) Math.max(1, config.queueDeadline().toSeconds()));
        configuration.callbacks(progressLog);
    }
}
