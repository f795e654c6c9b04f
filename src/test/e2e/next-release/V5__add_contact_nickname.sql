-- End-to-end test only, never packaged: release N+1 expands the schema while release N serves.
set lock_timeout = '${lock_timeout}';

alter table contact add column nickname varchar(50);
