package com.acme.crm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from the embedded binaries, with the roles production has: {@code crm_owner}, which the schema
 * commands use, and {@code crm_app}, which the API uses.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String OWNER = "crm_owner";
    public static final String APP = "crm_app";
    /** An example password: the embedded server trusts local connections and never checks it. */
    static final String PASSWORD = "example-only";

    private static PostgresServer shared;

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The server the tests of this JVM share; each test creates its own database on it. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(0);
        }
        return shared;
    }

    /**
     * @param port
     *            the port to listen on, 0 for any free one
     */
    public static PostgresServer start(int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).start();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create role " + OWNER + " login password '" + PASSWORD + "'");
                s.execute("create role " + APP + " login password '" + PASSWORD + "'");
            }
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the embedded PostgreSQL", e);
        }
    }

    /** A new, empty database owned by the owner role, as a DBA would hand it over. */
    public TestDatabase createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name + " owner " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        TestDatabase database = new TestDatabase(this, name);
        database.executeAsSuperuser("alter schema public owner to " + OWNER);
        return database;
    }

    TestDatabase createDatabase() {
        return createDatabase(
                "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT));
    }

    int port() {
        return postgres.getPort();
    }

    Connection connect(String database, String role) throws SQLException {
        return postgres.getDatabase(role, database).getConnection();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
