package com.acme.crm.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;

import com.acme.crm.schema.MigrationConfig;

import io.quarkus.logging.Log;

/** Waits, up to the configured deadline, until the database accepts a connection with Flyway's credentials. */
@ApplicationScoped
class DatabaseAwaiter {

    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Flyway flyway;
    private final MigrationConfig config;

    DatabaseAwaiter(Flyway flyway, MigrationConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    /** @return whether the database answered before the deadline */
    boolean awaitReachable() throws InterruptedException {
        Instant deadline = Instant.now().plus(config.connectDeadline());
        Duration pause = Duration.ofMillis(250);
        for (int attempt = 1;; attempt++) {
            try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
                if (attempt > 1) {
                    Log.infof("Database reachable after %d attempts", attempt);
                }
                return true;
            } catch (SQLException e) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative()) {
                    Log.errorf("Database unreachable after %d attempts in %s s (%s). Check QUARKUS_DATASOURCE_JDBC_URL,"
                            + " the credentials and that PostgreSQL is running; raise CRM_MIGRATION_CONNECT_DEADLINE"
                            + " if it needs longer to start", attempt, config.connectDeadline().toSeconds(),
                            e.getMessage());
                    return false;
                }
                Log.warnf("Database not reachable yet (attempt %d, %d s left): %s", attempt, left.toSeconds(),
                        e.getMessage());
                Thread.sleep(Math.min(pause.toMillis(), Math.max(left.toMillis(), 0)));
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
