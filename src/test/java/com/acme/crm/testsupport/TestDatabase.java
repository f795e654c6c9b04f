package com.acme.crm.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;

/**
 * One database of a {@link PostgresServer}, for one test: what the schema commands are pointed at, and how the test
 * sets up and inspects the state they leave behind.
 */
public final class TestDatabase {

    /** One row of Flyway's schema history table. */
    public record HistoryRow(int rank, String version, String description, Integer checksum, boolean success,
            Timestamp installedOn) {
    }

    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** A fresh, empty database on the server the tests of this JVM share. */
    public static TestDatabase create() {
        return PostgresServer.shared().createDatabase();
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl(server.port(), name);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:%d/%s".formatted(port, database);
    }

    /**
     * The production setup: the API's datasource connects as the application role, the schema commands as the owner.
     */
    public Map<String, String> twoRoleEnv() {
        return twoRoleEnv(jdbcUrl());
    }

    public static Map<String, String> twoRoleEnv(String jdbcUrl) {
        Map<String, String> env = new HashMap<>(singleRoleEnv(jdbcUrl, PostgresServer.APP));
        env.put("QUARKUS_FLYWAY_USERNAME", PostgresServer.OWNER);
        env.put("QUARKUS_FLYWAY_PASSWORD", PostgresServer.PASSWORD);
        return env;
    }

    /** One role for everything: no Flyway credentials, so Flyway uses the datasource's. */
    public Map<String, String> singleRoleEnv(String role) {
        return singleRoleEnv(jdbcUrl(), role);
    }

    private static Map<String, String> singleRoleEnv(String jdbcUrl, String role) {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME", role,
                "QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
    }

    public Connection connectAsOwner() throws SQLException {
        return server.connect(name, PostgresServer.OWNER);
    }

    public Connection connectAsApp() throws SQLException {
        return server.connect(name, PostgresServer.APP);
    }

    /** Runs statements as the owner, as an operator or an earlier release would have. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = connectAsOwner();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Adds a row to the schema history as Flyway writes it, for states that a test cannot easily bring about. */
    public void recordInHistory(int rank, String version, String description, boolean success) throws SQLException {
        String script = "V" + version.replace('.', '_') + "__" + description.replace(' ', '_') + ".sql";
        try (Connection c = connectAsOwner();
                PreparedStatement s = c.prepareStatement("insert into flyway_schema_history (installed_rank, version,"
                        + " description, type, script, checksum, installed_by, execution_time, success)"
                        + " values (?, ?, ?, 'SQL', ?, 0, current_user, 1, ?)")) {
            s.setInt(1, rank);
            s.setString(2, version);
            s.setString(3, description);
            s.setString(4, script);
            s.setBoolean(5, success);
            s.executeUpdate();
        }
    }

    /** Makes the history say that an applied migration had other content, as if its file were edited since. */
    public void alterChecksum(String version) throws SQLException {
        execute("update flyway_schema_history set checksum = checksum + 1 where version = '" + version + "'");
    }

    /** The first column of every row of a query, as strings. */
    public List<String> query(String sql) throws SQLException {
        try (Connection c = connectAsOwner();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public List<HistoryRow> history() throws SQLException {
        try (Connection c = connectAsOwner();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select installed_rank, version, description, checksum, success,"
                        + " installed_on from flyway_schema_history order by installed_rank")) {
            List<HistoryRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getInt(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
                        rs.getBoolean(5), rs.getTimestamp(6)));
            }
            return rows;
        }
    }

    /** The versions in the schema history, in the order they were applied (null for callbacks-only rows). */
    public List<String> appliedVersions() throws SQLException {
        return history().stream().map(HistoryRow::version).toList();
    }

    public boolean hasColumn(String table, String column) throws SQLException {
        return !query("select 1 from information_schema.columns where table_schema = 'public' and table_name = '"
                + table + "' and column_name = '" + column + "'").isEmpty();
    }

    /**
     * Brings the schema to a version with the migrations of this build, as an earlier release of the service would
     * have, without starting a process.
     */
    public void migrateTo(String version) {
        Flyway.configure().dataSource(jdbcUrl(), PostgresServer.OWNER, PostgresServer.PASSWORD)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", PostgresServer.APP, "lock_timeout", "5s"))
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).target(version).load()
                .migrate();
    }
}
