package com.acme.crm.migrationlint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The lint rules, each with the safe alternative its finding recommends. Ids follow squawk where squawk has the same
 * rule; the advice follows squawk and strong_migrations.
 */
enum Rule {

    REQUIRE_CONCURRENT_INDEX_CREATION("require-concurrent-index-creation",
            "CREATE INDEX on an existing table blocks writes while the index builds; use CREATE INDEX CONCURRENTLY"
                    + " in a migration of its own with executeInTransaction=false in its .sql.conf"),
    DISALLOWED_UNIQUE_CONSTRAINT("disallowed-unique-constraint",
            "ADD UNIQUE or PRIMARY KEY builds its index while blocking reads and writes; CREATE UNIQUE INDEX"
                    + " CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)"),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction",
            "CONCURRENTLY cannot run inside a transaction; move the statement to a migration of its own with"
                    + " executeInTransaction=false in <migration>.sql.conf"),
    ADDING_FIELD_WITH_VOLATILE_DEFAULT("adding-field-with-volatile-default",
            "a volatile default (a function such as gen_random_uuid() or clock_timestamp(), a serial, identity"
                    + " or stored generated column) rewrites the whole table while blocking reads and writes; add the"
                    + " column without a default, SET DEFAULT in a separate statement, then backfill in batches"),
    ADDING_REQUIRED_FIELD("adding-required-field",
            "NOT NULL without a default fails on existing rows and breaks inserts of the running release; add the"
                    + " column with a constant DEFAULT, or nullable and later SET NOT NULL behind a validated CHECK"),
    SET_NOT_NULL_WITHOUT_CHECK("set-not-null-without-check",
            "SET NOT NULL scans the whole table while blocking reads and writes; ADD CONSTRAINT ... CHECK (column"
                    + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it, then SET NOT NULL (PostgreSQL 12+ skips the"
                    + " scan) and drop the check"),
    CONSTRAINT_MISSING_NOT_VALID("constraint-missing-not-valid",
            "adding a CHECK or FOREIGN KEY checks every row while blocking writes; ADD CONSTRAINT ... NOT VALID"
                    + " (for a new column: in a separate statement), then VALIDATE CONSTRAINT in a later migration"),
    BAN_DROP_TABLE("ban-drop-table",
            "the running release may still use the table; remove it from the code first, then drop it in a later"
                    + " contract migration with a reviewed lint:allow marker"),
    BAN_DROP_COLUMN("ban-drop-column",
            "the running release still reads and writes the column; remove it from the code first, then drop it"
                    + " in a later contract migration with a reviewed lint:allow marker"),
    RENAMING_TABLE("renaming-table",
            "the running release still uses the old name; create the new table, write to both, backfill, switch"
                    + " reads, and drop the old table in a later release"),
    RENAMING_COLUMN("renaming-column",
            "the running release still uses the old name; add a new column, write to both, backfill, switch"
                    + " reads, and drop the old column in a later release"),
    CHANGING_COLUMN_TYPE("changing-column-type",
            "a type change usually rewrites the table while blocking reads and writes and can break the running"
                    + " release; add a new column with the new type, write to both, backfill, switch reads, drop the"
                    + " old column later (a metadata-only change, e.g. widening a varchar, may opt out with a reason)"),
    PREFER_ROBUST_STMTS("prefer-robust-stmts",
            "a non-transactional migration must be safe to run again after it failed or was killed half-way: create"
                    + " index concurrently if not exists, drop index concurrently if exists (migrate drops the INVALID"
                    + " index of a failed attempt before it runs the file again, and never a valid one)"),
    LOCK_TIMEOUT_OUTSIDE_TRANSACTION("lock-timeout-outside-transaction",
            "migrate runs a non-transactional migration without a lock timeout on purpose: CREATE INDEX CONCURRENTLY"
                    + " takes only SHARE UPDATE EXCLUSIVE, blocks no reads or writes, and must outwait every older"
                    + " transaction, so a lock_timeout only makes it fail behind a long report or pg_dump; remove it"),
    BATCHED_BACKFILL("batched-backfill",
            "an UPDATE of a whole table in one transaction holds every row lock it took until it commits, blocking"
                    + " the running release's writes to those rows; backfill in batches that commit one by one, in a"
                    + " non-transactional migration (docs/migrations.md, \"Backfill in batches\")"),
    REQUIRE_LOCK_TIMEOUT("require-lock-timeout",
            "this statement locks an existing table against reads or writes, and while it waits every query"
                    + " queues behind it; set lock_timeout = '5s' (or set local lock_timeout in a transactional"
                    + " migration) earlier in the file so it fails fast and can be retried"),
    LINT_ALLOW("lint-allow",
            "an opt-out is a comment just before the statement: -- lint:allow <rule-id> reason: <why it is safe>");

    private final String id;
    private final String message;

    Rule(String id, String message) {
        this.id = id;
        this.message = message;
    }

    String id() {
        return id;
    }

    String message() {
        return message;
    }

    /** The rule a lint:allow marker may name: every rule but the one that checks the markers themselves. */
    static Optional<Rule> allowable(String id) {
        return Arrays.stream(values()).filter(rule -> rule != LINT_ALLOW && rule.id.equals(id)).findFirst();
    }
}
