-- Flyway callback, run after every migrate: the application role may read and write the rows of
-- the service's tables and read the migration history (for the readiness check), nothing more.
-- Skipped when the application connects as the owner itself (single-role setups).
-- Flyway runs this callback after releasing its own lock, and PostgreSQL fails concurrent grants
-- on one object with "tuple concurrently updated": migrates started together take turns here.
do $$
begin
    if '${app_role}' <> current_user then
        perform pg_advisory_xact_lock(hashtext('crm-service afterMigrate grants'));
        execute format('grant usage on schema %I to %I', '${flyway:defaultSchema}', '${app_role}');
        execute format('grant select, insert, update, delete on all tables in schema %I to %I',
                       '${flyway:defaultSchema}', '${app_role}');
        execute format('grant usage, select on all sequences in schema %I to %I',
                       '${flyway:defaultSchema}', '${app_role}');
        execute format('revoke insert, update, delete, truncate on %I.%I from %I',
                       '${flyway:defaultSchema}', '${flyway:table}', '${app_role}');
    end if;
end
$$;
