-- Finding customers by part of a name or an email, misspellings too: trigram indexes (pg_trgm). The extension
-- lives in a schema of its own, so that a schema dropped with its tables (a tenant, a test) never takes it along,
-- and every use names it: extensions.gin_trgm_ops, OPERATOR(extensions.<%), extensions.word_similarity().
create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;

-- The name as the search reads it: first, last and organisation name in one lower-case text. The search's SQL
-- repeats this expression exactly, or the index is not used.
create index customer_name_trgm_idx on customer using gin (
    (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(organisation_name, '')))
    extensions.gin_trgm_ops);
create index customer_email_trgm_idx on customer using gin (lower(email) extensions.gin_trgm_ops);

-- The audit page filters by company, newest first.
create index audit_event_partner_idx on audit_event (partner_company_id, at desc, id desc)
    where partner_company_id is not null;
