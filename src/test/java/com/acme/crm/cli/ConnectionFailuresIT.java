package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.TestDatabase;

/**
 * Connection problems that waiting cannot cure end {@code wait} and {@code migrate} at once with exit 7; the owner role
 * logs in as configured, with or without a password, or not at all.
 */
class ConnectionFailuresIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({ "wait, a wrong password", "wait, a database that does not exist", "wait, TLS the server lacks",
            "migrate, a wrong password", "migrate, a database that does not exist", "migrate, TLS the server lacks" })
    void a_permanent_connection_failure_ends_the_command_at_once_with_exit_7(String command, String problem)
            throws Exception {
        Map<String, String> env = new HashMap<>(
                command.equals("wait") ? db.singleRoleEnv(PostgresServer.APP) : db.twoRoleEnv());
        String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        switch (problem) {
            case "a wrong password" ->
                env.replaceAll((name, value) -> name.endsWith("_PASSWORD") ? "not-the-password" : value);
            case "a database that does not exist" -> env.put("QUARKUS_DATASOURCE_JDBC_URL",
                    url.substring(0, url.lastIndexOf('/') + 1) + "no_such_database");
            default -> env.put("QUARKUS_DATASOURCE_JDBC_URL", url + "?sslmode=require");
        }

        CommandProcess.Result result = processes.app(env).env("CRM_MIGRATION_CONNECT_DEADLINE", "120s")
                .env("CRM_MIGRATION_WAIT_DEADLINE", "120s").run(command);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(7);
        assertThat(result.output()).contains("The database refused the connection", "Waiting will not help")
                .doesNotContain("not reachable yet", "Waiting for the database", "not-the-password");
    }

    @Test
    void an_owner_configured_without_a_password_logs_in_with_the_password_file() throws Exception {
        Path passwordFile = Files.createTempFile("pgpass", "");
        Files.writeString(passwordFile, "*:*:*:" + PostgresServer.OWNER + ":" + PostgresServer.PASSWORD + "\n");
        Map<String, String> env = new HashMap<>(db.twoRoleEnv());
        env.remove("QUARKUS_FLYWAY_PASSWORD");

        CommandProcess.Result result = processes.app(env).env("PGPASSFILE", passwordFile.toString()).run("migrate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Connected to database " + db.name() + " as role crm_owner");
        assertThat(db.query("select distinct installed_by from flyway_schema_history")).containsExactly("crm_owner");
    }

    @Test
    void migrate_refuses_a_session_that_is_not_the_configured_owner() throws Exception {
        Map<String, String> env = new HashMap<>(db.twoRoleEnv());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", env.get("QUARKUS_DATASOURCE_JDBC_URL") + "?user=" + PostgresServer.APP
                + "&password=" + PostgresServer.PASSWORD);

        CommandProcess.Result result = processes.app(env).run("migrate");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.output())
                .contains("QUARKUS_FLYWAY_USERNAME is crm_owner, but the database session is role crm_app");
        assertThat(db.query("select count(*) from pg_tables where tablename = 'flyway_schema_history'"))
                .containsExactly("0");
    }
}
