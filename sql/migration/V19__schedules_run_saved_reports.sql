-- Schedules run a saved report or customer list (issue 14): the definition sets the report and its fixed
-- parameters; the schedule keeps only the values it chose for the definition's open parameters, and the format
-- when the definition leaves it open (null: the definition's).

-- report_id stays on schedule, a copy of its definition's kind: a definition's kind never changes from version to
-- version, and the portal's subscriptions and the delivery read it without a join. The composite key below keeps
-- the copy equal to the definition's.
alter table saved_report add constraint saved_report_kind_key unique (id, report_id);

alter table schedule
    add column saved_report_id bigint,
    alter column format drop not null;

-- Each existing schedule gets a venue-owned definition of its own: its name, its report with its parameters fixed,
-- its format fixed. A deleted schedule's definition is withdrawn with it. The name of a live one is kept unique
-- among the venue's live definitions (as the application requires) by adding the schedule's number where taken.
alter table saved_report add column from_schedule bigint;

insert into saved_report (report_id, created_by, created_at, retired_at, from_schedule)
select s.report_id, 'migration', s.created_at, s.deleted_at, s.id
  from schedule s
 order by s.id;

insert into saved_report_version (saved_report_id, version, name, description, parameters, open_parameters, format,
                                  saved_by)
select r.id, 1,
       case when s.deleted_at is null
                 and (exists (select 1
                                from saved_report o
                                join saved_report_version ov on ov.saved_report_id = o.id and ov.version = o.current_version
                               where o.owner_partner_company_id is null and o.retired_at is null and o.from_schedule is null
                                 and lower(ov.name) = lower(s.name))
                      or exists (select 1 from schedule t
                                  where t.deleted_at is null and t.id < s.id and lower(t.name) = lower(s.name)))
            then left(s.name, 180) || ' (schedule ' || s.id || ')'
            else s.name end,
       'Made from the schedule "' || left(s.name, 200) || '" when schedules began to run saved reports.',
       s.parameters, '{}', s.format, 'migration'
  from schedule s
  join saved_report r on r.from_schedule = s.id;

update schedule s
   set saved_report_id = r.id, parameters = '{}', format = null
  from saved_report r
 where r.from_schedule = s.id;

alter table saved_report drop column from_schedule;

alter table schedule
    alter column saved_report_id set not null,
    add constraint schedule_saved_report foreign key (saved_report_id, report_id)
        references saved_report (id, report_id);
create index schedule_saved_report_idx on schedule (saved_report_id);

-- A fire whose definition was withdrawn, or whose settings it no longer accepts, records no run and tells the
-- administrators.
alter table schedule_fire drop constraint schedule_fire_outcome_check;
alter table schedule_fire add constraint schedule_fire_outcome_check
    check (outcome in ('RAN', 'SKIPPED_MISFIRE', 'NOTHING_TO_RUN', 'NOT_RUN'));
