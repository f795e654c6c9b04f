package com.acme.crm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.ServedApi;
import com.acme.crm.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code serve} is ready only on a schema that holds every migration of its build, newer ones included, and a newer
 * release's failure never takes it down.
 */
class SchemaReadinessIT {

    /** A non-transactional migration of a newer release that fails, recorded as failed in the history. */
    private static final String FAILING_INDEX = "create index concurrently if not exists contact_nickname_idx"
            + " on contact (nickname);\n";

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @Test
    void new_code_on_an_old_schema_is_not_ready_until_migrated() throws Exception {
        db.migrateTo("2");
        ServedApi api = serve(processes.app(apiEnv()));

        HttpResponse<String> before = api.awaitReadiness(503, Duration.ofSeconds(30));
        JsonNode schema = schemaCheck(before);
        assertThat(schema.get("status").asText()).isEqualTo("DOWN");
        assertThat(schema.at("/data/currentVersion").asText()).isEqualTo("2");
        assertThat(schema.at("/data/expectedVersion").asText()).isEqualTo("4");

        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();

        HttpResponse<String> after = api.awaitReadiness(200, Duration.ofSeconds(30));
        assertThat(schemaCheck(after).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void old_code_on_a_schema_extended_by_a_newer_release_stays_ready() throws Exception {
        processes.writeFixtureMigration("V5__add_contact_nickname.sql",
                "alter table contact add column nickname varchar(50);\n");
        assertThat(processes.fixtureApp(db.twoRoleEnv()).run("migrate").exitCode()).isZero();

        HttpResponse<String> response = serve(processes.app(apiEnv())).awaitReadiness(200, Duration.ofSeconds(30));

        JsonNode schema = schemaCheck(response);
        assertThat(schema.at("/data/currentVersion").asText()).isEqualTo("5");
        assertThat(schema.at("/data/expectedVersion").asText()).isEqualTo("4");
    }

    @Test
    void a_newer_release_whose_migration_failed_leaves_the_serving_release_ready_and_its_rollback_unblocked()
            throws Exception {
        db.migrateTo("4");
        ServedApi serving = serve(processes.app(apiEnv()));
        serving.awaitReadiness(200, Duration.ofSeconds(30));
        processes.writeFixtureMigration("V5__index_contact_nickname.sql", FAILING_INDEX);
        processes.writeFixtureMigration("V5__index_contact_nickname.sql.conf", "executeInTransaction=false\n");

        CommandProcess.Result newer = processes.fixtureApp(db.twoRoleEnv()).run("migrate");
        assertThat(newer.exitCode()).as(newer.output()).isEqualTo(1);
        assertThat(db.history()).extracting(TestDatabase.HistoryRow::version, TestDatabase.HistoryRow::success)
                .contains(org.assertj.core.groups.Tuple.tuple("5", false));

        // Readiness is refreshed every second: watch it for several refreshes.
        Instant watchUntil = Instant.now().plusSeconds(4);
        HttpResponse<String> readiness;
        do {
            readiness = serving.readiness();
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            Thread.sleep(200);
        } while (Instant.now().isBefore(watchUntil));
        assertThat(schemaCheck(readiness).at("/data/failedNewerMigrations").asText()).isEqualTo("5");
        assertThat(serving.process().output())
                .contains("The history records a failed migration [5] of a newer release");

        CommandProcess.Result rollbackWait = processes.apiBuild(apiEnv()).run("wait");
        assertThat(rollbackWait.exitCode()).as(rollbackWait.output()).isZero();
        assertThat(rollbackWait.output()).contains("failed migration [5] of a newer release");
        CommandProcess.Result rollbackMigrate = processes.app(db.twoRoleEnv()).run("migrate");
        assertThat(rollbackMigrate.exitCode()).as(rollbackMigrate.output()).isZero();
        assertThat(rollbackMigrate.output()).contains("contains a failed future migration to version 5");
    }

    @Test
    void a_release_whose_own_migration_failed_is_not_ready_and_its_wait_fails_at_once() throws Exception {
        db.migrateTo("4");
        processes.writeFixtureMigration("V5__index_contact_nickname.sql", FAILING_INDEX);
        processes.writeFixtureMigration("V5__index_contact_nickname.sql.conf", "executeInTransaction=false\n");
        assertThat(processes.fixtureApp(db.twoRoleEnv()).run("migrate").exitCode()).isEqualTo(1);

        CommandProcess.Result wait = processes.fixtureApp(apiEnv()).run("wait");
        assertThat(wait.exitCode()).isEqualTo(1);
        assertThat(wait.output()).contains("migration 5 of this build is recorded as failed", "run 'repair' then",
                "or roll back to the previous release");

        HttpResponse<String> readiness = serve(processes.fixtureApp(apiEnv())).awaitReadiness(503,
                Duration.ofSeconds(30));
        assertThat(schemaCheck(readiness).at("/data/failedVersions").asText()).isEqualTo("5");
    }

    /** The API's own credentials only, as in production, and a quick readiness refresh. */
    private Map<String, String> apiEnv() {
        return db.singleRoleEnv(PostgresServer.APP);
    }

    private static ServedApi serve(CommandProcesses.Launcher launcher) throws IOException, InterruptedException {
        return launcher.env("CRM_READINESS_REFRESH_INTERVAL", "1s").serve();
    }

    private static JsonNode schemaCheck(HttpResponse<String> response) throws IOException {
        for (JsonNode check : new ObjectMapper().readTree(response.body()).get("checks")) {
            if (check.get("name").asText().equals("Database schema")) {
                return check;
            }
        }
        throw new AssertionError("No schema check in " + response.body());
    }
}
