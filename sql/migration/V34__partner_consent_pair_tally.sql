-- Issue 14, live counts of a venue's list: a list that asks for two partner companies' preferences (said no to one,
-- yes to the other) read both companies' latest entries and joined them, as a count over the base tables would; the
-- one-company tally (V30) cannot answer it. This table holds, per pair of companies (first < second), the number of
-- customers with a latest entry (V25) for both, by the two states and whether the customer has an email address, as
-- changes appended in the same statement as the entries or the customers change, like partner_consent_tally. The
-- customers with an entry for one company only, or for neither, follow from the one-company tally and the email tally.
-- The venue's counts read it; a partner company never does (it holds another company's consent).
create table partner_consent_pair_tally (
    first_company_id   bigint  not null,
    second_company_id  bigint  not null,
    first_state        text    not null,
    second_state       text    not null,
    with_email         boolean not null,
    customers          bigint  not null,
    constraint partner_consent_pair_tally_ordered check (first_company_id < second_company_id)
);

create index partner_consent_pair_tally_pair_idx on partner_consent_pair_tally (first_company_id, second_company_id);

insert into partner_consent_pair_tally (first_company_id, second_company_id, first_state, second_state, with_email,
                                        customers)
select x.partner_company_id, y.partner_company_id, x.state, y.state, c.email is not null, count(*)
  from partner_preference_latest x
  join partner_preference_latest y on y.customer_id = x.customer_id and y.partner_company_id > x.partner_company_id
  join customer c on c.id = x.customer_id
 group by 1, 2, 3, 4, 5;

-- A statement that changes one customer's entry for one company reads that customer's entries for the others, and
-- one that changes a customer's email address reads all their entries: two transactions changing the same customer
-- at once would each count from the other's state before its change, and both tallies (this one and V30's, whose
-- address and entry changes meet the same way) would drift. So each such statement first takes, to the end of its
-- transaction, a lock on each of its customers' buckets (256 buckets, so that a statement of a million customers
-- holds 256 locks, not a million), and the tallies' statements then read in a snapshot taken after the lock, in
-- which the other transaction's change is committed and counted from. This table's triggers take it, and fire before
-- V30's on the same statements (triggers fire in the order of their names). That holds under read committed only:
-- under a snapshot kept for the whole transaction the other change stays unseen, so such a change is refused there.
create function partner_consent_lock(buckets integer[]) returns void language plpgsql as $$
begin
    if cardinality(buckets) = 0 then
        return;
    end if;
    if current_setting('transaction_isolation') <> 'read committed' then
        raise exception 'partner preferences and customers'' email addresses change under read committed only'
            using hint = 'the consent tallies (V30, V34) count each change from the customer''s other entries';
    end if;
    perform pg_advisory_xact_lock('partner_consent_pair_tally'::regclass::oid::integer, b.bucket)
       from unnest(buckets) b (bucket)
      order by b.bucket;
end $$;

-- Folds a pair's rows into one per states and side once it has many, as partner_consent_tally_fold does.
create function partner_consent_pair_tally_fold() returns void language plpgsql as $$
declare
    pair record;
begin
    if current_setting('transaction_isolation') <> 'read committed'
       or current_setting('stagedoor.partner_consent_pair_tally_folded', true) = 'on' then
        return;
    end if;
    for pair in
        select t.first_company_id, t.second_company_id from partner_consent_pair_tally t
         group by t.first_company_id, t.second_company_id having count(*) > 32
    loop
        if pg_try_advisory_xact_lock('partner_consent_pair_tally_pair_idx'::regclass::oid::integer,
                                     hashtext(pair.first_company_id || '/' || pair.second_company_id)) then
            with gone as (delete from partner_consent_pair_tally t
                           where t.first_company_id = pair.first_company_id
                             and t.second_company_id = pair.second_company_id
                          returning t.first_state, t.second_state, t.with_email, t.customers)
            insert into partner_consent_pair_tally (first_company_id, second_company_id, first_state, second_state,
                                                    with_email, customers)
            select pair.first_company_id, pair.second_company_id, first_state, second_state, with_email,
                   sum(customers)
              from gone group by first_state, second_state, with_email;
            perform set_config('stagedoor.partner_consent_pair_tally_folded', 'on', true);
        end if;
    end loop;
