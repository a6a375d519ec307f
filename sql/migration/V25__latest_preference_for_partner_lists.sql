-- Issue 14, live counts of a partner company's list: a partner run keeps only the customers whose preference for the
-- company is YES at the run's cut-off (R-6, P-8), which it reads from the preference history. Finding each customer's
-- entry in force meant reading every history entry of the company. This table holds, for each customer and partner
-- company, the history's latest entry (the greatest set-at, then the greatest id: the order the runs read in), kept
-- by a trigger in the same statement that appends the entry, so every snapshot sees it equal to the history. A cut-off
-- at or after that entry's set-at reads it alone; an earlier cut-off still reads the history (see ListSql).
create table partner_preference_latest (
    partner_company_id  bigint      not null,
    customer_id         bigint      not null,
    -- The history entry this row copies.
    history_id          bigint      not null,
    state               text        not null,
    set_at              timestamptz not null,
    channel             text        not null,
    primary key (partner_company_id, customer_id)
);

-- A partner company's run reads its own company's entries only, as it reads the history (R-1).
grant select on partner_preference_latest to stagedoor_partner_reader;
alter table partner_preference_latest enable row level security;
create policy partner_preference_latest_run_partner on partner_preference_latest for select
    to stagedoor_partner_reader using (partner_company_id = (select stagedoor_run_partner()));

-- The history is append-only (V1), so an entry either becomes the latest of its pair or is older than it: an entry
-- imported with a set-at earlier than the one in force leaves the row as it was.
create function partner_preference_latest_on_entry() returns trigger language plpgsql as $$
begin
    insert into partner_preference_latest as l
        (partner_company_id, customer_id, history_id, state, set_at, channel)
    values (new.partner_company_id, new.customer_id, new.id, new.state, new.set_at, new.channel)
    on conflict (partner_company_id, customer_id) do update
       set history_id = excluded.history_id, state = excluded.state, set_at = excluded.set_at,
           channel = excluded.channel
     where (excluded.set_at, excluded.history_id) > (l.set_at, l.history_id);
    return null;
end $$;

create trigger partner_preference_latest_on_history
    after insert on partner_preference_history
    for each row execute function partner_preference_latest_on_entry();

-- A delete, not a truncate: this runs inside a TRUNCATE of the history, which may name this table too.
create function partner_preference_latest_rebuild() returns void language sql as $$
    delete from partner_preference_latest;
    insert into partner_preference_latest (partner_company_id, customer_id, history_id, state, set_at, channel)
    select distinct on (h.partner_company_id, h.customer_id)
           h.partner_company_id, h.customer_id, h.id, h.state, h.set_at, h.channel
      from partner_preference_history h
     order by h.partner_company_id, h.customer_id, h.set_at desc, h.id desc;
$$;

-- Tests and benches empty the history with TRUNCATE, which fires no row trigger.
create function partner_preference_latest_truncated() returns trigger language plpgsql as $$
begin
    perform partner_preference_latest_rebuild();
    return null;
end $$;

create trigger partner_preference_latest_on_history_truncate
    after truncate on partner_preference_history
    for each statement execute function partner_preference_latest_truncated();

select partner_preference_latest_rebuild();

-- A run's consent: the company's YES customers in customer order, read from the index alone.
create index partner_preference_latest_state_idx
    on partner_preference_latest (partner_company_id, state, customer_id) include (set_at, channel);
-- The few customers whose latest entry is after a run's cut-off, whose entry in force is then read from the history.
create index partner_preference_latest_set_at_idx on partner_preference_latest (partner_company_id, set_at);

analyze partner_preference_latest;

-- A list with a has-email segment counts the customers with and without an email address; those without, read from
-- this index alone, and all customers from the primary key's, cost a fraction of a read of every customer's row.
create index customer_without_email_idx on customer (id) where email is null;
