package com.acme.crm.migrationlint;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the rules one statement breaks in the context of its file, and records what the statement changes in that
 * context (tables created, lock_timeout set, NOT NULL checks added or validated).
 */
final class StatementRules {

    private final FileScope scope;
    private final Set<Rule> broken = EnumSet.noneOf(Rule.class);

    private StatementRules(FileScope scope) {
        this.scope = scope;
    }

    static Set<Rule> check(Statement statement, FileScope scope) {
        StatementRules rules = new StatementRules(scope);
        rules.inspect(statement);
        return rules.broken;
    }

    private void inspect(Statement statement) {
        // REFRESH MATERIALIZED VIEW CONCURRENTLY is the one concurrent command allowed in a transaction.
        if (scope.transactional() && statement.hasWord("concurrently") && !statement.cursor().peek("refresh")) {
            broken.add(Rule.CONCURRENTLY_IN_TRANSACTION);
        }
        TokenCursor cursor = statement.cursor();
        if (cursor.accept("set")) {
            setting(cursor);
        } else if (cursor.accept("reset")) {
            if (cursor.peek("lock_timeout") || cursor.peek("all")) {
                scope.lockTimeoutSet(false);
            }
        } else if (cursor.accept("create")) {
            create(cursor);
        } else if (cursor.accept("alter", "table")) {
            alterTable(cursor);
        } else if (cursor.accept("drop", "table")) {
            cursor.accept("if", "exists");
            for (TokenCursor item : cursor.restSplitAtCommas()) {
                String table = item.name().orElse("");
                if (scope.existing(table)) {
                    broken.add(Rule.BAN_DROP_TABLE);
                    locks(table);
                }
            }
        } else if (cursor.accept("drop", "index")) {
            if (cursor.accept("concurrently") && !cursor.accept("if", "exists")) {
                broken.add(Rule.PREFER_ROBUST_STMTS);
            }
        } else if (cursor.accept("update")) {
            cursor.accept("only");
            if (scope.transactional() && scope.existing(cursor.name().orElse(""))) {
                broken.add(Rule.BATCHED_BACKFILL);
            }
        } else if (cursor.accept("truncate") || cursor.accept("lock")) {
            cursor.accept("table");
            cursor.accept("only");
            cursor.restSplitAtCommas().forEach(item -> item.name().ifPresent(this::locks));
        }
    }

    private void setting(TokenCursor cursor) {
        boolean local = cursor.accept("local");
        cursor.accept("session");
        if (!cursor.accept("lock_timeout")) {
            return;
        }
        // SET LOCAL outside a transaction block only warns and changes nothing.
        if (local && !scope.transactional()) {
            return;
        }
        List<Token> value = cursor.rest();
        String text = value.isEmpty() ? "" : value.get(value.size() - 1).text().replace("'", "");
        boolean limited = !text.matches("0[a-z]*|default");
        if (limited && !scope.transactional()) {
            broken.add(Rule.LOCK_TIMEOUT_OUTSIDE_TRANSACTION);
        }
        scope.lockTimeoutSet(limited);
    }

    private void create(TokenCursor cursor) {
        cursor.accept("or", "replace");
        for (String prefix : List.of("global", "local", "temporary", "temp", "unlogged")) {
            cursor.accept(prefix);
        }
        if (cursor.accept("table")) {
            cursor.accept("if", "not", "exists");
            cursor.name().ifPresent(scope::created);
            return;
        }
        boolean index = cursor.accept("unique", "index") || cursor.accept("index");
        boolean trigger = cursor.accept("constraint", "trigger") || cursor.accept("trigger");
        if (!index && !trigger) {
            return;
        }
        boolean concurrently = cursor.accept("concurrently");
        if (index && concurrently && !cursor.accept("if", "not", "exists")) {
            broken.add(Rule.PREFER_ROBUST_STMTS);
        }
        cursor.skipPast("on");
        cursor.accept("only");
        String table = cursor.name().orElse("");
        if (index && !concurrently && scope.existing(table)) {
            broken.add(Rule.REQUIRE_CONCURRENT_INDEX_CREATION);
        }
        if (!concurrently) {
            locks(table);
        }
    }