end $$;

-- A statement on the latest entries: each changed entry (its new rows one each, its old rows minus one each) pairs
-- with the customer's entries for the other companies that the statement left as they were, and with the customer's
-- other changed entries of the same sign (each pair once). Only the changed entries' pairs move: a statement of 500,000
-- new entries appends their pairs, not every pair of their customers before and after it.
do $migration$
declare
    pairs text := $pairs$
        perform partner_consent_lock(array(select distinct (r.customer_id %% 256)::integer from (%1$s) r));
        with changed as (
            %1$s
        ),
        moved as (
            select r.customer_id, r.partner_company_id as one_company, r.state as one_state,
                   k.partner_company_id as other_company, k.state as other_state, r.customers
              from changed r
              join partner_preference_latest k on k.customer_id = r.customer_id
                                              and k.partner_company_id <> r.partner_company_id
             where not exists (select from (%2$s) n where n.partner_company_id = k.partner_company_id
                                                      and n.customer_id = k.customer_id)
            union all
            select r.customer_id, r.partner_company_id, r.state, o.partner_company_id, o.state, r.customers
              from changed r
              join changed o on o.customer_id = r.customer_id and o.customers = r.customers
                            and o.partner_company_id > r.partner_company_id
        )
        insert into partner_consent_pair_tally (first_company_id, second_company_id, first_state, second_state,
                                                with_email, customers)
        select least(m.one_company, m.other_company), greatest(m.one_company, m.other_company),
               case when m.one_company < m.other_company then m.one_state else m.other_state end,
               case when m.one_company < m.other_company then m.other_state else m.one_state end,
               c.email is not null, sum(m.customers)
          from moved m
          join customer c on c.id = m.customer_id
         group by 1, 2, 3, 4, 5
        having sum(m.customers) <> 0;
    $pairs$;
    added text := 'select n.partner_company_id, n.customer_id, n.state, 1 as customers from new_rows n';
    removed text := 'select o.partner_company_id, o.customer_id, o.state, -1 as customers from old_rows o';
    neither text := 'select null::bigint as partner_company_id, null::bigint as customer_id where false';
begin
    execute format($function$
        create function partner_consent_pair_tally_on_entries() returns trigger language plpgsql as $body$
        begin
            if tg_op = 'INSERT' then
                if not exists (select from new_rows) then
                    return null;
                end if;
                %1$s
            elsif tg_op = 'DELETE' then
                if not exists (select from old_rows) then
                    return null;
                end if;
                %2$s
            else
                -- An update that keeps every entry's state (a later time or another channel for the same answer)
                -- moves nobody, in either tally.
                if not exists (select from new_rows n
                                where not exists (select from old_rows o
                                                   where o.partner_company_id = n.partner_company_id
                                                     and o.customer_id = n.customer_id and o.state = n.state)) then
                    return null;
                end if;
                %3$s
            end if;
            perform partner_consent_pair_tally_fold();
            return null;
        end $body$
        $function$,
        format(pairs, added, added),
        format(pairs, removed, neither),
        format(pairs, added || ' union all ' || removed, added));
end
$migration$;

create trigger partner_consent_pair_tally_insert after insert on partner_preference_latest
    referencing new table as new_rows for each statement execute function partner_consent_pair_tally_on_entries();
create trigger partner_consent_pair_tally_update after update on partner_preference_latest
    referencing old table as old_rows new table as new_rows
    for each statement execute function partner_consent_pair_tally_on_entries();
