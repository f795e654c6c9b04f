-- Expand: a nullable column without a default is a catalog-only change, and the previous
-- release, which does not know the column, keeps inserting rows (they get null). The lock budget
-- is CRM_MIGRATION_LOCK_TIMEOUT, given to Flyway as the lock_timeout placeholder.
set lock_timeout = '${lock_timeout}';

alter table contact add column company varchar(200);
