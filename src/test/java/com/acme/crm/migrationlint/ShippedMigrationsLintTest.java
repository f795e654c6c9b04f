package com.acme.crm.migrationlint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The build gate: every migration this build ships passes the safe-migration lint. */
class ShippedMigrationsLintTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /**
     * Findings of migrations that were released before their rule existed. An applied migration is never edited (its
     * checksum would no longer match), not even to add a lint:allow marker; the reason says why each is still safe.
     */
    private static final Map<String, String> RELEASED_BEFORE_THE_RULE = Map.of(
            "V3__create_contact_email_unique_index.sql:6 prefer-robust-stmts",
            "it drops the index first, so a rerun rebuilds it rather than failing");

    @Test
    void shipped_migrations_break_no_rule() throws IOException {
        assertThat(Migration.readAll(MIGRATIONS)).as("shipped migrations").isNotEmpty();

        List<Finding> findings = MigrationLinter.lint(MIGRATIONS).stream()
                .filter(finding -> !RELEASED_BEFORE_THE_RULE
                        .containsKey(finding.file() + ":" + finding.line() + " " + finding.ruleId()))
                .toList();

        assertThat(findings).withFailMessage(() -> "Unsafe migration statements (file:line rule advice); fix them"
                + " or put a reviewed '-- lint:allow <rule-id> reason: <text>' just before the statement:\n"
                + findings.stream().map(Finding::toString).collect(Collectors.joining("\n"))).isEmpty();
    }
}
