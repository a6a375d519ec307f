-- Writing a partner list's sharing ledger cost more than writing its file: 85,829 entries took 1.3-1.7 s with the
-- foreign keys, of which about 1.0 s went on their checks, one query and one row lock per entry and key. The same
-- references are now checked once per statement (a chunk of entries is one statement) by a trigger: 0.6-0.8 s for
-- the same entries, against 0.5-0.7 s with no check at all. Deleting a customer or run that has ledger entries is
-- refused as before. What the row locks had also covered,
-- a customer or run deleted at the very moment an entry for it is written, cannot happen: the application never
-- deletes either (erasure clears a customer's fields and keeps the row, V9), and TRUNCATE is for tests only.

-- A ledger entry's partner company is its run's, kept once in report_run: the copy cost one more check and index
-- entry per entry, and nothing made it agree with the run's.
drop index sharing_ledger_partner_customer_idx;
alter table sharing_ledger drop column partner_company_id;

alter table sharing_ledger
    drop constraint sharing_ledger_customer_id_fkey,
    drop constraint sharing_ledger_run_id_fkey;

create function sharing_ledger_references_exist() returns trigger
    language plpgsql
as $$
begin
    if exists (select 1 from new_entries n where not exists (select 1 from customer c where c.id = n.customer_id)) then
        raise foreign_key_violation using message = 'a sharing ledger entry must refer to an existing customer';
    end if;
    if exists (select 1 from (select distinct run_id from new_entries) n
                where not exists (select 1 from report_run r where r.id = n.run_id)) then
        raise foreign_key_violation using message = 'a sharing ledger entry must refer to an existing report run';
    end if;
    return null;
end
$$;

create trigger sharing_ledger_references_exist
    after insert on sharing_ledger
    referencing new table as new_entries
    for each statement execute function sharing_ledger_references_exist();

-- The ledger is a record: an entry is written once and removed only with its run's failed attempt (a restart).
create function sharing_ledger_is_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'sharing ledger entries are not updated';
end
$$;

create trigger sharing_ledger_is_append_only
    before update on sharing_ledger
    for each statement execute function sharing_ledger_is_append_only();

create function refuse_delete_with_ledger_entries() returns trigger
    language plpgsql
as $$
begin
    if (tg_table_name = 'customer' and exists (select 1 from sharing_ledger l where l.customer_id = old.id))
       or (tg_table_name = 'report_run' and exists (select 1 from sharing_ledger l where l.run_id = old.id)) then
        raise foreign_key_violation
            using message = tg_table_name || ' ' || old.id || ' has sharing ledger entries and cannot be deleted';
    end if;
    return old;
end
$$;

create trigger customer_kept_for_its_ledger
    before delete on customer
    for each row execute function refuse_delete_with_ledger_entries();

create trigger report_run_kept_for_its_ledger
    before delete on report_run
    for each row execute function refuse_delete_with_ledger_entries();
