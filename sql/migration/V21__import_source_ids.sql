-- Issue 16 item 2, import from the venue's ticketing system: every imported record keeps the id the source system
-- gave it, so that the next export of the same records updates them instead of adding them again. Records entered in
-- Stagedoor have none. One id names at most one record of a kind; ids of different kinds may be equal, as they are
-- in most source systems.
alter table partner_company   add column source_id text constraint partner_company_source_id_key unique;
alter table relationship_type add column source_id text constraint relationship_type_source_id_key unique;
alter table customer          add column source_id text constraint customer_source_id_key unique;
alter table relationship      add column source_id text constraint relationship_source_id_key unique;
alter table event             add column source_id text constraint event_source_id_key unique;
alter table event_instance    add column source_id text constraint event_instance_source_id_key unique;
alter table membership_scheme add column source_id text constraint membership_scheme_source_id_key unique;
alter table price_band        add column source_id text constraint price_band_source_id_key unique;
alter table customer_order    add column source_id text constraint customer_order_source_id_key unique;
alter table ticket            add column source_id text constraint ticket_source_id_key unique;
alter table membership        add column source_id text constraint membership_source_id_key unique;
alter table donation          add column source_id text constraint donation_source_id_key unique;
-- A return is the source system's record of a ticket given back: its id is kept on the ticket it returned.
alter table ticket            add column return_source_id text constraint ticket_return_source_id_key unique,
    add constraint ticket_return_source_only_returned check (return_source_id is null or status = 'RETURNED');

-- Source ids are what the source system printed: never blank, never padded, of a sensible length.
do $migration$
declare
    target record;
begin
    for target in
        select * from (values
            ('partner_company', 'source_id'), ('relationship_type', 'source_id'), ('customer', 'source_id'),
            ('relationship', 'source_id'), ('event', 'source_id'), ('event_instance', 'source_id'),
            ('membership_scheme', 'source_id'), ('price_band', 'source_id'), ('customer_order', 'source_id'),
            ('ticket', 'source_id'), ('membership', 'source_id'), ('donation', 'source_id'),
            ('ticket', 'return_source_id')) as t (table_name, column_name)
    loop
        execute format('alter table %1$I add constraint %2$I check (%3$I is null or (%3$I = trim(%3$I)'
                       || ' and length(%3$I) between 1 and 200))',
                       target.table_name, target.table_name || '_' || target.column_name || '_form',
                       target.column_name);
    end loop;
end
$migration$;

-- A preference change of the source system (P-8) keeps its id in the history entry the database writes for it; the
-- preference carries the id of the change that set it, which the history trigger copies when it is new: a later
-- change made in Stagedoor leaves the preference's id as it was and writes its own entry without one.
alter table partner_preference add column source_id text;
alter table partner_preference_history add column source_id text
    constraint partner_preference_history_source_id_key unique;

create or replace function partner_preference_record_history() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.state = old.state and new.channel = old.channel
            and new.set_at = old.set_at then
        return new;
    end if;
    insert into partner_preference_history
        (customer_id, partner_company_id, state, previous_state, set_at, channel, recorded_by, source_id)
    values (new.customer_id, new.partner_company_id, new.state,
            case when tg_op = 'UPDATE' then old.state end, new.set_at, new.channel, new.recorded_by,
            case when tg_op = 'INSERT' or new.source_id is distinct from old.source_id then new.source_id end);
    return new;
end $$;
