package com.acme.crm.migrationlint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The build gate: every migration this build ships passes the safe-migration lint. */
class ShippedMigrationsLintTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void shipped_migrations_break_no_rule() throws IOException {
        assertThat(Migration.readAll(MIGRATIONS)).as("shipped migrations").isNotEmpty();

        List<Finding> findings = MigrationLinter.lint(MIGRATIONS);

        assertThat(findings).withFailMessage(() -> "Unsafe migration statements (file:line rule advice); fix them"
                + " or put a reviewed '-- lint:allow <rule-id> reason: <text>' just before the statement:\n"
                + findings.stream().map(Finding::toString).collect(Collectors.joining("\n"))).isEmpty();
    }
}
