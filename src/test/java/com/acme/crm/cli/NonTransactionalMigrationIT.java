package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.Await;
import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.TestDatabase;

/**
 * Migrations that run outside a transaction (CREATE INDEX CONCURRENTLY): they outwait long transactions instead of
 * giving up at the lock timeout, clean up after a failed attempt, never drop a valid index, and name the rows that keep
 * a unique index from being built.
 */
class NonTransactionalMigrationIT {

    private static final String LAST_NAME_INDEX = "create index concurrently if not exists contact_last_name_idx"
            + " on contact (last_name);\n";

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @BeforeEach
    void migrateTheShippedSchema() throws Exception {
        db.migrateTo("4");
        db.execute("insert into contact (id, first_name, last_name, email, phone, created_at, updated_at, version)"
                + " select i, 'First' || i, 'Last' || i, 'contact' || i || '@example.com', '+41 44 000 00 0' || (i % 2),"
                + " now(), now(), 0 from generate_series(1, 5) i");
    }

    @Test
    void a_concurrent_index_build_outwaits_a_transaction_longer_than_the_lock_timeout() throws Exception {
        writeNonTransactional("V5__index_contact_last_name.sql", LAST_NAME_INDEX);
        try (Connection report = openLongTransaction()) {
            CommandProcess migrate = processes.fixtureApp(db.twoRoleEnv()).env("CRM_MIGRATION_LOCK_TIMEOUT", "500ms")
                    .start("migrate");
            awaitIndexBuildWaiting();
            Thread.sleep(2_000);
            assertThat(migrate.isAlive()).as("still waiting, 4 lock timeouts later").isTrue();

            report.commit();
            CommandProcess.Result result = migrate.awaitExit();

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).doesNotContain("Retry");
        }
        assertThat(indexValidity("contact_last_name_idx")).isEqualTo("valid");
    }

    @Test
    void a_cancelled_concurrent_index_build_is_cleaned_up_and_retried() throws Exception {
        writeNonTransactional("V5__index_contact_last_name.sql", LAST_NAME_INDEX);
        try (Connection report = openLongTransaction()) {
            CommandProcess migrate = processes.fixtureApp(db.twoRoleEnv())
                    .env("CRM_MIGRATION_LOCK_RETRY_BACKOFF", "500ms").start("migrate");
            awaitIndexBuildWaiting();
            db.query("select pg_cancel_backend(pid) from pg_stat_activity where query like 'create index concurrently%'"
                    + " and pid <> pg_backend_pid()");
            migrate.awaitOutput("Retry 1 of 3", Duration.ofSeconds(30));

            report.commit();
            CommandProcess.Result result = migrate.awaitExit();

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("canceling statement due to user request, SQLSTATE 57014",
                    "Removed the failed history entry of version [5]",
                    "Dropping the INVALID index public.contact_last_name_idx");
        }
        assertThat(indexValidity("contact_last_name_idx")).isEqualTo("valid");
        assertThat(db.history()).filteredOn(row -> "5".equals(row.version()))
                .extracting(TestDatabase.HistoryRow::success).containsExactly(true);
    }

    @Test
    void running_a_concurrent_index_migration_again_keeps_the_valid_index() throws Exception {
        writeNonTransactional("V5__index_contact_last_name.sql", LAST_NAME_INDEX);
        assertThat(processes.fixtureApp(db.twoRoleEnv()).run("migrate").exitCode()).isZero();
        String indexOid = db.query("select 'contact_last_name_idx'::regclass::oid").get(0);
        // As if the migrate had been killed after the index was built and before Flyway recorded it.
        db.execute("delete from flyway_schema_history where version = '5'");

        CommandProcess.Result again = processes.fixtureApp(db.twoRoleEnv()).run("migrate");

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(db.query("select 'contact_last_name_idx'::regclass::oid")).containsExactly(indexOid);
        assertThat(indexValidity("contact_last_name_idx")).isEqualTo("valid");
    }

    @Test
    void a_unique_index_over_duplicate_data_names_the_rows_that_collide_and_applies_once_they_are_fixed()
            throws Exception {
        writeNonTransactional("V5__unique_contact_phone.sql",
                "create unique index concurrently if not exists contact_phone_key on contact (phone);\n");

        CommandProcess.Result failed = processes.fixtureApp(db.twoRoleEnv()).run("migrate");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains(
                "Migration to version 5 (V5__unique_contact_phone.sql) is recorded as failed",
                "could not create unique index \"contact_phone_key\"",
                "Unique index contact_phone_key cannot be built: contact rows with equal (phone), by primary key: 1, 3, 5;"
                        + " 2, 4")
                .doesNotContain("+41 44", "@example.com");
        assertThat(indexValidity("contact_phone_key")).isEqualTo("invalid");

        db.execute("update contact set phone = '+41 44 000 00 ' || id");
        assertThat(processes.fixtureApp(db.twoRoleEnv()).run("repair").exitCode()).isZero();
        CommandProcess.Result fixed = processes.fixtureApp(db.twoRoleEnv()).run("migrate");

        assertThat(fixed.exitCode()).as(fixed.output()).isZero();
        assertThat(indexValidity("contact_phone_key")).isEqualTo("valid");
        assertThat(db.history()).extracting(TestDatabase.HistoryRow::version, TestDatabase.HistoryRow::success)
                .endsWith(tuple("5", true));
    }

    private void writeNonTransactional(String name, String sql) throws Exception {
        processes.writeFixtureMigration(name, sql);
        processes.writeFixtureMigration(name + ".conf", "executeInTransaction=false\n");
    }

    /** A transaction that has read the table and stays open, as a pg_dump or a long report does. */
    private Connection openLongTransaction() throws Exception {
        Connection connection = db.connectAsApp();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.executeQuery("select count(*) from contact").close();
        }
        return connection;
    }

    /** Until CREATE INDEX CONCURRENTLY waits for the older transaction to end. */
    private void awaitIndexBuildWaiting() throws Exception {
        Await.until("index build waiting", Duration.ofSeconds(60),
                () -> !db.query("select pid from pg_stat_activity where query like 'create index concurrently%'"
                        + " and wait_event_type = 'Lock' and pid <> pg_backend_pid()").isEmpty());
    }

    private String indexValidity(String index) throws Exception {
        return db.query("select case when indisvalid then 'valid' else 'invalid' end from pg_index"
                + " where indexrelid = '" + index + "'::regclass").get(0);
    }
}
