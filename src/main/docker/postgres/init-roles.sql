-- Runs once, as the superuser, when the postgres container starts on an empty data volume (the
-- official image's /docker-entrypoint-initdb.d contract). Creates the service's database and its
-- two roles, named and with passwords from the container's environment (docker-compose.yml):
--   CRM_OWNER_ROLE  owns the database and its schema; the migrate command connects as it.
--   CRM_APP_ROLE    the API's login; the migrations grant it row access (afterMigrate.sql).
\getenv db CRM_DB_NAME
\getenv owner CRM_OWNER_ROLE
\getenv owner_password CRM_OWNER_PASSWORD
\getenv app CRM_APP_ROLE
\getenv app_password CRM_APP_PASSWORD

create role :"owner" login password :'owner_password';
create role :"app" login password :'app_password';
create database :"db" owner :"owner";
revoke all on database :"db" from public;
grant connect on database :"db" to :"app";
