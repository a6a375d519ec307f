-- Issue 14, live counts: a partner company's count reads two sets of customers whole, as sorted arrays of ids (V35):
-- its YES customers and the customers without an email address. Building each from its index row by row took 20-35 ms
-- of a count that must answer in under 100 ms. This table keeps each such set as one sorted array, as of its last
-- fold, plus the changes appended since by each statement that changed it, in the same statement, as the tallies of
-- V29 and V30 do: writers only append, so they never wait for each other, and every snapshot's combination of a set's
-- parts (customers_without_email, customers_with_preference) equals the set read from its table in that snapshot.
create table customer_set_part (
    id                 bigint    generated always as identity primary key,
    -- Null with a null state: the customers without an email address. Otherwise the customers whose latest entry
    -- (V25) for this partner company is in this state.
    partner_company_id bigint,
    state              text,
    -- The whole set as of the last fold (at most one per set), or one statement's change: customers who joined the
    -- set (1) or left it (-1).
    folded             boolean   not null,
    sign               smallint  not null,
    -- Sorted, without duplicates.
    customers          integer[] not null,
    constraint customer_set_part_key check ((partner_company_id is null) = (state is null)),
    constraint customer_set_part_sign check (sign in (-1, 1) and (sign = 1 or not folded))
);

-- A whole set is read at once: stored uncompressed, it is copied rather than decompressed.
alter table customer_set_part alter column customers set storage external;

create index customer_set_part_set_idx on customer_set_part (partner_company_id, state);

-- A partner company's count reads its own company's sets and the customers without an address (R-1).
grant select on customer_set_part to stagedoor_partner_reader;
alter table customer_set_part enable row level security;
create policy customer_set_part_run_partner on customer_set_part for select to stagedoor_partner_reader
    using (partner_company_id is null or partner_company_id = (select stagedoor_run_partner()));

-- One set from its parts: the folded set, with the customers whose changes since add up to joining it and without
-- those whose changes add up to leaving it. A customer's changes alternate (each is a change of their one row, made
-- after the one before it committed), so they add up to 1, 0 or -1. The folded set is passed on its own, as it is:
-- it is most of the set, and copying it into a row of the table's type and out again took longer than the rest.
create function customer_set_changed(folded integer[], changes customer_set_part[]) returns integer[]
    language sql immutable as $$
    select case when changes is null then coalesce(folded, '{}') else (
        with net as (
            select u.id, sum(c.sign) as sign
              from unnest(changes) c cross join unnest(c.customers) u (id)
             group by u.id
            having sum(c.sign) <> 0
        )
        select extensions.intset_subtract(
                   extensions._int_union(
                       coalesce(folded, '{}'),
                       coalesce((select array_agg(net.id order by net.id) from net where net.sign > 0), '{}')),
                   coalesce((select array_agg(net.id order by net.id) from net where net.sign < 0), '{}'))) end
$$;

create function customers_without_email() returns integer[] language sql stable as $$
    select customer_set_changed(
               (select p.customers from customer_set_part p
                 where p.partner_company_id is null and p.state is null and p.folded),
               (select array_agg(p order by p.id) from customer_set_part p
                 where p.partner_company_id is null and p.state is null and not p.folded))
$$;

create function customers_with_preference(company bigint, wanted text) returns integer[] language sql stable as $$
    select customer_set_changed(
               (select p.customers from customer_set_part p
                 where p.partner_company_id = company and p.state = wanted and p.folded),
               (select array_agg(p order by p.id) from customer_set_part p
                 where p.partner_company_id = company and p.state = wanted and not p.folded))
$$;

-- Folds a set with many changes into one part, and says whether it did. As for the tallies: one transaction at a time
-- per set (the lock, held to its end), only under read committed, where the statement sees every part committed before
-- it and none being written, so the parts it removes and the one it adds commit together and no snapshot sees another
-- set; and only in a statement of a transaction that has not folded before (the triggers below mark it), so a
-- transaction that changes many rows one statement at a time does not rewrite whole sets at every statement (a later
-- transaction folds what it appended). A null company: the customers without an address.
create function customer_set_fold(company bigint, wanted text) returns boolean language plpgsql as $$
begin
    if current_setting('transaction_isolation') <> 'read committed'
       or current_setting('stagedoor.customer_set_folded', true) = 'on'
       or not exists (select 1 from customer_set_part p
                       where (company is null and p.partner_company_id is null
                              or p.partner_company_id = company and p.state = wanted) and not p.folded
                      having count(*) > 32 or sum(cardinality(p.customers)) > 20000)
       or not pg_try_advisory_xact_lock(hashtextextended('customer_set_part ' || coalesce(company::text, '')
                                                         || ' ' || coalesce(wanted, ''), 0)) then
        return false;
    end if;
    with gone as (
        delete from customer_set_part p
         where company is null and p.partner_company_id is null
            or p.partner_company_id = company and p.state = wanted
        returning p as part)
    insert into customer_set_part (partner_company_id, state, folded, sign, customers)
    select company, wanted, true, 1,
           customer_set_changed((select (g.part).customers from gone g where (g.part).folded),
                                (select array_agg(g.part order by (g.part).id) from gone g where not (g.part).folded));
    return true;
end $$;

-- A statement on customers: those who appear without an address, lose theirs (an erasure), gain one or go. Only a
-- statement that appended a change looks for a fold: most change neither side (a new customer with an address, a
-- new name).
create function customer_set_on_customers() returns trigger language plpgsql as $$
declare
    appended bigint;
