-- Issue 14, live counts: what customer lists' booking and purchasing segments read (R-2, F-10), one row per order
-- and performance (its sold tickets) plus one row per order for its memberships and donations, with the two
-- customers an order can be credited to and when it was confirmed. A segment then reads these rows alone instead of
-- every ticket and, for each, its order. The store keeps it exact: triggers on ticket, membership, donation and
-- customer_order change it in the same statement as the rows it sums, so every snapshot sees it equal to the base
-- tables (no refresh, nothing to go stale), and a run reading it writes the same file as one reading the tickets.
create table order_summary (
    order_id           bigint      not null,
    -- The performance of the order's sold tickets; null: the order's memberships and donations.
    event_instance_id  bigint,
    owner_id           bigint      not null,
    -- F-10 "grouped by facilitator": the facilitator, or the owner of an order nobody facilitated.
    credited_id        bigint      not null,
    confirmed_at       timestamptz not null,
    -- SOLD tickets only: a returned ticket counts for nothing (the segments' rule). Amounts in whole cents (prices
    -- have two decimals), which PostgreSQL adds up faster than numeric values.
    tickets            integer     not null default 0,
    ticket_cents       bigint      not null default 0,
    memberships        integer     not null default 0,
    membership_cents   bigint      not null default 0,
    donations          integer     not null default 0,
    donation_cents     bigint      not null default 0,
    -- The partner companies of the performance's event (P-2), for row-level security below; empty without one.
    partner_company_ids bigint[]   not null default '{}',
    constraint order_summary_key unique nulls not distinct (order_id, event_instance_id)
);

-- The partner company's run reads the rows of its own events' performances, as it reads their tickets (R-1), and
-- every order's memberships and donations, as it reads those tables. The test is on the row itself: a sub-query of
-- the company's performances, as ticket's policy has, is costed as rebuilt for every performance a segment looks up,
-- and PostgreSQL then scanned every summary row instead.
grant select on order_summary to stagedoor_partner_reader;
alter table order_summary enable row level security;
create policy order_summary_run_partner on order_summary for select to stagedoor_partner_reader
    using (event_instance_id is null or partner_company_ids @> array[(select stagedoor_run_partner())]);

-- The partner companies of a performance's event, sorted.
create function order_summary_partners(performance bigint) returns bigint[] language sql stable as $$
    select coalesce(array_agg(epc.partner_company_id order by epc.partner_company_id), '{}')
      from event_instance ei
      join event_partner_company epc on epc.event_id = ei.event_id
     where ei.id = performance
$$;

-- Statement-level triggers hand over all the rows of a statement at once (a COPY of a million tickets, or one order's
-- lines): the lines a statement on ticket, membership or donation added (INSERT), removed (DELETE) or both (UPDATE:
-- a ticket returned, moved or repriced) are summed by order and performance and added to the summary, with a minus
-- for those removed, in key order so that two transactions never wait for each other's rows in opposite orders.
-- One function per table, written here from one template: each holds plain statements, which PL/pgSQL plans once
-- per session, where a statement built at run time would be planned on every order.
do $migration$
declare
    line record;
    upsert text := $upsert$
        insert into order_summary as s (order_id, event_instance_id, owner_id, credited_id, confirmed_at, %1$I, %2$I,
                                        partner_company_ids)
        select d.order_id, d.event_instance_id, o.owner_id, coalesce(o.facilitator_id, o.owner_id), o.confirmed_at,
               d.n, d.cents,
               coalesce((select array_agg(epc.partner_company_id order by epc.partner_company_id)
                           from event_instance ei join event_partner_company epc on epc.event_id = ei.event_id
                          where ei.id = d.event_instance_id), '{}')
          from (select order_id, event_instance_id, sum(n) as n, sum(cents) as cents
                  from (%3$s) change
                 group by order_id, event_instance_id
                having sum(n) <> 0 or sum(cents) <> 0) d
          join customer_order o on o.id = d.order_id
         order by d.order_id, d.event_instance_id nulls first
            on conflict (order_id, event_instance_id) do update
           set %1$I = s.%1$I + excluded.%1$I, %2$I = s.%2$I + excluded.%2$I;
    $upsert$;
    -- The table's lines as (order, performance, +1 or -1, cents), from the rows a statement added or removed.
    lines text := 'select order_id, %1$s as event_instance_id, %3$s as n, %3$s * (%2$I * 100)::bigint as cents'
                  || ' from %4$I where %5$s';
begin
    for line in
        select * from (values
            ('ticket', 'tickets', 'ticket_cents', 'event_instance_id', 'price', 'status = ''SOLD'''),
            ('membership', 'memberships', 'membership_cents', 'null::bigint', 'price', 'true'),
            ('donation', 'donations', 'donation_cents', 'null::bigint', 'amount', 'true'))
            as t (table_name, count_column, cents_column, performance, amount, counted)
    loop
        execute format($function$
            create function %1$I() returns trigger language plpgsql as $body$
            begin
                if tg_op = 'INSERT' then
                    %2$s
                elsif tg_op = 'DELETE' then
                    %3$s
                else
                    %4$s
                end if;
                return null;
            end $body$
            $function$, line.table_name || '_summary_changed',
            format(upsert, line.count_column, line.cents_column,
                   format(lines, line.performance, line.amount, 1, 'new_rows', line.counted)),
            format(upsert, line.count_column, line.cents_column,
                   format(lines, line.performance, line.amount, -1, 'old_rows', line.counted)),
            format(upsert, line.count_column, line.cents_column,
                   format(lines, line.performance, line.amount, 1, 'new_rows', line.counted) || ' union all '
                   || format(lines, line.performance, line.amount, -1, 'old_rows', line.counted)));
        execute format('create trigger %1$I after insert on %2$I referencing new table as new_rows'
                       || ' for each statement execute function %3$I()',
                       line.table_name || '_summary_insert', line.table_name, line.table_name || '_summary_changed');
        execute format('create trigger %1$I after update on %2$I referencing old table as old_rows'
                       || ' new table as new_rows for each statement execute function %3$I()',
                       line.table_name || '_summary_update', line.table_name, line.table_name || '_summary_changed');
        execute format('create trigger %1$I after delete on %2$I referencing old table as old_rows'
                       || ' for each statement execute function %3$I()',
                       line.table_name || '_summary_delete', line.table_name, line.table_name || '_summary_changed');
    end loop;
