package com.acme.crm.migrationlint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints a migration set: walks every statement of every script in Flyway order, and reports the rules each breaks
 * unless a reviewed {@code -- lint:allow <rule-id> reason: <text>} marker just before it allows one.
 */
final class MigrationLinter {

    private static final Pattern MARKER = Pattern.compile("lint:allow\\b\\s*(\\S*)\\s*(.*)", Pattern.DOTALL);

    private MigrationLinter() {
    }

    static List<Finding> lint(Path migrationDirectory) throws IOException {
        return lint(Migration.readAll(migrationDirectory));
    }

    static List<Finding> lint(List<Migration> migrations) {
        NotNullChecks notNullChecks = new NotNullChecks();
        List<Finding> findings = new ArrayList<>();
        for (Migration migration : migrations.stream().sorted(Migration.FLYWAY_ORDER).toList()) {
            FileScope scope = new FileScope(migration.transactional(), notNullChecks);
            for (Statement statement : SqlSplitter.split(migration.sql())) {
                Set<Rule> broken = StatementRules.check(statement, scope);
                Set<Rule> allowed = EnumSet.noneOf(Rule.class);
                for (Token comment : statement.leadingComments()) {
                    Matcher marker = MARKER.matcher(comment.text());
                    if (marker.matches()) {
                        markerProblem(marker.group(1), marker.group(2), broken, allowed)
                                .ifPresent(problem -> findings.add(new Finding(migration.name(), comment.line(),
                                        Rule.LINT_ALLOW.id(), problem + "; " + Rule.LINT_ALLOW.message())));
                    }
                }
                broken.stream().filter(rule -> !allowed.contains(rule)).forEach(rule -> findings
                        .add(new Finding(migration.name(), statement.line(), rule.id(), rule.message())));
            }
        }
        return findings;
    }

    /** What is wrong with a marker, if anything; a sound marker adds its rule to {@code allowed}. */
    private static Optional<String> markerProblem(String ruleId, String rest, Set<Rule> broken, Set<Rule> allowed) {
        Optional<Rule> rule = Rule.allowable(ruleId);
        if (rule.isEmpty()) {
            return Optional.of("'" + ruleId + "' is not a rule that can be allowed");
        }
        if (!rest.startsWith("reason:") || rest.substring("reason:".length()).isBlank()) {
            return Optional.of("allowing " + ruleId + " needs a reason");
        }
        if (!broken.contains(rule.get())) {
            return Optional.of("the statement does not break " + ruleId + ", remove the marker");
        }
        allowed.add(rule.get());
        return Optional.empty();
    }
}
