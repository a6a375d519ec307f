-- Issue 14, live counts: a purchasing segment of memberships and donations groups the orders' summary rows without a
-- performance by the customer they are credited to. Read from the index on confirmation time, every row of the period
-- goes into a hash of customers; read from an index in the customer's order, each customer's rows come together and
-- are summed one customer at a time. One index per way of crediting an order (its owner, or its facilitator when it
-- has one), each with the columns the segment reads, so that only the index is read.
create index order_summary_other_purchase_owner_idx on order_summary (owner_id)
    include (confirmed_at, memberships, membership_cents, donations, donation_cents)
    where event_instance_id is null;

create index order_summary_other_purchase_credited_idx on order_summary (credited_id)
    include (confirmed_at, memberships, membership_cents, donations, donation_cents)
    where event_instance_id is null;

-- A count of a list with a has-email segment, or one that selects every customer but a few, needs how many customers
-- there are with and without an email address; counting them read the customer table's whole primary key. This table
-- holds those two numbers as changes: each statement that inserts, deletes or updates customers appends one row per
-- side whose number it changed, in the same statement, so every snapshot's sum equals a count of the customer table
-- in that snapshot. Rows are only appended, so writers never wait for each other; now and then a writer folds them
-- into one row per side (below).
create table customer_email_tally (
    with_email boolean not null,
    customers  bigint  not null
);

insert into customer_email_tally (with_email, customers)
select c.email is not null, count(*) from customer c group by c.email is not null;

-- A partner company's count reads it as its run's statement does.
grant select on customer_email_tally to stagedoor_partner_reader;

-- Folds the rows into one per side once there are many. Only one transaction at a time (the lock, held to its end),
-- and only under read committed, where the delete sees every change committed before it and none being made: the
-- rows it removes and the one it adds commit together, so no snapshot ever sees a different sum.
create function customer_email_tally_fold() returns void language plpgsql as $$
begin
    if current_setting('transaction_isolation') = 'read committed'
       and (select count(*) from customer_email_tally) > 32
       and pg_try_advisory_xact_lock('customer_email_tally'::regclass::oid::bigint) then
        with gone as (delete from customer_email_tally returning with_email, customers)
        insert into customer_email_tally (with_email, customers)
        select with_email, sum(customers) from gone group by with_email;
    end if;
end $$;

-- Each statement adds one row per side it changed: its new rows count one each, its old rows minus one each, so an
-- update changes a side only when an address is added or removed (an erasure removes it).
create function customer_email_tally_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into customer_email_tally (with_email, customers)
        select n.email is not null, count(*) from new_rows n group by n.email is not null;
    elsif tg_op = 'DELETE' then
        insert into customer_email_tally (with_email, customers)
        select o.email is not null, -count(*) from old_rows o group by o.email is not null;
    else
        insert into customer_email_tally (with_email, customers)
        select changed.with_email, sum(changed.customers)
          from (select o.email is not null as with_email, -1 as customers from old_rows o
                union all
                select n.email is not null, 1 from new_rows n) changed
         group by changed.with_email
        having sum(changed.customers) <> 0;
    end if;
    perform customer_email_tally_fold();
    return null;
end $$;

-- A delete, not a truncate: this runs inside a TRUNCATE of customer, which may name this table too.
create function customer_email_tally_truncated() returns trigger language plpgsql as $$
begin
    delete from customer_email_tally;
    return null;
end $$;

create trigger customer_email_tally_insert after insert on customer
    referencing new table as new_rows for each statement execute function customer_email_tally_changed();
create trigger customer_email_tally_update after update on customer
    referencing old table as old_rows new table as new_rows
    for each statement execute function customer_email_tally_changed();
create trigger customer_email_tally_delete after delete on customer
    referencing old table as old_rows for each statement execute function customer_email_tally_changed();
create trigger customer_email_tally_truncate after truncate on customer
    for each statement execute function customer_email_tally_truncated();
