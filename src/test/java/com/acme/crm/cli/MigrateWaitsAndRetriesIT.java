package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.FreePort;
import com.acme.crm.testsupport.LatePort;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.TestDatabase;

/** {@code migrate} against a database that is not there yet, and behind a transaction that holds a table lock. */
class MigrateWaitsAndRetriesIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    @Test
    void migrate_waits_for_a_database_that_starts_late() throws Exception {
        int port = FreePort.find();
        CommandProcess migrate = processes.app(TestDatabase.twoRoleEnv(TestDatabase.jdbcUrl(port, "crm")))
                .start("migrate");
        migrate.awaitOutput("Database not reachable yet", Duration.ofSeconds(60));

        try (PostgresServer late = PostgresServer.start(0)) {
            TestDatabase db = late.createDatabase("crm");
            CommandProcess.Result result;
            try (LatePort opened = LatePort.open(port, late)) {
                result = migrate.awaitExit();
            }

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Database reachable after");
            assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void migrate_gives_up_with_exit_3_when_the_database_never_comes() throws Exception {
        CommandProcess.Result result = processes
                .app(TestDatabase.twoRoleEnv(TestDatabase.jdbcUrl(FreePort.find(), "crm")))
                .env("CRM_MIGRATION_CONNECT_DEADLINE", "2s").run("migrate");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("Database unreachable after", "Check QUARKUS_DATASOURCE_JDBC_URL",
                "CRM_MIGRATION_CONNECT_DEADLINE");
    }

    @Test
    void a_migration_blocked_by_a_table_lock_is_retried_and_applies_once_the_lock_is_released() throws Exception {
        TestDatabase db = TestDatabase.create();
        db.migrateTo("1");
        try (Connection reader = lockContactTable(db)) {
            CommandProcess migrate = processes.app(db.twoRoleEnv()).env("CRM_MIGRATION_LOCK_TIMEOUT", "200ms")
                    .env("CRM_MIGRATION_LOCK_RETRIES", "3").env("CRM_MIGRATION_LOCK_RETRY_BACKOFF", "500ms")
                    .start("migrate");
            migrate.awaitOutput("Retry 1 of 3 in 500 ms", Duration.ofSeconds(60));

            reader.rollback();
            CommandProcess.Result result = migrate.awaitExit();

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains(
                    "A migration gave up waiting (canceling statement due to lock timeout," + " SQLSTATE 55P03)");
            assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void a_migration_blocked_by_a_table_lock_through_every_retry_fails_with_exit_1() throws Exception {
        TestDatabase db = TestDatabase.create();
        db.migrateTo("1");
        try (Connection reader = lockContactTable(db)) {
            CommandProcess.Result result = processes.app(db.twoRoleEnv()).env("CRM_MIGRATION_LOCK_TIMEOUT", "200ms")
                    .env("CRM_MIGRATION_LOCK_RETRIES", "2").env("CRM_MIGRATION_LOCK_RETRY_BACKOFF", "100ms")
                    .run("migrate");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).contains("Retry 1 of 2 in 100 ms", "Retry 2 of 2 in 200 ms",
                    "Migration to version 2 (db/migration/V2__add_contact_company.sql) failed; the schema stays at version 1",
                    "canceling statement due to lock timeout", "Find the long transaction that held it up");
            assertThat(db.appliedVersions()).containsExactly("1");
            assertThat(db.hasColumn("contact", "company")).isFalse();
        }
    }

    /** A transaction that reads the table and stays open, as a long report or a forgotten session does. */
    private static Connection lockContactTable(TestDatabase db) throws Exception {
        Connection connection = db.connectAsApp();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("lock table contact in access share mode");
        }
        return connection;
    }
}
