-- Venue system tokens (issue 16): the venue's own sales channels (its online shop, its box office) call the
-- booking API with a token of the same kind as a partner company's, kept in the same table so that the hash
-- look-up, expiry, revocation and the audit log's reference work alike. A venue token belongs to no partner
-- company; which API a token reaches follows from its scope, never from the caller's say.
alter table api_token add column scope text not null default 'PARTNER' check (scope in ('PARTNER', 'VENUE'));
alter table api_token alter column partner_company_id drop not null;
alter table api_token add constraint api_token_partner_of_scope
    check ((scope = 'PARTNER') = (partner_company_id is not null));
create index api_token_venue_idx on api_token (created_at desc) where scope = 'VENUE';
