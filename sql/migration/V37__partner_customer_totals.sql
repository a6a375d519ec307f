-- Issue 14, live counts: what each customer has bought of each partner company's events in all, as owner and as the
-- customer credited (F-10), kept by the store from the order summary (V17) in the same statement, as V31 keeps the
-- venue's totals. A booking or ticket-purchasing segment of one company's events over a period holding most of the
-- summary reads these totals less the company's few rows outside the period, instead of every row inside it. A row
-- is the company's when its performance's event is (the summary row's partner companies, P-2), so a partner company's
-- run reads its own rows only (R-1), under the same kind of policy as the summary's.
--
-- No foreign keys, as the summary it follows has none: its rows come from orders and events that hold them, a
-- company or customer can go only once nothing of theirs is sold (their rows are then at zero, and never reach a
-- segment's least), and on a rebuild of the summary they would check 7 M keys (34 s of 59 s at 1 M customers). Nor a
-- check that the sums are not negative: PostgreSQL checks the row an upsert proposes, here a change that may be one.
create table partner_customer_total (
    partner_company_id    bigint not null,
    customer_id           bigint not null,
    owner_tickets         bigint not null default 0,
    owner_ticket_cents    bigint not null default 0,
    credited_tickets      bigint not null default 0,
    credited_ticket_cents bigint not null default 0,
    -- One company's rows by its key. Not a covering key: the totals change with every order, and an update of
    -- columns no index holds stays on its page (a HOT update), which a count reading a few more pages pays for.
    primary key (partner_company_id, customer_id)
);

-- The performance rows a statement added (+1) or removed (-1), once for each of their partner companies, summed per
-- company and customer on both sides and added to the totals, in key order so that two transactions wait for each
-- other's rows in the same order. A change of an event's partner companies updates its rows' companies (V17), which
-- takes the rows from the companies they left and adds them to those they joined.
do $migration$
declare
    upsert text := $upsert$
        insert into partner_customer_total as t
               (partner_company_id, customer_id, owner_tickets, owner_ticket_cents, credited_tickets,
                credited_ticket_cents)
        select partner_company_id, customer_id, sum(o_t), sum(o_tc), sum(c_t), sum(c_tc)
          from (select p.partner_company_id, change.owner_id as customer_id, sign * tickets as o_t,
                       sign * ticket_cents as o_tc, own * sign * tickets as c_t, own * sign * ticket_cents as c_tc
                  from (%1$s) change
                 cross join lateral unnest(change.partner_company_ids) p (partner_company_id)
                union all
                select p.partner_company_id, change.credited_id, 0, 0, sign * tickets, sign * ticket_cents
                  from (%1$s) change
                 cross join lateral unnest(change.partner_company_ids) p (partner_company_id)
                 where own = 0) side
         group by partner_company_id, customer_id
        having sum(o_t) <> 0 or sum(o_tc) <> 0 or sum(c_t) <> 0 or sum(c_tc) <> 0
         order by partner_company_id, customer_id
            on conflict (partner_company_id, customer_id) do update
           set owner_tickets = t.owner_tickets + excluded.owner_tickets,
               owner_ticket_cents = t.owner_ticket_cents + excluded.owner_ticket_cents,
               credited_tickets = t.credited_tickets + excluded.credited_tickets,
               credited_ticket_cents = t.credited_ticket_cents + excluded.credited_ticket_cents;
    $upsert$;
    -- Only performance rows of events with a partner company; an order its owner made is one row for both sides.
    rows text := 'select owner_id, credited_id, tickets, ticket_cents, partner_company_ids, %1$s as sign,'
                 || ' (credited_id = owner_id)::integer as own from %2$I'
                 || ' where event_instance_id is not null and cardinality(partner_company_ids) > 0';
begin
    execute format($function$
        create function partner_customer_total_changed() returns trigger language plpgsql as $body$
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

create trigger order_summary_partner_total_insert after insert on order_summary referencing new table as new_rows
    for each statement execute function partner_customer_total_changed();
create trigger order_summary_partner_total_update after update on order_summary referencing old table as old_rows
    new table as new_rows for each statement execute function partner_customer_total_changed();
create trigger order_summary_partner_total_delete after delete on order_summary referencing old table as old_rows
    for each statement execute function partner_customer_total_changed();

-- A TRUNCATE of the summary (tests, benches) fires no row or statement trigger of the rows it removes; the summary is
-- empty after it, and so are the totals.
create function partner_customer_total_truncated() returns trigger language plpgsql as $$
begin
    delete from partner_customer_total;
    return null;
end $$;

create trigger order_summary_partner_total_truncate after truncate on order_summary
    for each statement execute function partner_customer_total_truncated();

-- A partner company's count and run read its own company's totals only (R-1).
grant select on partner_customer_total to stagedoor_partner_reader;
alter table partner_customer_total enable row level security;
create policy partner_customer_total_run_partner on partner_customer_total for select
    to stagedoor_partner_reader using (partner_company_id = (select stagedoor_run_partner()));
