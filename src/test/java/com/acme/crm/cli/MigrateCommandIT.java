package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.Await;
import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.TestDatabase;

/** {@code migrate} as a Kubernetes Job runs it: several at once, again and again, against failing migrations. */
class MigrateCommandIT {

    private static final String ADD_NICKNAME = "alter table contact add column nickname varchar(50);\n";

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @Test
    void concurrent_migrates_all_succeed_and_apply_each_migration_once() throws Exception {
        List<CommandProcess> migrates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            migrates.add(processes.app(db.twoRoleEnv()).start("migrate"));
        }
        for (CommandProcess migrate : migrates) {
            CommandProcess.Result result = migrate.awaitExit(Duration.ofMinutes(2));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.warningsAndErrors()).isEmpty();
        }
        assertThat(db.history()).extracting(TestDatabase.HistoryRow::version, TestDatabase.HistoryRow::success)
                .containsExactly(tuple("1", true), tuple("2", true), tuple("3", true), tuple("4", true));
    }

    @Test
    void a_second_migrate_changes_nothing() throws Exception {
        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();
        List<TestDatabase.HistoryRow> history = db.history();

        CommandProcess.Result again = processes.app(db.twoRoleEnv()).run("migrate");

        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("Schema is up to date at version 4; nothing to migrate");
        assertThat(db.history()).isEqualTo(history);
    }

    @Test
    void a_migrate_queued_behind_a_slow_one_gives_up_at_its_queue_deadline() throws Exception {
        processes.writeFixtureMigration("V5__add_contact_nickname.sql", ADD_NICKNAME + "select pg_sleep(60);\n");
        CommandProcess slow = processes.fixtureApp(db.twoRoleEnv()).start("migrate");
        slow.awaitOutput("Applying version 5", Duration.ofSeconds(60));

        CommandProcess.Result queued = processes.fixtureApp(db.twoRoleEnv()).env("CRM_MIGRATION_QUEUE_DEADLINE", "2s")
                .run("migrate");

        assertThat(queued.exitCode()).isEqualTo(1);
        assertThat(queued.output())
                .contains("Nothing migrated: another migrate of this database held the migration lock for longer than"
                        + " CRM_MIGRATION_QUEUE_DEADLINE (2 s) or the time left; the schema is at version 4");
        assertThat(slow.isAlive()).isTrue();
    }

    @Test
    void migrate_refuses_with_exit_4_when_an_applied_migration_was_edited() throws Exception {
        db.migrateTo("2");
        db.alterChecksum("2");

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("migrate");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output()).contains("Nothing migrated: the applied migrations do not match this build",
                "checksum mismatch for migration version 2", "Never edit an applied migration");
        assertThat(db.appliedVersions()).containsExactly("1", "2");
    }

    @Test
    void migrate_does_not_bind_the_http_port() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CommandProcess.Result result = processes.app(db.twoRoleEnv())
                    .env("QUARKUS_HTTP_PORT", String.valueOf(taken.getLocalPort())).run("migrate");

            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    @Test
    void a_failing_migration_is_rolled_back_and_explained_and_applies_once_fixed() throws Exception {
        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();
        db.execute("insert into contact (id, first_name, last_name, email, created_at, updated_at, version)"
                + " values (1, 'Ada', 'Lovelace', 'ada@example.com', now(), now(), 0)");
        processes.writeFixtureMigration("V5__add_contact_nickname.sql",
                ADD_NICKNAME + "update contact set nickname = no_such_column;\n");

        CommandProcess.Result failed = processes.fixtureApp(db.twoRoleEnv()).run("migrate");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("Migration to version 5 (V5__add_contact_nickname.sql) failed",
                "the schema stays at version 4", "column \"no_such_column\" does not exist",
                "It was rolled back and the schema is unchanged. Fix the migration");
        assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4");
        assertThat(db.hasColumn("contact", "nickname")).isFalse();
        assertThat(db.query("select email from contact")).containsExactly("ada@example.com");

        processes.writeFixtureMigration("V5__add_contact_nickname.sql", ADD_NICKNAME);
        CommandProcess.Result fixed = processes.fixtureApp(db.twoRoleEnv()).run("migrate");

        assertThat(fixed.exitCode()).as(fixed.output()).isZero();
        assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4", "5");
        assertThat(db.hasColumn("contact", "nickname")).isTrue();
    }

    @Test
    void a_migrate_killed_mid_migration_leaves_neither_changes_nor_a_lock_behind() throws Exception {
        processes.writeFixtureMigration("V5__add_contact_nickname.sql", ADD_NICKNAME + "select pg_sleep(60);\n");
        CommandProcess slow = processes.fixtureApp(db.twoRoleEnv()).start("migrate");
        slow.awaitOutput("Applying version 5", Duration.ofSeconds(60));
        Await.until("sleeping in the migration", Duration.ofSeconds(10),
                () -> !db
                        .query("select pid from pg_stat_activity where state = 'active' and query like '%pg_sleep(60)%'"
                                + " and pid <> pg_backend_pid()")
                        .isEmpty());

        slow.kill();

        Duration released = Await.until("free of advisory locks", Duration.ofSeconds(15),
                () -> db.query("select objid from pg_locks where locktype = 'advisory' and database"
                        + " = (select oid from pg_database where datname = current_database())").isEmpty());
        System.out.printf("The server released the lock of the killed migrate after %d ms%n", released.toMillis());

        assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4");
        assertThat(db.hasColumn("contact", "nickname")).isFalse();
        processes.writeFixtureMigration("V5__add_contact_nickname.sql", ADD_NICKNAME);
        CommandProcess.Result next = processes.fixtureApp(db.twoRoleEnv()).run("migrate");
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4", "5");
    }
}
