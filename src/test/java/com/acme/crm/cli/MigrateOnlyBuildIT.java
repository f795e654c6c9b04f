package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.TestDatabase;

/**
 * The build the migrate image ships: the schema commands without the API's extensions, which is what makes it start
 * fast. The other command tests run their schema commands on it too.
 */
class MigrateOnlyBuildIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @Test
    void migrates_without_the_api_and_without_warnings_about_its_configuration() throws Exception {
        CommandProcess.Result result = processes.migrateOnlyBuild(db.twoRoleEnv()).run("migrate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.warningsAndErrors()).isEmpty();
        assertThat(result.output().lines().filter(line -> line.contains("Installed features")))
                .singleElement().asString()
                .contains("flyway", "jdbc-postgresql")
                .doesNotContain("rest", "hibernate", "openapi", "micrometer", "smallrye-health", "smallrye-jwt");
        assertThat(db.history()).isNotEmpty().allMatch(TestDatabase.HistoryRow::success);
    }

    @Test
    void refuses_to_serve_and_says_which_image_does() throws Exception {
        CommandProcess.Result result = processes.migrateOnlyBuild(db.twoRoleEnv()).run("serve");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.USAGE.code);
        assertThat(result.output()).contains("This is the migrate-only build of crm-service",
                "The API image (crm-service-api) serves the API");
    }
}
