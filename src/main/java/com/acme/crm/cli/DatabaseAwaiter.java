package com.acme.crm.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;

import com.acme.crm.schema.DatabaseLogin;
import com.acme.crm.schema.MigrationConfig;

import io.quarkus.logging.Log;

/**
 * Waits, up to the configured deadline, until the database accepts a connection with Flyway's credentials, and checks
 * that it logged in as the role it was told to. Refusals that waiting cannot cure end the wait at once.
 */
@ApplicationScoped
class DatabaseAwaiter {

    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Flyway flyway;
    private final MigrationConfig config;
    private final DatabaseLogin login;

    DatabaseAwaiter(Flyway flyway, MigrationConfig config, DatabaseLogin login) {
        this.flyway = flyway;
        this.config = config;
        this.login = login;
    }

    /** @return OK once connected as the configured role, else why not */
    ExitCode awaitReachable() throws InterruptedException {
        Instant deadline = Instant.now().plus(config.connectDeadline());
        Duration pause = Duration.ofMillis(250);
        for (int attempt = 1;; attempt++) {
            try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
                if (attempt > 1) {
                    Log.infof("Database reachable after %d attempts", attempt);
                }
                return checkRole(connection);
            } catch (SQLException e) {
                if (SqlErrors.isPermanentConnectionFailure(e)) {
                    Log.errorf("The database refused the connection as %s: %s (SQLSTATE %s). Waiting will not help:"
                            + " check the role and its password (QUARKUS_FLYWAY_* or QUARKUS_DATASOURCE_*), the database"
                            + " name in QUARKUS_DATASOURCE_JDBC_URL, and its TLS settings (sslmode, sslrootcert)",
                            login.migrationUser().orElse("the default user"), e.getMessage(), e.getSQLState());
                    return ExitCode.DATABASE_REFUSED;
                }
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative()) {
                    Log.errorf("Database unreachable after %d attempts in %s s (%s). Check QUARKUS_DATASOURCE_JDBC_URL"
                            + " and that PostgreSQL is running; raise CRM_MIGRATION_CONNECT_DEADLINE if it needs longer"
                            + " to start", attempt, config.connectDeadline().toSeconds(), e.getMessage());
                    return ExitCode.DATABASE_UNREACHABLE;
                }
                Log.warnf("Database not reachable yet (attempt %d, %d s left): %s", attempt, left.toSeconds(),
                        e.getMessage());
                Thread.sleep(Math.min(pause.toMillis(), Math.max(left.toMillis(), 0)));
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /**
     * Logs who the commands act as, and refuses a session that is not the owner role it was configured with: the
     * migrations would otherwise run with the wrong privileges and fail half-way.
     */
    private ExitCode checkRole(Connection connection) throws SQLException {
        String role;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select session_user, current_database()")) {
            rs.next();
            role = rs.getString(1);
            Log.infof("Connected to database %s as role %s", rs.getString(2), role);
        }
        String configured = login.flyway().username().orElse(null);
        if (configured != null && !configured.equals(role)) {
            Log.errorf(
                    "QUARKUS_FLYWAY_USERNAME is %s, but the database session is role %s: the migrations must run as"
                            + " the owner role. Check the credentials and anything that changes the role on login",
                    configured, role);
            return ExitCode.CANNOT_START;
        }
        return ExitCode.OK;
    }
}
