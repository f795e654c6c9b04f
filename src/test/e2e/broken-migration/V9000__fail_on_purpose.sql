-- End-to-end test only, never packaged: a migration that changes the schema and then fails.
-- PostgreSQL runs it in one transaction, so the column must not survive and Flyway must not
-- record the version.
alter table contact add column e2e_broken_marker text;

do $$
begin
    raise exception 'e2e: this migration fails on purpose';
end
$$;
