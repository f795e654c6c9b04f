-- Expand: indexes that keep listing and searching contacts fast on a table of a million rows;
-- the running release gains from them as much as the next one. Built CONCURRENTLY, outside a
-- transaction (see the .conf file beside this one), so writes go on while they build. Safe to
-- run again after a failure: migrate drops the INVALID index a failed build leaves behind before
-- it runs the file again, and IF NOT EXISTS skips what was already built.
--
-- pg_trgm is a trusted extension (PostgreSQL 13+): the owner role may create it because it owns
-- the database (CREATE on the database is what it takes). Where it may not, a superuser creates
-- the extension in this schema first, and this statement leaves it as it is.
create extension if not exists pg_trgm;

-- q, the substring search: one trigram index per column, on exactly the expression the search
-- compares (lower(column) like '%text%', contacts.ContactListing); PostgreSQL combines them for
-- the OR of the four columns.
create index concurrently if not exists contact_first_name_trgm_idx
    on contact using gin (lower(first_name) gin_trgm_ops);

create index concurrently if not exists contact_last_name_trgm_idx
    on contact using gin (lower(last_name) gin_trgm_ops);

create index concurrently if not exists contact_email_trgm_idx
    on contact using gin (lower(email) gin_trgm_ops);

create index concurrently if not exists contact_company_trgm_idx
    on contact using gin (lower(company) gin_trgm_ops);

-- The orders a listing may have besides id (the primary key's): the field, then id to break
-- ties. Read forwards for an ascending sort, backwards for a descending one, from the first
-- page down to any cursor (after).
create index concurrently if not exists contact_last_name_id_idx on contact (last_name, id);

create index concurrently if not exists contact_created_at_id_idx on contact (created_at, id);
