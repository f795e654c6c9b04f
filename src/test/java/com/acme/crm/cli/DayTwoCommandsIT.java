package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The day-2 commands: info, validate and plan read the history; repair and baseline write it. */
class DayTwoCommandsIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @Test
    void info_shows_the_current_version_and_each_migration() throws Exception {
        db.migrateTo("2");

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("info");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Current version: 2 (this build ships up to 4; 2 pending, 0 failed)");
        assertThat(result.stdout().lines().filter(line -> line.startsWith("3 "))).singleElement().asString()
                .contains("create contact email unique index", "Pending");
    }

    @Test
    void info_json_prints_only_json_on_stdout() throws Exception {
        db.migrateTo("2");

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("info", "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertThat(report.get("currentVersion").asText()).isEqualTo("2");
        assertThat(report.get("expectedVersion").asText()).isEqualTo("4");
        JsonNode applied = report.get("migrations").get(0);
        assertThat(applied.get("version").asText()).isEqualTo("1");
        assertThat(applied.get("description").asText()).isEqualTo("create contact table");
        assertThat(applied.get("state").asText()).isEqualTo("Success");
        assertThat(applied.get("installedOn").isTextual()).isTrue();
        assertThat(applied.get("executionTimeMs").isInt()).isTrue();
        JsonNode pending = report.get("migrations").get(2);
        assertThat(pending.get("version").asText()).isEqualTo("3");
        assertThat(pending.get("state").asText()).isEqualTo("Pending");
        assertThat(pending.get("installedOn").isNull()).isTrue();
    }

    @Test
    void validate_passes_on_a_schema_with_pending_migrations_only() throws Exception {
        db.migrateTo("2");

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("validate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Validation passed: the 2 applied migrations match this build; 2 pending");
    }

    @Test
    void validate_fails_with_exit_4_when_an_applied_migration_was_edited() throws Exception {
        db.migrateTo("2");
        db.alterChecksum("1");

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("validate");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output()).contains("Invalid migration 1", "checksum mismatch", "never edit an applied one");
    }

    @Test
    void validate_fails_with_exit_4_when_an_applied_migration_is_missing_from_the_build() throws Exception {
        db.migrateTo("4");
        db.recordInHistory(6, "2.5", "lost in a revert", true);

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("validate");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output()).contains("Invalid migration 2.5", "not resolved locally");
    }

    @Test
    void validate_tolerates_migrations_newer_than_the_build() throws Exception {
        db.migrateTo("4");
        db.recordInHistory(6, "9", "from a newer release", true);

        assertThat(processes.app(db.twoRoleEnv()).run("validate").exitCode()).isZero();
    }

    @Test
    void validate_fails_with_exit_4_on_a_failed_migration_and_passes_after_repair() throws Exception {
        db.migrateTo("2");
        db.alterChecksum("1");
        db.recordInHistory(3, "3", "create contact email unique index", false);

        CommandProcess.Result invalid = processes.app(db.twoRoleEnv()).run("validate");
        assertThat(invalid.exitCode()).isEqualTo(4);
        assertThat(invalid.output()).contains("Invalid migration 3", "failed");

        CommandProcess.Result repair = processes.app(db.twoRoleEnv()).run("repair");
        assertThat(repair.exitCode()).isZero();
        assertThat(repair.output()).contains("Repair done: 1 failed entries removed, 1 checksums realigned");
        assertThat(db.history()).extracting(TestDatabase.HistoryRow::version).containsExactly("1", "2");

        assertThat(processes.app(db.twoRoleEnv()).run("validate").exitCode()).isZero();
    }

    @Test
    void baseline_adopts_an_existing_schema_without_history() throws Exception {
        db.migrateTo("4");
        db.execute("drop table flyway_schema_history");

        CommandProcess.Result baseline = processes.app(db.twoRoleEnv()).run("baseline", "--version", "4");

        assertThat(baseline.exitCode()).as(baseline.output()).isZero();
        assertThat(baseline.output()).contains("Baselined schema at version 4");
        assertThat(db.history()).extracting(TestDatabase.HistoryRow::version, TestDatabase.HistoryRow::description)
                .containsExactly(tuple("4", "<< Flyway Baseline >>"));
        CommandProcess.Result migrate = processes.app(db.twoRoleEnv()).run("migrate");
        assertThat(migrate.output()).contains("Schema is up to date at version 4");
    }

    @Test
    void baseline_refuses_a_database_that_already_has_a_history() throws Exception {
        db.migrateTo("2");

        CommandProcess.Result result = processes.app(db.twoRoleEnv()).run("baseline", "--version", "3");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output()).contains("Baseline at version 3 refused");
        assertThat(db.appliedVersions()).containsExactly("1", "2");
    }

    @Test
    void plan_prints_the_pending_sql_in_order_without_running_it() throws Exception {
        db.migrateTo("1");
        processes.writeFixtureMigration("V5__add_contact_nickname.sql",
                "alter table contact add column nickname varchar(50);\n");

        CommandProcess.Result result = processes.fixtureApp(db.twoRoleEnv()).run("plan");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).doesNotContain("-- Version 1", "${").containsSubsequence(
                "-- Version 2: add contact company (db/migration/V2__add_contact_company.sql), in one transaction",
                "set lock_timeout = '5000ms';", "alter table contact add column company varchar(200);",
                "-- Version 3: create contact email unique index (db/migration/V3__create_contact_email_unique_index.sql),"
                        + " outside a transaction",
                "create unique index concurrently contact_email_lower_key on contact (lower(email));",
                "-- Version 4: create contact search and sort indexes"
                        + " (db/migration/V4__create_contact_search_and_sort_indexes.sql), outside a transaction",
                "create extension if not exists pg_trgm;",
                "create index concurrently if not exists contact_created_at_id_idx on contact (created_at, id);",
                "-- Version 5: add contact nickname (V5__add_contact_nickname.sql), in one transaction",
                "alter table contact add column nickname varchar(50);",
                "-- Then, after the migrations: db/migration/afterMigrate.sql", "if 'crm_app' <> current_user then");
        assertThat(db.appliedVersions()).containsExactly("1");
        assertThat(db.hasColumn("contact", "company")).isFalse();
    }
}
