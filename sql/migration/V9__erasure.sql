-- Issue 6: customer erasure. An erased customer keeps its row, as orders, tickets and relationships point at it
-- and sales figures must not change, but none of its personal fields: the names an individual or an organisation
-- must have are required of customers not erased only, and an erased customer may hold no personal field at all,
-- so that no later change can quietly bring one back.
alter table customer drop constraint customer_names_by_kind;
alter table customer add constraint customer_names_by_kind check (
    erased_at is not null
    or (kind = 'INDIVIDUAL' and length(trim(first_name)) > 0 and length(trim(last_name)) > 0
            and organisation_name is null)
    or (kind = 'ORGANISATION' and length(trim(organisation_name)) > 0));
alter table customer add constraint customer_erased_holds_no_personal_data check (
    erased_at is null
    or (title is null and first_name is null and last_name is null and organisation_name is null and email is null
        and phone is null and mobile is null and date_of_birth is null and postcode is null and not online_access));
