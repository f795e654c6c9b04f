package com.acme.crm.migrationlint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bad and a good example for every rule. Unless a test says otherwise the migration is transactional, sets
 * lock_timeout first, and {@code contact} is an existing table (this file does not create it).
 */
class MigrationLinterTest {

    private static final String LOCK_TIMEOUT = "set lock_timeout = '5s';\n";

    @Nested
    class RequireConcurrentIndexCreation {

        @Test
        void create_index_without_concurrently_on_existing_table_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "create index contact_last_name_idx on contact (last_name);"),
                    "require-concurrent-index-creation", "CREATE INDEX CONCURRENTLY");
        }

        @Test
        void create_index_concurrently_in_a_non_transactional_migration_passes() {
            assertThat(lintNonTransactional(
                    "create index concurrently if not exists contact_last_name_idx on contact (last_name);")).isEmpty();
        }

        @Test
        void create_index_on_a_table_created_in_the_same_file_passes() {
            assertThat(lint("""
                    create table note (id bigint not null, contact_id bigint not null);
                    create unique index note_contact_idx on public.note (contact_id);
                    """)).isEmpty();
        }
    }

    @Nested
    class DisallowedUniqueConstraint {

        @Test
        void add_unique_constraint_on_existing_table_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact add constraint contact_email_key unique (email);"),
                    "disallowed-unique-constraint", "USING INDEX");
        }

        @Test
        void add_unique_constraint_using_a_concurrently_built_index_passes() {
            assertThat(lint(LOCK_TIMEOUT
                    + "alter table contact add constraint contact_email_key unique using index contact_email_idx;"))
                    .isEmpty();
        }
    }

    @Nested
    class ConcurrentlyInTransaction {

        @Test
        void concurrently_inside_a_transactional_migration_is_flagged() {
            assertFlagged(lint("drop index concurrently if exists contact_email_lower_key;"),
                    "concurrently-in-transaction", "executeInTransaction=false");
        }

        @Test
        void concurrently_in_a_migration_with_execute_in_transaction_false_passes(@TempDir Path directory)
                throws IOException {
            Files.writeString(directory.resolve("V3__create_index.sql"),
                    "create index concurrently if not exists contact_phone_idx on contact (phone);");
            Files.writeString(directory.resolve("V3__create_index.sql.conf"), "executeInTransaction = false\n");

            assertThat(MigrationLinter.lint(directory)).isEmpty();
        }

        @Test
        void concurrently_without_a_conf_file_is_flagged_by_file_name(@TempDir Path directory) throws IOException {
            Files.writeString(directory.resolve("V3__create_index.sql"),
                    "create index concurrently if not exists contact_phone_idx on contact (phone);");

            assertThat(MigrationLinter.lint(directory)).singleElement().hasToString(
                    "V3__create_index.sql:1 concurrently-in-transaction " + Rule.CONCURRENTLY_IN_TRANSACTION.message());
        }
    }

    @Nested
    class PreferRobustStmts {

        @Test
        void create_index_concurrently_without_if_not_exists_is_flagged() {
            assertFlagged(lintNonTransactional("create unique index concurrently contact_phone_key on contact (phone);"),
                    "prefer-robust-stmts", "if not exists");
        }

        @Test
        void drop_index_concurrently_without_if_exists_is_flagged() {
            assertFlagged(lintNonTransactional("drop index concurrently contact_phone_idx;"), "prefer-robust-stmts",
                    "if exists");
        }

        @Test
        void statements_that_can_run_again_pass() {
            assertThat(lintNonTransactional("""
                    drop index concurrently if exists contact_phone_idx;
                    create unique index concurrently if not exists contact_phone_key on contact (phone);
                    """)).isEmpty();
        }
    }

    @Nested
    class LockTimeoutOutsideTransaction {

        @Test
        void a_lock_timeout_in_a_non_transactional_migration_is_flagged() {
            assertFlagged(lintNonTransactional(LOCK_TIMEOUT
                    + "create index concurrently if not exists contact_phone_idx on contact (phone);"),
                    "lock-timeout-outside-transaction", "remove it");
        }

        @Test
        void a_lock_timeout_in_a_transactional_migration_passes() {
            assertThat(lint(LOCK_TIMEOUT + "alter table contact add column nickname text;")).isEmpty();
        }
    }

    @Nested
    class BatchedBackfill {

        @Test
        void an_update_of_an_existing_table_in_a_transaction_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "update contact set company = 'none' where company is null;"),
                    "batched-backfill", "Backfill in batches");
        }

        @Test
        void a_batched_backfill_outside_a_transaction_passes() {
            assertThat(lintNonTransactional("""
                    do $$
                    declare updated integer;
                    begin
                        loop
                            update contact set company = 'none'
                            where id in (select id from contact where company is null limit 1000);
                            get diagnostics updated = row_count;
                            commit;
                            exit when updated = 0;
                        end loop;
                    end
                    $$;
                    """)).isEmpty();
        }
    }

    @Nested
    class AddingFieldWithVolatileDefault {

        @ParameterizedTest
        @ValueSource(strings = { "token uuid default gen_random_uuid()",
                "seen_at timestamptz default clock_timestamp()", "number bigint default nextval('contact_number_seq')",
                "number bigserial", "number bigint generated always as identity",
                "full_name text generated always as (first_name || ' ' || last_name) stored" })
        void adding_a_column_with_a_volatile_default_to_existing_table_is_flagged(String column) {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact add column " + column + ";"),
                    "adding-field-with-volatile-default", "SET DEFAULT in a separate statement");
        }

        @ParameterizedTest
        @ValueSource(strings = { "active boolean not null default true", "tier text default 'basic'::varchar(20)",
                "imported_at timestamptz not null default now()", "score numeric(5, 2) default 0",
                "full_name text generated always as (first_name || ' ' || last_name) virtual" })
        void adding_a_column_with_a_constant_or_stable_default_passes(String column) {
            assertThat(lint(LOCK_TIMEOUT + "alter table contact add column " + column + ";")).isEmpty();
        }
    }

    @Nested
    class AddingRequiredField {

        @Test
        void adding_a_not_null_column_without_default_to_existing_table_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact add column tier text not null;"),
                    "adding-required-field", "constant DEFAULT");
        }

        @Test
        void adding_a_not_null_column_with_a_constant_default_passes() {
            assertThat(lint(LOCK_TIMEOUT + "alter table contact add tier text not null default 'basic';")).isEmpty();
        }
    }

    @Nested
    class SetNotNullWithoutCheck {

        @Test
        void set_not_null_without_a_validated_check_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact alter column phone set not null;"),
                    "set-not-null-without-check", "CHECK (column IS NOT NULL) NOT VALID");
        }

        @Test
        void set_not_null_behind_a_check_that_was_added_but_never_validated_is_flagged() {
            List<Finding> findings = lint(
                    migration("V4__check_phone.sql",
                            LOCK_TIMEOUT + "alter table contact add constraint"
                                    + " contact_phone_not_null check (phone is not null) not valid;"),
                    migration("V5__require_phone.sql",
                            LOCK_TIMEOUT + "alter table contact alter column phone set not null;"));

            assertFlagged(findings, "set-not-null-without-check", "VALIDATE CONSTRAINT");
        }

        @Test
        void set_not_null_after_a_validated_check_in_earlier_migrations_passes() {
            assertThat(lint(
                    migration("V4__check_phone.sql",
                            LOCK_TIMEOUT + "alter table contact add constraint"
                                    + " contact_phone_not_null check (phone is not null) not valid;"),
                    migration("V5__validate_phone.sql",
                            "alter table contact validate constraint contact_phone_not_null;"),
                    migration("V6__require_phone.sql", LOCK_TIMEOUT + """
                            alter table contact alter column phone set not null;
                            alter table contact drop constraint contact_phone_not_null;
                            """))).isEmpty();
        }

        @Test
        void migrations_are_checked_in_version_order_not_in_the_order_given() {
            List<Finding> findings = lint(
                    migration("V10__validate_phone.sql",
                            "alter table contact validate constraint contact_phone_not_null;"),
                    migration("V9__require_phone.sql",
                            LOCK_TIMEOUT + "alter table contact alter column phone set not null;"),
                    migration("V8__check_phone.sql", LOCK_TIMEOUT + "alter table contact add constraint"
                            + " contact_phone_not_null check (phone is not null) not valid;"));

            assertThat(findings).singleElement().extracting(Finding::file).isEqualTo("V9__require_phone.sql");
        }
    }

    @Nested
    class ConstraintMissingNotValid {

        @ParameterizedTest
        @ValueSource(strings = { "add constraint contact_email_check check (email like '%@%')",
                "add constraint contact_owner_fkey foreign key (owner_id) references app_user (id)",
                "add column owner_id bigint references app_user (id)" })
        void adding_a_check_or_foreign_key_without_not_valid_to_existing_table_is_flagged(String action) {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact " + action + ";"), "constraint-missing-not-valid",
                    "NOT VALID");
        }

        @Test
        void adding_a_foreign_key_not_valid_and_validating_it_later_passes() {
            assertThat(lint(migration("V4__add_owner.sql", LOCK_TIMEOUT + """
                    alter table contact add column owner_id bigint;
                    alter table contact add constraint contact_owner_fkey
                        foreign key (owner_id) references app_user (id) on delete set null not valid;
                    """),
                    migration("V5__validate_owner.sql", "alter table contact validate constraint contact_owner_fkey;")))
                    .isEmpty();
        }
    }

    @Nested
    class BanDropTable {

        @Test
        void dropping_an_existing_table_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "drop table if exists contact_import, contact cascade;"),
                    "ban-drop-table", "contract migration");
        }

        @Test
        void dropping_a_table_in_a_reviewed_contract_migration_passes() {
            assertThat(lint(LOCK_TIMEOUT + """
                    -- Contract: release 1.4 stopped reading contact_import.
                    -- lint:allow ban-drop-table reason: unused since release 1.4, see issue 42
                    drop table contact_import;
                    """)).isEmpty();
        }
    }

    @Nested
    class BanDropColumn {

        @Test
        void dropping_a_column_of_an_existing_table_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact drop column if exists phone;"), "ban-drop-column",
                    "remove it from the code first");
        }

        @Test
        void dropping_a_constraint_is_not_dropping_a_column() {
            assertThat(lint(LOCK_TIMEOUT + "alter table contact drop constraint contact_phone_check;")).isEmpty();
        }
    }

    @Nested
    class RenamingTable {

        @Test
        void renaming_an_existing_table_is_flagged() {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact rename to person;"), "renaming-table",
                    "create the new table, write to both");
        }

        @Test
        void renaming_a_table_created_in_the_same_file_passes() {
            assertThat(lint("create table person_draft (id bigint); alter table person_draft rename to person;"))
                    .isEmpty();
        }
    }

    @Nested
    class RenamingColumn {

        @ParameterizedTest
        @ValueSource(strings = { "rename column phone to mobile", "rename phone to mobile" })
        void renaming_a_column_of_an_existing_table_is_flagged(String action) {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact " + action + ";"), "renaming-column",
                    "add a new column, write to both");
        }

        @Test
        void renaming_a_constraint_passes() {
            assertThat(lint(LOCK_TIMEOUT + "alter table contact rename constraint contact_pk to contact_pkey;"))
                    .isEmpty();
        }
    }

    @Nested
    class ChangingColumnType {

        @ParameterizedTest
        @ValueSource(strings = { "alter column phone type varchar(64)", "alter phone set data type text" })
        void changing_a_column_type_of_an_existing_table_is_flagged(String action) {
            assertFlagged(lint(LOCK_TIMEOUT + "alter table contact " + action + ";"), "changing-column-type",
                    "add a new column with the new type");
        }

        @Test
        void changing_a_column_default_passes() {
            assertThat(lint(LOCK_TIMEOUT + "alter table contact alter column phone set default '';")).isEmpty();
        }
    }

    @Nested
    class RequireLockTimeout {

        @Test
        void altering_an_existing_table_without_lock_timeout_is_flagged() {
            assertFlagged(lint("alter table contact add column company varchar(200);"), "require-lock-timeout",
                    "set lock_timeout");
        }

        @ParameterizedTest
        @ValueSource(strings = { "alter table contact set (fillfactor = 70)", "truncate table contact",
                "lock table only contact in share mode",
                "create trigger contact_touch before update on public.contact for each row execute function touch()" })
        void other_statements_that_lock_an_existing_table_without_lock_timeout_are_flagged(String statement) {
            assertFlagged(lint(statement + ";"), "require-lock-timeout", "set lock_timeout");
        }

        @Test
        void lock_timeout_set_after_the_statement_is_flagged() {
            assertFlagged(lint("alter table contact add column company varchar(200);\n" + LOCK_TIMEOUT),
                    "require-lock-timeout", "earlier in the file");
        }

        @Test
        void lock_timeout_of_zero_is_flagged() {
            assertFlagged(lint("set lock_timeout to 0; alter table contact add column company varchar(200);"),
                    "require-lock-timeout", "set lock_timeout");
        }

        @Test
        void set_local_lock_timeout_in_a_non_transactional_migration_is_flagged() {
            assertFlagged(
                    lintNonTransactional(
                            "set local lock_timeout = '5s'; alter table contact add column company varchar(200);"),
                    "require-lock-timeout", "set lock_timeout");
        }

        @Test
        void set_local_lock_timeout_in_a_transactional_migration_passes() {
            assertThat(lint("set local lock_timeout = '5s'; alter table contact add column company varchar(200);"))
                    .isEmpty();
        }

        @Test
        void statements_on_new_tables_and_validations_need_no_lock_timeout() {
            assertThat(lint("""
                    create table note (id bigint not null);
                    alter table note add column contact_id bigint not null;
                    alter table contact validate constraint contact_owner_fkey;
                    """)).isEmpty();
        }
    }

    @Nested
    class LintAllow {

        private static final String DROP_PHONE = LOCK_TIMEOUT + "%s\nalter table contact drop column phone;";

        @Test
        void a_marker_with_rule_and_reason_allows_that_rule_on_the_next_statement() {
            assertThat(lint(DROP_PHONE
                    .formatted("-- Contract step.\n-- lint:allow ban-drop-column reason: unread since release 1.3")))
                    .isEmpty();
        }

        @Test
        void a_marker_allows_only_the_statement_right_after_it() {
            List<Finding> findings = lint(LOCK_TIMEOUT + """
                    -- lint:allow ban-drop-column reason: unread since release 1.3
                    alter table contact drop column phone;
                    alter table contact drop column company;
                    """);

            assertThat(findings).singleElement().satisfies(finding -> {
                assertThat(finding.ruleId()).isEqualTo("ban-drop-column");
                assertThat(finding.line()).isEqualTo(4);
            });
        }

        @Test
        void a_marker_without_reason_is_flagged_and_allows_nothing() {
            List<Finding> findings = lint(DROP_PHONE.formatted("-- lint:allow ban-drop-column"));

            assertThat(findings).extracting(Finding::ruleId).containsExactly("lint-allow", "ban-drop-column");
            assertThat(findings.get(0).line()).isEqualTo(2);
            assertThat(findings.get(0).message()).contains("needs a reason", "reason: <why it is safe>");
        }

        @Test
        void a_marker_naming_an_unknown_rule_is_flagged() {
            List<Finding> findings = lint(DROP_PHONE.formatted("/* lint:allow drop-column reason: old */"));

            assertThat(findings).extracting(Finding::ruleId).containsExactly("lint-allow", "ban-drop-column");
            assertThat(findings.get(0).message()).contains("'drop-column' is not a rule");
        }

        @Test
        void a_marker_for_a_rule_the_statement_does_not_break_is_flagged() {
            List<Finding> findings = lint(DROP_PHONE.formatted("-- lint:allow ban-drop-table reason: old"));

            assertThat(findings).extracting(Finding::ruleId).containsExactly("lint-allow", "ban-drop-column");
            assertThat(findings.get(0).message()).contains("does not break ban-drop-table, remove the marker");
        }

        @Test
        void the_marker_rule_itself_cannot_be_allowed() {
            assertThat(lint("-- lint:allow lint-allow reason: quiet\nselect 1;")).extracting(Finding::ruleId)
                    .containsExactly("lint-allow");
        }
    }

    @Test
    void callbacks_and_strings_that_look_like_ddl_break_no_rule() {
        assertThat(lint(migration("afterMigrate.sql", """
                do $$
                begin
                    execute 'alter table contact drop column phone';
                end
                $$;
                comment on table contact is 'drop table contact; -- not a statement';
                """))).isEmpty();
    }

    private static List<Finding> lint(String sql) {
        return lint(migration("V2__change.sql", sql));
    }

    private static List<Finding> lintNonTransactional(String sql) {
        return MigrationLinter.lint(List.of(new Migration("V2__change.sql", sql, false)));
    }

    private static List<Finding> lint(Migration... migrations) {
        return MigrationLinter.lint(List.of(migrations));
    }

    private static Migration migration(String name, String sql) {
        return new Migration(name, sql, true);
    }

    private static void assertFlagged(List<Finding> findings, String ruleId, String safeAlternative) {
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(ruleId);
            assertThat(finding.message()).contains(safeAlternative);
        });
    }
}
