package com.acme.crm.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import com.acme.crm.dev.RoleSetup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from the embedded binaries, with the roles production has: {@code crm_owner}, which the schema
 * commands use, and {@code crm_app}, which the API uses. As in production, they log in over TCP with a password
 * (SCRAM); only the superuser, which the tests use to set up, is trusted.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String OWNER = "crm_owner";
    public static final String APP = "crm_app";
    /** An example password, for throwaway test databases only. */
    public static final String PASSWORD = "example-only";
    private static final String HBA = """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

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
     *        the port to listen on, 0 for any free one
     */
    public static PostgresServer start(int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port)
                    .setDataDirectoryCustomizer(PostgresServer::requirePasswords).start();
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static void requirePasswords(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database with the service's roles, owned by the owner role, as a DBA would hand it over. */
    public TestDatabase createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        try (Connection c = postgres.getDatabase("postgres", name).getConnection()) {
            RoleSetup.run(c, RoleSetup.roles(PASSWORD, PASSWORD, PASSWORD));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the roles of database " + name, e);
        }
        return new TestDatabase(this, name);
    }

    TestDatabase createDatabase() {
        return createDatabase(
                "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT));
    }

    int port() {
        return postgres.getPort();
    }

    Connection connect(String database, String role) throws SQLException {
        if (role.equals("postgres")) {
            return postgres.getDatabase(role, database).getConnection();
        }
        return DriverManager.getConnection(TestDatabase.jdbcUrl(port(), database), role, PASSWORD);
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
