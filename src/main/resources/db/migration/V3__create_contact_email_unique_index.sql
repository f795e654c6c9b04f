-- Builds the case-insensitive uniqueness of email without blocking writes. CONCURRENTLY cannot
-- run inside a transaction (see the .conf file beside this one). A build that failed half-way
-- leaves an INVALID index behind, so a retry drops it first.
drop index concurrently if exists contact_email_lower_key;

create unique index concurrently contact_email_lower_key on contact (lower(email));
