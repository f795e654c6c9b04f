package com.acme.crm.migrationlint;

import java.util.List;
import java.util.Set;

/** The parts of an {@code ADD COLUMN} definition the rules look at. */
record ColumnDefinition(List<Token> type, List<Token> defaultExpression, boolean notNull, boolean generated,
        boolean storedOrIdentity, boolean constrained, boolean indexed) {

    /** Words that end the type or the default expression and start a column constraint. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "default", "references",
            "check", "primary", "unique", "generated", "collate");

    private static final Set<String> SERIAL_TYPES = Set.of("smallserial", "serial", "bigserial", "serial2", "serial4",
            "serial8");

    /**
     * Built-in functions that are stable or immutable, so PostgreSQL 11+ stores their value once instead of rewriting
     * the table. Any other function call counts as volatile: unknown functions are not assumed safe.
     */
    private static final Set<String> NON_VOLATILE_FUNCTIONS = Set.of("now", "transaction_timestamp",
            "statement_timestamp", "current_setting", "coalesce", "nullif", "greatest", "least", "lower", "upper",
            "cast", "make_interval", "json_build_object", "jsonb_build_object", "json_build_array",
            "jsonb_build_array");

    /** Parses the tokens after the column name. */
    static ColumnDefinition parse(List<Token> tokens) {
        int typeEnd = nextConstraintWord(tokens, 0);
        List<Token> defaultExpression = List.of();
        boolean notNull = false;
        boolean generated = false;
        boolean constrained = false;
        boolean indexed = false;
        int i = typeEnd;
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            if (token.isWord("default") && !(i > 0 && tokens.get(i - 1).isWord("set"))) {
                int end = nextConstraintWord(tokens, i + 2);
                defaultExpression = tokens.subList(i + 1, Math.min(end, tokens.size()));
                i = end;
                continue;
            }
            notNull |= token.isWord("not") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("null");
            generated |= token.isWord("generated");
            constrained |= token.isWord("references") || token.isWord("check");
            indexed |= token.isWord("unique") || token.isWord("primary");
            i = nextConstraintWord(tokens, i + 1);
        }
        // A virtual generated column (the PostgreSQL 18 default) computes on read and writes nothing.
        boolean storedOrIdentity = generated
                && tokens.stream().anyMatch(token -> token.isWord("stored") || token.isWord("identity"));
        return new ColumnDefinition(tokens.subList(0, typeEnd), defaultExpression, notNull, generated, storedOrIdentity,
                constrained, indexed);
    }

    boolean hasDefault() {
        return !defaultExpression.isEmpty();
    }

    /** A serial, identity or stored generated column, or a default that calls a volatile function. */
    boolean fillsRowsVolatilely() {
        return storedOrIdentity
                || type.stream()
                        .anyMatch(token -> token.kind() == Token.Kind.WORD && SERIAL_TYPES.contains(token.text()))
                || callsVolatileFunction();
    }

    private boolean callsVolatileFunction() {
        for (int i = 0; i + 1 < defaultExpression.size(); i++) {
            Token token = defaultExpression.get(i);
            boolean call = token.isIdentifier() && defaultExpression.get(i + 1).isSymbol("(");
            boolean typeName = i > 0
                    && (defaultExpression.get(i - 1).isSymbol("::") || defaultExpression.get(i - 1).isWord("as"));
            if (call && !typeName && !NON_VOLATILE_FUNCTIONS.contains(token.text())) {
                return true;
            }
        }
        return false;
    }

    /** Index of the next constraint word outside parentheses at or after {@code from}, or the size. */
    private static int nextConstraintWord(List<Token> tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0 && token.kind() == Token.Kind.WORD && CONSTRAINT_WORDS.contains(token.text())) {
                return i;
            }
        }
        return tokens.size();
    }
}
