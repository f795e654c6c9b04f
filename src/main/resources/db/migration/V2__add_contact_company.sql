-- Expand: a nullable column without a default is a catalog-only change, and the previous
-- release, which does not know the column, keeps inserting rows (they get null).
set lock_timeout = '5s';

alter table contact add column company varchar(200);
