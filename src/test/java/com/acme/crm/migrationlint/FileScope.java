package com.acme.crm.migrationlint;

import java.util.HashSet;
import java.util.Set;

/** What the rules know while they walk one migration file from top to bottom. */
final class FileScope {

    private final boolean transactional;
    private final NotNullChecks notNullChecks;
    private final Set<String> tablesCreatedHere = new HashSet<>();
    private boolean lockTimeoutSet;

    FileScope(boolean transactional, NotNullChecks notNullChecks) {
        this.transactional = transactional;
        this.notNullChecks = notNullChecks;
    }

    boolean transactional() {
        return transactional;
    }

    NotNullChecks notNullChecks() {
        return notNullChecks;
    }

    void created(String table) {
        tablesCreatedHere.add(table);
    }

    /**
     * A table this file did not create: created by an earlier migration (or outside the set), so it may be busy and the
     * running release uses it. A table created in the same file is new: nobody can be using it yet.
     */
    boolean existing(String table) {
        return !tablesCreatedHere.contains(table);
    }

    boolean lockTimeoutSet() {
        return lockTimeoutSet;
    }

    void lockTimeoutSet(boolean set) {
        lockTimeoutSet = set;
    }
}