create trigger partner_consent_pair_tally_delete after delete on partner_preference_latest
    referencing old table as old_rows for each statement execute function partner_consent_pair_tally_on_entries();

-- A statement on customers: the pairs of entries of each customer who appears or goes, or whose address appears or
-- goes, count on that side.
create function partner_consent_pair_tally_on_customers() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform partner_consent_lock(array(
            select distinct (n.id % 256)::integer from new_rows n
             where exists (select from partner_preference_latest l where l.customer_id = n.id)));
        insert into partner_consent_pair_tally (first_company_id, second_company_id, first_state, second_state,
                                                with_email, customers)
        select x.partner_company_id, y.partner_company_id, x.state, y.state, n.email is not null, count(*)
          from new_rows n
          join partner_preference_latest x on x.customer_id = n.id
          join partner_preference_latest y on y.customer_id = n.id and y.partner_company_id > x.partner_company_id
         group by 1, 2, 3, 4, 5;
    elsif tg_op = 'DELETE' then
        perform partner_consent_lock(array(
            select distinct (o.id % 256)::integer from old_rows o
             where exists (select from partner_preference_latest l where l.customer_id = o.id)));
        insert into partner_consent_pair_tally (first_company_id, second_company_id, first_state, second_state,
                                                with_email, customers)
        select x.partner_company_id, y.partner_company_id, x.state, y.state, o.email is not null, -count(*)
          from old_rows o
          join partner_preference_latest x on x.customer_id = o.id
          join partner_preference_latest y on y.customer_id = o.id and y.partner_company_id > x.partner_company_id
         group by 1, 2, 3, 4, 5;
    else
        -- Only customers whose address appears or goes, and who have an entry, move.
        perform partner_consent_lock(array(
            select distinct (n.id % 256)::integer
              from new_rows n join old_rows o on o.id = n.id
             where (n.email is null) <> (o.email is null)
               and exists (select from partner_preference_latest l where l.customer_id = n.id)));
        insert into partner_consent_pair_tally (first_company_id, second_company_id, first_state, second_state,
                                                with_email, customers)
        select x.partner_company_id, y.partner_company_id, x.state, y.state, moved.with_email, sum(moved.customers)
          from (select sides.id, sides.with_email, sum(sides.customers) as customers
                  from (select n.id, n.email is not null as with_email, 1 as customers from new_rows n
                        union all
                        select o.id, o.email is not null, -1 from old_rows o) sides
                 group by sides.id, sides.with_email
                having sum(sides.customers) <> 0) moved
          join partner_preference_latest x on x.customer_id = moved.id
          join partner_preference_latest y on y.customer_id = moved.id and y.partner_company_id > x.partner_company_id
         group by 1, 2, 3, 4, 5
        having sum(moved.customers) <> 0;
    end if;
    perform partner_consent_pair_tally_fold();
    return null;
end $$;

create trigger partner_consent_pair_tally_customer_insert after insert on customer
    referencing new table as new_rows for each statement execute function partner_consent_pair_tally_on_customers();
create trigger partner_consent_pair_tally_customer_update after update on customer
    referencing old table as old_rows new table as new_rows
    for each statement execute function partner_consent_pair_tally_on_customers();
create trigger partner_consent_pair_tally_customer_delete after delete on customer
    referencing old table as old_rows for each statement execute function partner_consent_pair_tally_on_customers();

-- A delete, not a truncate: this runs inside a TRUNCATE of either table (see partner_consent_tally_truncated).
create function partner_consent_pair_tally_truncated() returns trigger language plpgsql as $$
begin
    delete from partner_consent_pair_tally;
    return null;
end $$;

create trigger partner_consent_pair_tally_entries_truncate after truncate on partner_preference_latest
    for each statement execute function partner_consent_pair_tally_truncated();
create trigger partner_consent_pair_tally_customers_truncate after truncate on customer
    for each statement execute function partner_consent_pair_tally_truncated();

analyze partner_consent_pair_tally;
