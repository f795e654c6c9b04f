package com.acme.crm.schema;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * How Flyway connects and behaves on PostgreSQL, wherever it runs (schema commands, readiness, dev mode). These are the
 * settings that Quarkus has no property for:
 * <ul>
 * <li>Flyway always opens connections of its own, never the API's pool, so that the migration session settings below
 * never reach an API request. They log in as the owner role ({@code quarkus.flyway.username}) when one is configured —
 * with its password, or without one (trust, client certificates, ~/.pgpass) — else as the application role.</li>
 * <li>The advisory lock is held at session level: with the default transactional lock a non-transactional migration
 * that uses CREATE INDEX CONCURRENTLY waits forever for the very transaction that holds the lock
 * (flyway/flyway#3961).</li>
 * <li>A migrate started while another one runs waits for the lock up to the queue deadline: Flyway tries once a
 * second.</li>
 * <li>Every connection starts with the lock and statement timeouts (in PostgreSQL's units, hence not in
 * quarkus.flyway.init-sql), which {@link MigrationSessionPolicy} then sets per migration; the {@code lock_timeout}
 * placeholder lets a migration file state its own lock budget. The server checks every second that the client is still
 * there while a statement runs, so a killed migrate's transaction and advisory lock end within a second or two.</li>
 * </ul>
 */
@Singleton
public class MigrationSessionCustomizer implements FlywayConfigurationCustomizer {

    private final MigrationConfig config;
    private final DatabaseLogin login;
    private final MigrationProgressLog progressLog;
    private final MigrationSessionPolicy sessionPolicy;

    MigrationSessionCustomizer(MigrationConfig config, DatabaseLogin login, MigrationProgressLog progressLog,
            MigrationSessionPolicy sessionPolicy) {
        this.config = config;
        this.login = login;
        this.progressLog = progressLog;
        this.sessionPolicy = sessionPolicy;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        // Server error details can quote row values, which are personal data: they stay in the server's log.
        configuration.jdbcProperties(Map.of("logServerErrorDetail", "false"));
        login.migrationUrl().ifPresent(
                url -> configuration.dataSource(url, login.migrationUser().orElse(null), login.migrationPassword()));
        configuration.initSql(
                "set lock_timeout = %d; set statement_timeout = %d; set client_connection_check_interval = 1000"
                        .formatted(config.lockTimeout().toMillis(), config.statementTimeout().toMillis()));
        Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put("lock_timeout", config.lockTimeout().toMillis() + "ms");
        configuration.placeholders(placeholders);
        configuration.lockRetryCount((int) Math.max(1, config.queueDeadline().toSeconds()));
        configuration.callbacks(sessionPolicy, progressLog);
    }
}