    private void alterTable(TokenCursor cursor) {
        cursor.accept("if", "exists");
        cursor.accept("only");
        String table = cursor.name().orElse("");
        if (!scope.existing(table)) {
            return;
        }
        boolean onlyValidates = true;
        for (TokenCursor action : cursor.restSplitAtCommas()) {
            if (action.accept("validate", "constraint")) {
                action.name().ifPresent(constraint -> scope.notNullChecks().validated(table, constraint));
            } else {
                onlyValidates = false;
                alterTableAction(table, action);
            }
        }
        // VALIDATE CONSTRAINT takes a lock that lets reads and writes go on.
        if (!onlyValidates) {
            locks(table);
        }
    }

    private void alterTableAction(String table, TokenCursor action) {
        if (action.accept("add")) {
            boolean constraint = !action.peek("column") && (action.peek("constraint") || action.peek("check")
                    || action.peek("foreign") || action.peek("primary") || action.peek("unique"));
            if (constraint) {
                addConstraint(table, action);
            } else {
                action.accept("column");
                action.accept("if", "not", "exists");
                action.name();
                addColumn(ColumnDefinition.parse(action.rest()));
            }
        } else if (action.accept("alter") && !action.peek("constraint")) {
            action.accept("column");
            String column = action.name().orElse("");
            if (action.accept("set", "not", "null") && !scope.notNullChecks().coverValidated(table, column)) {
                broken.add(Rule.SET_NOT_NULL_WITHOUT_CHECK);
            } else if (action.accept("type") || action.accept("set", "data", "type")) {
                broken.add(Rule.CHANGING_COLUMN_TYPE);
            }
        } else if (action.accept("drop") && !action.peek("constraint")) {
            broken.add(Rule.BAN_DROP_COLUMN);
        } else if (action.accept("rename") && !action.peek("constraint")) {
            broken.add(action.peek("to") ? Rule.RENAMING_TABLE : Rule.RENAMING_COLUMN);
        }
    }

    private void addColumn(ColumnDefinition column) {
        if (column.fillsRowsVolatilely()) {
            broken.add(Rule.ADDING_FIELD_WITH_VOLATILE_DEFAULT);
        } else if (column.notNull() && !column.hasDefault() && !column.generated()) {
            broken.add(Rule.ADDING_REQUIRED_FIELD);
        }
        if (column.constrained()) {
            broken.add(Rule.CONSTRAINT_MISSING_NOT_VALID);
        }
        if (column.indexed()) {
            broken.add(Rule.DISALLOWED_UNIQUE_CONSTRAINT);
        }
    }

    private void addConstraint(String table, TokenCursor action) {
        String name = action.accept("constraint") ? action.name().orElse("") : "";
        boolean validated = !action.endsWith("not", "valid");
        if (action.peek("check") || action.peek("foreign")) {
            if (validated) {
                broken.add(Rule.CONSTRAINT_MISSING_NOT_VALID);
            }
            if (action.accept("check")) {
                notNullColumn(action.rest())
                        .ifPresent(column -> scope.notNullChecks().added(table, name, column, validated));
            }
        } else if ((action.accept("unique") || action.accept("primary", "key")) && !action.peek("using", "index")) {
            broken.add(Rule.DISALLOWED_UNIQUE_CONSTRAINT);
        }
    }

    /** The column of a {@code CHECK (column IS NOT NULL)} expression. */
    private static Optional<String> notNullColumn(List<Token> check) {
        boolean matches = check.size() >= 6 && check.get(0).isSymbol("(") && check.get(1).isIdentifier()
                && check.get(2).isWord("is") && check.get(3).isWord("not") && check.get(4).isWord("null")
                && check.get(5).isSymbol(")");
        return matches ? Optional.of(check.get(1).text()) : Optional.empty();
    }

    /** A statement that blocks reads or writes of the table while it waits for and holds its lock. */
    private void locks(String table) {
        if (scope.existing(table) && !scope.lockTimeoutSet()) {
            broken.add(Rule.REQUIRE_LOCK_TIMEOUT);
        }
    }
}