end
$migration$;

-- An order given to another owner or facilitator, or another confirmation time, moves its rows along; an order
-- deleted (after its lines, which its foreign keys require) leaves rows of zeros, removed with it.
create function customer_order_summary_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from order_summary where order_id = old.id;
    else
        update order_summary
           set owner_id = new.owner_id, credited_id = coalesce(new.facilitator_id, new.owner_id),
               confirmed_at = new.confirmed_at
         where order_id = new.id;
    end if;
    return null;
end $$;

create trigger customer_order_summary_update after update of owner_id, facilitator_id, confirmed_at on customer_order
    for each row when (old.owner_id is distinct from new.owner_id
                       or old.facilitator_id is distinct from new.facilitator_id
                       or old.confirmed_at is distinct from new.confirmed_at)
    execute function customer_order_summary_changed();
create trigger customer_order_summary_delete after delete on customer_order
    for each row execute function customer_order_summary_changed();

-- An event given or losing a partner company, or a performance moved to another event, changes whose rows those are.
create function order_summary_partners_changed() returns trigger language plpgsql as $$
declare
    events bigint[] := '{}';
begin
    if tg_table_name = 'event_instance' then
        update order_summary set partner_company_ids = order_summary_partners(new.id) where event_instance_id = new.id;
        return null;
    end if;
    if tg_op <> 'INSERT' then
        events := events || old.event_id;
    end if;
    if tg_op <> 'DELETE' then
        events := events || new.event_id;
    end if;
    update order_summary s set partner_company_ids = order_summary_partners(s.event_instance_id)
     where s.event_instance_id in (select ei.id from event_instance ei where ei.event_id = any (events));
    return null;
end $$;

create trigger event_partner_company_summary after insert or update or delete on event_partner_company
    for each row execute function order_summary_partners_changed();
create trigger event_instance_summary after update of event_id on event_instance
    for each row when (old.event_id is distinct from new.event_id) execute function order_summary_partners_changed();

-- The summary computed afresh from the base tables: the backfill below, and after a TRUNCATE (which fires no row
-- or statement trigger of the rows it removes) of any table it sums.
create function order_summary_rebuild() returns void language sql as $$
    delete from order_summary;
    insert into order_summary (order_id, event_instance_id, owner_id, credited_id, confirmed_at,
                               tickets, ticket_cents, memberships, membership_cents, donations, donation_cents,
                               partner_company_ids)
    select line.order_id, line.event_instance_id, o.owner_id, coalesce(o.facilitator_id, o.owner_id), o.confirmed_at,
           line.tickets, line.ticket_cents, line.memberships, line.membership_cents, line.donations,
           line.donation_cents, coalesce(partners.ids, '{}')
      from (select order_id, event_instance_id, count(*)::integer as tickets,
                   sum((price * 100)::bigint) as ticket_cents,
                   0 as memberships, 0 as membership_cents, 0 as donations, 0 as donation_cents
              from ticket where status = 'SOLD' group by order_id, event_instance_id
            union all
            select coalesce(m.order_id, d.order_id), null, 0, 0, coalesce(m.n, 0), coalesce(m.amount, 0),
                   coalesce(d.n, 0), coalesce(d.amount, 0)
              from (select order_id, count(*)::integer as n, sum((price * 100)::bigint) as amount
                      from membership group by order_id) m
              full join (select order_id, count(*)::integer as n,
                                sum((amount * 100)::bigint) as amount from donation group by order_id) d
                on d.order_id = m.order_id) line
      join customer_order o on o.id = line.order_id
      left join (select ei.id, array_agg(epc.partner_company_id order by epc.partner_company_id) as ids
                   from event_instance ei join event_partner_company epc on epc.event_id = ei.event_id
                  group by ei.id) partners on partners.id = line.event_instance_id;
$$;

create function order_summary_truncated() returns trigger language plpgsql as $$
begin
    perform order_summary_rebuild();
    return null;
end $$;

create trigger ticket_summary_truncate after truncate on ticket
    for each statement execute function order_summary_truncated();
create trigger membership_summary_truncate after truncate on membership
    for each statement execute function order_summary_truncated();
create trigger donation_summary_truncate after truncate on donation
    for each statement execute function order_summary_truncated();
create trigger customer_order_summary_truncate after truncate on customer_order
    for each statement execute function order_summary_truncated();

select order_summary_rebuild();

-- Built after the backfill, once, rather than grown row by row during it.
-- Booking segments: the performances of a period and a partner's events, then their buyers.
-- Every row of a performance (also those whose tickets were all returned), for the partner companies' triggers.
create index order_summary_booking_idx on order_summary (event_instance_id)
    include (owner_id, credited_id, tickets, partner_company_ids);
-- Purchasing segments: what was confirmed in a period, tickets apart from memberships and donations.
create index order_summary_ticket_purchase_idx on order_summary (confirmed_at)
    include (owner_id, credited_id, event_instance_id, ticket_cents, partner_company_ids) where tickets > 0;
create index order_summary_other_purchase_idx on order_summary (confirmed_at)
    include (owner_id, credited_id, memberships, membership_cents, donations, donation_cents)
    where event_instance_id is null;
