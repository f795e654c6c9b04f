package com.acme.crm.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for dev mode and the tests, started from Maven Central binaries when no database is configured. It
 * is set up like production: database {@code crm} owned by the role {@code crm_owner}, which the schema commands and
 * migrate-at-start use, and the application role {@code crm_app} for the API. The library is a provided-scope
 * dependency: this class never runs in, and never ships with, a packaged build.
 */
public final class DevDatabase {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private DevDatabase() {
    }

    private static Map<String, String> started;

    /**
     * @return the configuration that points the application at the embedded database, or nothing if a database is
     *         configured. It also goes into system properties, so that dev mode's live reloads, which run this class
     *         again in a new class loader, keep the same database.
     */
    public static synchronized Map<String, String> startUnlessConfigured() {
        if (started != null) {
            return started;
        }
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null || System.getProperty(URL_PROPERTY) != null) {
            return Map.of();
        }
        started = start();
        started.forEach(System::setProperty);
        return started;
    }

    private static Map<String, String> start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
            String ownerPassword = UUID.randomUUID().toString();
            String appPassword = UUID.randomUUID().toString();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database crm");
            }
            try (Connection c = postgres.getDatabase("postgres", "crm").getConnection()) {
                RoleSetup.run(c, RoleSetup.roles(ownerPassword, appPassword, UUID.randomUUID().toString()));
            }
            String url = postgres.getJdbcUrl("crm_owner", "crm").replaceFirst("\\?.*", "");
            Log.infof("Started embedded PostgreSQL at %s (owner role crm_owner, application role crm_app)", url);
            return Map.of(URL_PROPERTY, url, "quarkus.datasource.username", "crm_app", "quarkus.datasource.password",
                    appPassword, "quarkus.flyway.username", "crm_owner", "quarkus.flyway.password", ownerPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the embedded PostgreSQL", e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            Log.warnf("Could not stop the embedded PostgreSQL: %s", e.getMessage());
        }
    }
}
