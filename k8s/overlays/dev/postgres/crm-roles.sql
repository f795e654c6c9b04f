-- The service's roles, set up as the superuser in the service's database right after it is created:
-- by the postgres image on a new data volume (docker-compose.yml, k8s dev overlay), by dev mode's
-- embedded PostgreSQL and by the tests. The one source of the role set-up; docs/operations.md
-- lists the same grants for a database your DBA runs. Names and passwords come as settings, e.g.
--   PGOPTIONS='-c crm.owner_role=crm_owner -c crm.owner_password=...' (one value per role below):
--   crm.owner_role   owns the database and its schema; migrate logs in as it.
--   crm.app_role     the API's login; the migrations grant it row access (afterMigrate.sql).
--   crm.backup_role  takes the backups: reads every row (pg_read_all_data), changes nothing.
-- Roles belong to the whole server: they are created once, and kept if they exist.
do $$
declare
    db     text := current_database();
    owner  text := current_setting('crm.owner_role');
    app    text := current_setting('crm.app_role');
    backup text := current_setting('crm.backup_role');
begin
    if not exists (select from pg_roles where rolname = owner) then
        execute format('create role %I login password %L', owner, current_setting('crm.owner_password'));
    end if;
    if not exists (select from pg_roles where rolname = app) then
        execute format('create role %I login password %L', app, current_setting('crm.app_password'));
    end if;
    if not exists (select from pg_roles where rolname = backup) then
        execute format('create role %I login password %L in role pg_read_all_data', backup,
                       current_setting('crm.backup_password'));
        execute format('alter role %I set default_transaction_read_only = on', backup);
    end if;
    execute format('alter database %I owner to %I', db, owner);
    execute format('alter schema public owner to %I', owner);
    execute 'revoke create on schema public from public';
    execute format('revoke all on database %I from public', db);
    execute format('grant connect on database %I to %I, %I', db, app, backup);
end
$$;
