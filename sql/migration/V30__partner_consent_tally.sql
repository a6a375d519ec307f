-- Issue 14, live counts of a partner company's list: the consent funnel of a list that selects customers by their
-- email address alone (the company's opted-in list) is the number of the company's YES customers with and without an
-- email address. Counting them read each YES customer by key. This table holds, per partner company, the number of
-- customers in each preference state (the history's latest entry, V25) with and without an email address, as changes
-- appended in the same statement as the preference or the customer changes, like customer_email_tally (V29): every
-- snapshot's sum per company, state and side equals a count of partner_preference_latest joined to customer in that
-- snapshot. A run's consent at a cut-off or a consent-age limit still reads the entries (see ListSql).
create table partner_consent_tally (
    partner_company_id bigint  not null,
    state              text    not null,
    with_email         boolean not null,
    customers          bigint  not null
);

create index partner_consent_tally_partner_idx on partner_consent_tally (partner_company_id);

-- A customer's email address changes: the entries of that customer, found by customer.
create index partner_preference_latest_customer_idx on partner_preference_latest (customer_id);

insert into partner_consent_tally (partner_company_id, state, with_email, customers)
select l.partner_company_id, l.state, c.email is not null, count(*)
  from partner_preference_latest l
  join customer c on c.id = l.customer_id
 group by l.partner_company_id, l.state, c.email is not null;

-- A partner company's count reads its own company's numbers only (R-1).
grant select on partner_consent_tally to stagedoor_partner_reader;
alter table partner_consent_tally enable row level security;
create policy partner_consent_tally_run_partner on partner_consent_tally for select
    to stagedoor_partner_reader using (partner_company_id = (select stagedoor_run_partner()));

-- Folds a company's rows into one per state and side once it has many. As for customer_email_tally: one transaction
-- at a time per company (the lock, held to its end), and only under read committed, so that the rows it removes and
-- the one it adds commit together and no snapshot sees a different sum. At most once per transaction: a transaction
-- that changes many entries one statement at a time (a row trigger of the history writes each) would otherwise look
-- through more rows it removed itself at every statement; what it appends after that is folded by a later one.
create function partner_consent_tally_fold() returns void language plpgsql as $$
declare
    company bigint;
begin
    if current_setting('transaction_isolation') <> 'read committed'
       or current_setting('stagedoor.partner_consent_tally_folded', true) = 'on' then
        return;
    end if;
    for company in
        select t.partner_company_id from partner_consent_tally t
         group by t.partner_company_id having count(*) > 32
    loop
        if pg_try_advisory_xact_lock('partner_consent_tally'::regclass::oid::integer, company::integer) then
            with gone as (delete from partner_consent_tally t where t.partner_company_id = company
                          returning t.state, t.with_email, t.customers)
            insert into partner_consent_tally (partner_company_id, state, with_email, customers)
            select company, state, with_email, sum(customers) from gone group by state, with_email;
            perform set_config('stagedoor.partner_consent_tally_folded', 'on', true);
        end if;
    end loop;
end $$;

-- A statement on the latest entries: its new rows count one each, its old rows minus one each, with the email address
-- their customer has as the statement runs (an entry whose customer does not exist counts nowhere, as in a run).
create function partner_consent_tally_on_entries() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into partner_consent_tally (partner_company_id, state, with_email, customers)
        select n.partner_company_id, n.state, c.email is not null, count(*)
          from new_rows n join customer c on c.id = n.customer_id
         group by n.partner_company_id, n.state, c.email is not null;
    elsif tg_op = 'DELETE' then
        insert into partner_consent_tally (partner_company_id, state, with_email, customers)
        select o.partner_company_id, o.state, c.email is not null, -count(*)
          from old_rows o join customer c on c.id = o.customer_id
         group by o.partner_company_id, o.state, c.email is not null;
    else
        insert into partner_consent_tally (partner_company_id, state, with_email, customers)
        select changed.partner_company_id, changed.state, c.email is not null, sum(changed.customers)
          from (select n.partner_company_id, n.state, n.customer_id, 1 as customers from new_rows n
                union all
                select o.partner_company_id, o.state, o.customer_id, -1 from old_rows o) changed
          join customer c on c.id = changed.customer_id
         group by changed.partner_company_id, changed.state, c.email is not null
        having sum(changed.customers) <> 0;
    end if;
    perform partner_consent_tally_fold();
    return null;
end $$;

create trigger partner_consent_tally_insert after insert on partner_preference_latest
    referencing new table as new_rows for each statement execute function partner_consent_tally_on_entries();
create trigger partner_consent_tally_update after update on partner_preference_latest
    referencing old table as old_rows new table as new_rows
    for each statement execute function partner_consent_tally_on_entries();
create trigger partner_consent_tally_delete after delete on partner_preference_latest
    referencing old table as old_rows for each statement execute function partner_consent_tally_on_entries();

-- A statement on customers: the entries of each customer who appears or goes, or whose email address appears or goes,
-- found by customer, count on that side. An update that keeps both sides as they were appends nothing.
create function partner_consent_tally_on_customers() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into partner_consent_tally (partner_company_id, state, with_email, customers)
        select l.partner_company_id, l.state, n.email is not null, count(*)
          from new_rows n join partner_preference_latest l on l.customer_id = n.id
         group by l.partner_company_id, l.state, n.email is not null;
    elsif tg_op = 'DELETE' then
        insert into partner_consent_tally (partner_company_id, state, with_email, customers)
        select l.partner_company_id, l.state, o.email is not null, -count(*)
          from old_rows o join partner_preference_latest l on l.customer_id = o.id
         group by l.partner_company_id, l.state, o.email is not null;
    else
        insert into partner_consent_tally (partner_company_id, state, with_email, customers)
        select l.partner_company_id, l.state, moved.with_email, sum(moved.customers)
          from (select sides.id, sides.with_email, sum(sides.customers) as customers
                  from (select n.id, n.email is not null as with_email, 1 as customers from new_rows n
                        union all
                        select o.id, o.email is not null, -1 from old_rows o) sides
                 group by sides.id, sides.with_email
                having sum(sides.customers) <> 0) moved
          join partner_preference_latest l on l.customer_id = moved.id
         group by l.partner_company_id, l.state, moved.with_email
        having sum(moved.customers) <> 0;
    end if;
    perform partner_consent_tally_fold();
    return null;
end $$;

create trigger partner_consent_tally_customer_insert after insert on customer
    referencing new table as new_rows for each statement execute function partner_consent_tally_on_customers();
create trigger partner_consent_tally_customer_update after update on customer
    referencing old table as old_rows new table as new_rows
    for each statement execute function partner_consent_tally_on_customers();
create trigger partner_consent_tally_customer_delete after delete on customer
    referencing old table as old_rows for each statement execute function partner_consent_tally_on_customers();

-- A delete, not a truncate: this runs inside a TRUNCATE of either table, which may name this table too. Emptying
-- either table empties the join the tally counts.
create function partner_consent_tally_truncated() returns trigger language plpgsql as $$
begin
    delete from partner_consent_tally;
    return null;
end $$;

create trigger partner_consent_tally_entries_truncate after truncate on partner_preference_latest
    for each statement execute function partner_consent_tally_truncated();
create trigger partner_consent_tally_customers_truncate after truncate on customer
    for each statement execute function partner_consent_tally_truncated();

analyze partner_consent_tally;
