-- Issue 14, live counts: what each customer has bought in all, as owner and as the customer credited (F-10), kept by
-- the store from the order summary (V17) in the same statement. A purchasing or booking segment of the venue's over
-- all time reads one row per customer instead of every summary row; over a period that holds most of the summary, it
-- reads these totals less the few rows outside the period. Only the venue's counts and runs read it: a partner
-- company's run sees only its own events' rows (R-1), which a total over every event would not respect, so the
-- partner companies' reader is not granted it.
create table customer_purchase_total (
    customer_id               bigint not null primary key references customer (id) on delete cascade,
    owner_tickets             bigint not null default 0,
    owner_ticket_cents        bigint not null default 0,
    owner_memberships         bigint not null default 0,
    owner_membership_cents    bigint not null default 0,
    owner_donations           bigint not null default 0,
    owner_donation_cents      bigint not null default 0,
    credited_tickets          bigint not null default 0,
    credited_ticket_cents     bigint not null default 0,
    credited_memberships      bigint not null default 0,
    credited_membership_cents bigint not null default 0,
    credited_donations        bigint not null default 0,
    credited_donation_cents   bigint not null default 0
);

-- The summary rows a statement added (+1) or removed (-1), summed per customer on both sides and added to the totals,
-- in customer order so that two transactions wait for each other's rows in the same order. INSERT ... ON CONFLICT on
-- the summary fires the insert trigger with the rows it inserted and the update trigger with those it updated.
do $migration$
declare
    upsert text := $upsert$
        insert into customer_purchase_total as t
               (customer_id, owner_tickets, owner_ticket_cents, owner_memberships, owner_membership_cents,
                owner_donations, owner_donation_cents, credited_tickets, credited_ticket_cents, credited_memberships,
                credited_membership_cents, credited_donations, credited_donation_cents)
        select customer_id, sum(o_t), sum(o_tc), sum(o_m), sum(o_mc), sum(o_d), sum(o_dc),
               sum(c_t), sum(c_tc), sum(c_m), sum(c_mc), sum(c_d), sum(c_dc)
          from (select owner_id as customer_id, sign * tickets as o_t, sign * ticket_cents as o_tc,
                       sign * memberships as o_m, sign * membership_cents as o_mc, sign * donations as o_d,
                       sign * donation_cents as o_dc, own * sign * tickets as c_t, own * sign * ticket_cents as c_tc,
                       own * sign * memberships as c_m, own * sign * membership_cents as c_mc,
                       own * sign * donations as c_d, own * sign * donation_cents as c_dc
                  from (%1$s) change
                union all
                select credited_id, 0, 0, 0, 0, 0, 0, sign * tickets, sign * ticket_cents, sign * memberships,
                       sign * membership_cents, sign * donations, sign * donation_cents
                  from (%1$s) change
                 where own = 0) side
         group by customer_id
        having sum(o_t) <> 0 or sum(o_tc) <> 0 or sum(o_m) <> 0 or sum(o_mc) <> 0 or sum(o_d) <> 0 or sum(o_dc) <> 0
            or sum(c_t) <> 0 or sum(c_tc) <> 0 or sum(c_m) <> 0 or sum(c_mc) <> 0 or sum(c_d) <> 0 or sum(c_dc) <> 0
         order by customer_id
            on conflict (customer_id) do update
           set owner_tickets = t.owner_tickets + excluded.owner_tickets,
               owner_ticket_cents = t.owner_ticket_cents + excluded.owner_ticket_cents,
               owner_memberships = t.owner_memberships + excluded.owner_memberships,
               owner_membership_cents = t.owner_membership_cents + excluded.owner_membership_cents,
               owner_donations = t.owner_donations + excluded.owner_donations,
               owner_donation_cents = t.owner_donation_cents + excluded.owner_donation_cents,
               credited_tickets = t.credited_tickets + excluded.credited_tickets,
               credited_ticket_cents = t.credited_ticket_cents + excluded.credited_ticket_cents,
               credited_memberships = t.credited_memberships + excluded.credited_memberships,
               credited_membership_cents = t.credited_membership_cents + excluded.credited_membership_cents,
               credited_donations = t.credited_donations + excluded.credited_donations,
               credited_donation_cents = t.credited_donation_cents + excluded.credited_donation_cents;
    $upsert$;
    -- An order its owner made (no facilitator: most orders) is one row credited to both sides, not two.
    rows text := 'select owner_id, credited_id, tickets, ticket_cents, memberships, membership_cents, donations,'
                 || ' donation_cents, %1$s as sign, (credited_id = owner_id)::integer as own from %2$I';
begin
    execute format($function$
        create function customer_purchase_total_changed() returns trigger language plpgsql as $body$
        begin
            if tg_op = 'INSERT' then
                %1$s
            elsif tg_op = 'DELETE' then
                %2$s
            else
                %3$s
            end if;
            return null;
        end $body$
        $function$,
        format(upsert, format(rows, 1, 'new_rows')),
        format(upsert, format(rows, -1, 'old_rows')),
        format(upsert, format(rows, 1, 'new_rows') || ' union all ' || format(rows, -1, 'old_rows')));
    -- The backfill: every summary row stored before the totals existed, added by the same statement.
    execute format(upsert, format(rows, 1, 'order_summary'));
end
$migration$;

create trigger order_summary_total_insert after insert on order_summary referencing new table as new_rows
    for each statement execute function customer_purchase_total_changed();
create trigger order_summary_total_update after update on order_summary referencing old table as old_rows
    new table as new_rows for each statement execute function customer_purchase_total_changed();
create trigger order_summary_total_delete after delete on order_summary referencing old table as old_rows
    for each statement execute function customer_purchase_total_changed();

-- A TRUNCATE of the summary (tests, benches) fires no row or statement trigger of the rows it removes; the summary is
-- empty after it, and so are the totals.
create function customer_purchase_total_truncated() returns trigger language plpgsql as $$
begin
    delete from customer_purchase_total;
    return null;
end $$;

create trigger order_summary_total_truncate after truncate on order_summary
    for each statement execute function customer_purchase_total_truncated();
