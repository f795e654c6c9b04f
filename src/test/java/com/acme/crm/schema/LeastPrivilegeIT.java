package com.acme.crm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.TestDatabase;

/** After {@code migrate}, the API's role may use the rows and nothing more; one role for everything works too. */
class LeastPrivilegeIT {

    /** PostgreSQL's SQLSTATE insufficient_privilege, also raised for "must be owner of table". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @Test
    void the_application_role_cannot_create_alter_or_drop_tables() throws Exception {
        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();

        try (Connection app = db.connectAsApp();
                Statement s = app.createStatement()) {
            assertDenied(s, "create table intruder (id bigint)");
            assertDenied(s, "alter table contact add column intruder bigint");
            assertDenied(s, "drop table contact");
            assertDenied(s, "drop table flyway_schema_history");
        }
    }

    @Test
    void the_application_role_uses_contacts_and_reads_but_never_writes_the_history() throws Exception {
        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();

        try (Connection app = db.connectAsApp();
                Statement s = app.createStatement()) {
            s.execute("insert into contact (id, first_name, last_name, email, created_at, updated_at, version)"
                    + " values (nextval('contact_seq'), 'Ada', 'Lovelace', 'ada@example.com', now(), now(), 0)");
            assertThat(s.executeUpdate("update contact set company = 'Analytical Engines'")).isEqualTo(1);
            assertThat(s.executeQuery("select count(*) from contact where company is not null"))
                    .satisfies(rs -> assertThat(rs.next() && rs.getInt(1) == 1).isTrue());
            assertThat(s.executeUpdate("delete from contact")).isEqualTo(1);

            assertThat(s.executeQuery("select count(*) from flyway_schema_history"))
                    .satisfies(rs -> assertThat(rs.next() && rs.getInt(1) > 0).isTrue());
            assertDenied(s, "update flyway_schema_history set success = false");
            assertDenied(s, "delete from flyway_schema_history");
            assertDenied(s, "insert into flyway_schema_history (installed_rank, description, type, script,"
                    + " installed_by, execution_time, success) values (99, 'x', 'SQL', 'x', 'x', 0, true)");
        }
    }

    @Test
    void a_single_role_setup_migrates_with_the_owner_alone() throws Exception {
        CommandProcess.Result result = processes.app(db.singleRoleEnv(PostgresServer.OWNER))
                .env("CRM_DB_APP_ROLE", PostgresServer.OWNER).run("migrate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(db.appliedVersions()).containsExactly("1", "2", "3", "4");
    }

    @Test
    void migrate_names_the_setting_when_the_application_role_does_not_exist() throws Exception {
        CommandProcess.Result result = processes.app(db.twoRoleEnv()).env("CRM_DB_APP_ROLE", "crm_typo").run("migrate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("granting row access to the application role afterwards failed",
                "role \"crm_typo\" does not exist", "Check that CRM_DB_APP_ROLE names an existing role");
    }

    private static void assertDenied(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}
