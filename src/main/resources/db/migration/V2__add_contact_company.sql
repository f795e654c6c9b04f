-- Expand: a nullable column without a default is a catalog-only change, and the previous
-- release, which does not know the column, keeps inserting rows (they get null). How long it may
-- wait for the table lock is the session's lock_timeout (CRM_MIGRATION_LOCK_TIMEOUT).
alter table contact add column company varchar(200);
