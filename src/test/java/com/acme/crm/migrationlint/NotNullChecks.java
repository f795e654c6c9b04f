package com.acme.crm.migrationlint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code CHECK (column IS NOT NULL)} constraints of the migration set so far, and which are validated: a validated
 * one lets {@code SET NOT NULL} skip its table scan. Spans files, because the safe sequence spreads over several
 * migrations.
 */
final class NotNullChecks {

    private final Map<String, String> columnByConstraint = new HashMap<>();
    private final Set<String> validatedColumns = new HashSet<>();

    void added(String table, String constraint, String column, boolean validated) {
        columnByConstraint.put(table + "." + constraint, column);
        if (validated) {
            validatedColumns.add(table + "." + column);
        }
    }

    void validated(String table, String constraint) {
        String column = columnByConstraint.get(table + "." + constraint);
        if (column != null) {
            validatedColumns.add(table + "." + column);
        }
    }

    boolean coverValidated(String table, String column) {
        return validatedColumns.contains(table + "." + column);
    }
}
