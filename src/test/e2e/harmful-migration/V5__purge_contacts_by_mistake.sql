-- End-to-end test only: a harmful release. It runs outside a transaction, so the delete is
-- committed before the next statement fails: the data is gone and only the backup brings it back.
delete from contact;

create index concurrently if not exists contact_typo_idx on contact (no_such_column);
