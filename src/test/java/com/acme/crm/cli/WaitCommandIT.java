package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.TestDatabase;

/** {@code wait} as the init container of the API runs it: in the API build, with the API's own credentials only. */
class WaitCommandIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    final Map<String, String> apiEnv = db.singleRoleEnv(PostgresServer.APP);

    @Test
    void wait_returns_at_once_on_an_up_to_date_schema() throws Exception {
        db.migrateTo("4");

        CommandProcess.Result result = processes.apiBuild(apiEnv).run("wait");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Schema is at version 4 and holds every migration of this build");
    }

    @Test
    void wait_returns_once_another_process_has_migrated() throws Exception {
        CommandProcess wait = processes.apiBuild(apiEnv).start("wait");
        wait.awaitOutput("Waiting for migrations: database at version none, this build needs 4",
                Duration.ofSeconds(60));

        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();
        CommandProcess.Result result = wait.awaitExit();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.warningsAndErrors()).isEmpty();
    }

    @Test
    void wait_gives_up_with_exit_5_at_its_deadline() throws Exception {
        db.migrateTo("2");

        CommandProcess.Result result = processes.apiBuild(apiEnv).env("CRM_MIGRATION_WAIT_DEADLINE", "1s").run("wait");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.output()).contains("Gave up after 1 s: database at version 2, this build needs 4",
                "Is the migrate job running?");
    }

    @Test
    void wait_fails_with_exit_1_at_once_when_a_migration_failed() throws Exception {
        db.migrateTo("3");
        db.recordInHistory(4, "4", "create contact search and sort indexes", false);

        CommandProcess.Result result = processes.apiBuild(apiEnv).run("wait");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Not starting: migration 4 of this build is recorded as failed",
                "run 'repair' then 'migrate'");
    }
}
