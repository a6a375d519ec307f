-- V9's customer_names_by_kind let a customer without a name through: length(trim(null)) is null, and a check whose
-- result is null passes. The same rule again, with a missing name counting as an empty one.
--
-- Added NOT VALID first, so that every row written from now on is checked at once; existing rows are then validated,
-- but only when none breaks the rule: a store that already holds a nameless customer (written while V9's check let it
-- through) still starts, with a warning saying how to find and mend them, rather than failing to migrate. Until they
-- are mended, a change to such a customer is refused with the rule's own words, and VALIDATE can be run again.
alter table customer drop constraint customer_names_by_kind;
alter table customer add constraint customer_names_by_kind check (
    erased_at is not null
    or (kind = 'INDIVIDUAL' and coalesce(trim(first_name), '') <> '' and coalesce(trim(last_name), '') <> ''
            and organisation_name is null)
    or (kind = 'ORGANISATION' and coalesce(trim(organisation_name), '') <> '')) not valid;

do $$
declare
    nameless bigint;
begin
    select count(*) into nameless
      from customer
     where not (erased_at is not null
            or (kind = 'INDIVIDUAL' and coalesce(trim(first_name), '') <> '' and coalesce(trim(last_name), '') <> ''
                    and organisation_name is null)
            or (kind = 'ORGANISATION' and coalesce(trim(organisation_name), '') <> ''));
    if nameless = 0 then
        alter table customer validate constraint customer_names_by_kind;
    else
        raise warning '% customers have no name (a person needs a first and a last name, an organisation its name): '
            'give them their names, then run "alter table customer validate constraint customer_names_by_kind".',
            nameless;
    end if;
end
$$;