begin
    if tg_op = 'INSERT' then
        insert into customer_set_part (folded, sign, customers)
        select false, 1, array_agg(n.id::integer order by n.id) from new_rows n where n.email is null
        having count(*) > 0;
    elsif tg_op = 'DELETE' then
        insert into customer_set_part (folded, sign, customers)
        select false, -1, array_agg(o.id::integer order by o.id) from old_rows o where o.email is null
        having count(*) > 0;
    else
        insert into customer_set_part (folded, sign, customers)
        select false, moved.sign, array_agg(moved.id::integer order by moved.id)
          from (select n.id, case when n.email is null then 1 else -1 end as sign
                  from new_rows n join old_rows o on o.id = n.id
                 where (n.email is null) <> (o.email is null)) moved
         group by moved.sign;
    end if;
    get diagnostics appended = row_count;
    if appended > 0 and customer_set_fold(null, null) then
        perform set_config('stagedoor.customer_set_folded', 'on', true);
    end if;
    return null;
end $$;

create trigger customer_set_customer_insert after insert on customer
    referencing new table as new_rows for each statement execute function customer_set_on_customers();
create trigger customer_set_customer_update after update on customer
    referencing old table as old_rows new table as new_rows
    for each statement execute function customer_set_on_customers();
create trigger customer_set_customer_delete after delete on customer
    referencing old table as old_rows for each statement execute function customer_set_on_customers();

-- A statement on the latest entries: each entry's customer joins the set of its company and new state and leaves that
-- of its old one (an entry whose state stays appends nothing); then the sets it changed are folded if they have many
-- changes. Transition tables are named per trigger: each statement reads only the ones its trigger has.
create function customer_set_on_entries() returns trigger language plpgsql as $$
declare
    companies bigint[];
    states    text[];
begin
    if tg_op = 'INSERT' then
        with appended as (
            insert into customer_set_part (partner_company_id, state, folded, sign, customers)
            select n.partner_company_id, n.state, false, 1, array_agg(n.customer_id::integer order by n.customer_id)
              from new_rows n
             group by n.partner_company_id, n.state
            returning partner_company_id, state)
        select array_agg(a.partner_company_id), array_agg(a.state) into companies, states from appended a;
    elsif tg_op = 'DELETE' then
        with appended as (
            insert into customer_set_part (partner_company_id, state, folded, sign, customers)
            select o.partner_company_id, o.state, false, -1,
                   array_agg(o.customer_id::integer order by o.customer_id)
              from old_rows o
             group by o.partner_company_id, o.state
            returning partner_company_id, state)
        select array_agg(a.partner_company_id), array_agg(a.state) into companies, states from appended a;
    else
        with appended as (
            insert into customer_set_part (partner_company_id, state, folded, sign, customers)
            select entry.partner_company_id, entry.state, false, entry.sign,
                   array_agg(entry.customer_id::integer order by entry.customer_id)
              from (select e.partner_company_id, e.state, e.customer_id, sum(e.sign) as sign
                      from (select n.partner_company_id, n.state, n.customer_id, 1 as sign from new_rows n
                            union all
                            select o.partner_company_id, o.state, o.customer_id, -1 from old_rows o) e
                     group by e.partner_company_id, e.state, e.customer_id
                    having sum(e.sign) <> 0) entry
             group by entry.partner_company_id, entry.state, entry.sign
            returning partner_company_id, state)
        select array_agg(a.partner_company_id), array_agg(a.state) into companies, states from appended a;
    end if;
    if (select count(*) filter (where customer_set_fold(companies[i], states[i]))
          from generate_subscripts(companies, 1) i) > 0 then
        perform set_config('stagedoor.customer_set_folded', 'on', true);
    end if;
    return null;
end $$;

create trigger customer_set_entry_insert after insert on partner_preference_latest
    referencing new table as new_rows for each statement execute function customer_set_on_entries();
create trigger customer_set_entry_update after update on partner_preference_latest
    referencing old table as old_rows new table as new_rows
    for each statement execute function customer_set_on_entries();
create trigger customer_set_entry_delete after delete on partner_preference_latest
    referencing old table as old_rows for each statement execute function customer_set_on_entries();

-- A delete, not a truncate: this runs inside a TRUNCATE of either table, which may name this table too.
create function customer_set_customers_truncated() returns trigger language plpgsql as $$
begin
    delete from customer_set_part p where p.partner_company_id is null;
    return null;
end $$;

create function customer_set_entries_truncated() returns trigger language plpgsql as $$
begin
    delete from customer_set_part p where p.partner_company_id is not null;
    return null;
end $$;

create trigger customer_set_customers_truncate after truncate on customer
    for each statement execute function customer_set_customers_truncated();
create trigger customer_set_entries_truncate after truncate on partner_preference_latest
    for each statement execute function customer_set_entries_truncated();

insert into customer_set_part (folded, sign, customers)
select true, 1, coalesce(array_agg(c.id::integer order by c.id), '{}') from customer c where c.email is null;

insert into customer_set_part (partner_company_id, state, folded, sign, customers)
select l.partner_company_id, l.state, true, 1, array_agg(l.customer_id::integer order by l.customer_id)
  from partner_preference_latest l
 group by l.partner_company_id, l.state;

analyze customer_set_part;
