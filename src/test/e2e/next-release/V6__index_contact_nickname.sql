-- End-to-end test only: an index built without blocking writes.
create index concurrently if not exists contact_nickname_idx on contact (nickname);
