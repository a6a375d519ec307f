-- Issue 4: schedules, their fires, partner users who receive them, and the delivery outbox (R-4, R-1, R-6).

-- Quartz 2.5's JDBC job store, as its tables_postgres.sql defines it (used with the PostgreSQLDelegate,
-- clustered: every node shares these rows and takes turns through qrtz_locks).
create table qrtz_job_details
(
  sched_name        varchar(120) not null,
  job_name          varchar(200) not null,
  job_group         varchar(200) not null,
  description       varchar(250) null,
  job_class_name    varchar(250) not null,
  is_durable        bool         not null,
  is_nonconcurrent  bool         not null,
  is_update_data    bool         not null,
  requests_recovery bool         not null,
  job_data          bytea        null,
  primary key (sched_name, job_name, job_group)
);

create table qrtz_triggers
(
  sched_name     varchar(120) not null,
  trigger_name   varchar(200) not null,
  trigger_group  varchar(200) not null,
  job_name       varchar(200) not null,
  job_group      varchar(200) not null,
  description    varchar(250) null,
  next_fire_time bigint       null,
  prev_fire_time bigint       null,
  priority       integer      null,
  trigger_state  varchar(16)  not null,
  trigger_type   varchar(8)   not null,
  start_time     bigint       not null,
  end_time       bigint       null,
  calendar_name  varchar(200) null,
  misfire_instr  smallint     null,
  job_data       bytea        null,
  primary key (sched_name, trigger_name, trigger_group),
  foreign key (sched_name, job_name, job_group)
  references qrtz_job_details (sched_name, job_name, job_group)
);

create table qrtz_simple_triggers
(
  sched_name      varchar(120) not null,
  trigger_name    varchar(200) not null,
  trigger_group   varchar(200) not null,
  repeat_count    bigint       not null,
  repeat_interval bigint       not null,
  times_triggered bigint       not null,
  primary key (sched_name, trigger_name, trigger_group),
  foreign key (sched_name, trigger_name, trigger_group)
  references qrtz_triggers (sched_name, trigger_name, trigger_group)
);

create table qrtz_cron_triggers
(
  sched_name      varchar(120) not null,
  trigger_name    varchar(200) not null,
  trigger_group   varchar(200) not null,
  cron_expression varchar(120) not null,
  time_zone_id    varchar(80),
  primary key (sched_name, trigger_name, trigger_group),
  foreign key (sched_name, trigger_name, trigger_group)
  references qrtz_triggers (sched_name, trigger_name, trigger_group)
);

create table qrtz_simprop_triggers
(
  sched_name    varchar(120)   not null,
  trigger_name  varchar(200)   not null,
  trigger_group varchar(200)   not null,
  str_prop_1    varchar(512)   null,
  str_prop_2    varchar(512)   null,
  str_prop_3    varchar(512)   null,
  int_prop_1    int            null,
  int_prop_2    int            null,
  long_prop_1   bigint         null,
  long_prop_2   bigint         null,
  dec_prop_1    numeric(13, 4) null,
  dec_prop_2    numeric(13, 4) null,
  bool_prop_1   bool           null,
  bool_prop_2   bool           null,
  primary key (sched_name, trigger_name, trigger_group),
  foreign key (sched_name, trigger_name, trigger_group)
  references qrtz_triggers (sched_name, trigger_name, trigger_group)
);

create table qrtz_blob_triggers
(
  sched_name    varchar(120) not null,
  trigger_name  varchar(200) not null,
  trigger_group varchar(200) not null,
  blob_data     bytea        null,
  primary key (sched_name, trigger_name, trigger_group),
  foreign key (sched_name, trigger_name, trigger_group)
  references qrtz_triggers (sched_name, trigger_name, trigger_group)
);

create table qrtz_calendars
(
  sched_name    varchar(120) not null,
  calendar_name varchar(200) not null,
  calendar      bytea        not null,
  primary key (sched_name, calendar_name)
);

create table qrtz_paused_trigger_grps
(
  sched_name    varchar(120) not null,
  trigger_group varchar(200) not null,
  primary key (sched_name, trigger_group)
);

create table qrtz_fired_triggers
(
  sched_name        varchar(120) not null,
  entry_id          varchar(95)  not null,
  trigger_name      varchar(200) not null,
  trigger_group     varchar(200) not null,
  instance_name     varchar(200) not null,
  fired_time        bigint       not null,
  sched_time        bigint       not null,
  priority          integer      not null,
  state             varchar(16)  not null,
  job_name          varchar(200) null,
  job_group         varchar(200) null,
  is_nonconcurrent  bool         null,
  requests_recovery bool         null,
  primary key (sched_name, entry_id)
);

create table qrtz_scheduler_state
(
  sched_name        varchar(120) not null,
  instance_name     varchar(200) not null,
  last_checkin_time bigint       not null,
  checkin_interval  bigint       not null,
  primary key (sched_name, instance_name)
);

create table qrtz_locks
(
  sched_name varchar(120) not null,
  lock_name  varchar(40)  not null,
  primary key (sched_name, lock_name)
);

create index idx_qrtz_j_req_recovery
  on qrtz_job_details (sched_name, requests_recovery);
create index idx_qrtz_j_grp
  on qrtz_job_details (sched_name, job_group);

create index idx_qrtz_t_j
  on qrtz_triggers (sched_name, job_name, job_group);
create index idx_qrtz_t_jg
  on qrtz_triggers (sched_name, job_group);
create index idx_qrtz_t_c
  on qrtz_triggers (sched_name, calendar_name);
create index idx_qrtz_t_g
  on qrtz_triggers (sched_name, trigger_group);
create index idx_qrtz_t_state
  on qrtz_triggers (sched_name, trigger_state);
create index idx_qrtz_t_n_state
  on qrtz_triggers (sched_name, trigger_name, trigger_group, trigger_state);
create index idx_qrtz_t_n_g_state
  on qrtz_triggers (sched_name, trigger_group, trigger_state);
create index idx_qrtz_t_next_fire_time
  on qrtz_triggers (sched_name, next_fire_time);
create index idx_qrtz_t_nft_st
  on qrtz_triggers (sched_name, trigger_state, next_fire_time);
create index idx_qrtz_t_nft_misfire
  on qrtz_triggers (sched_name, misfire_instr, next_fire_time);
create index idx_qrtz_t_nft_st_misfire
  on qrtz_triggers (sched_name, misfire_instr, next_fire_time, trigger_state);
create index idx_qrtz_t_nft_st_misfire_grp
  on qrtz_triggers (sched_name, misfire_instr, next_fire_time, trigger_group, trigger_state);

create index idx_qrtz_ft_trig_inst_name
  on qrtz_fired_triggers (sched_name, instance_name);
create index idx_qrtz_ft_inst_job_req_rcvry
  on qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
create index idx_qrtz_ft_j_g
  on qrtz_fired_triggers (sched_name, job_name, job_group);
create index idx_qrtz_ft_jg
  on qrtz_fired_triggers (sched_name, job_group);
create index idx_qrtz_ft_t_g
  on qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
create index idx_qrtz_ft_tg
  on qrtz_fired_triggers (sched_name, trigger_group);

-- A partner company's portal user (one per person, by email). The portal issue adds the login to it;
-- here it is who may receive a partner company's scheduled reports.
create table partner_user (
    id                   bigint generated by default as identity primary key,
    partner_company_id   bigint      not null references partner_company (id),
    email                text        not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    display_name         text        not null check (length(trim(display_name)) > 0),
    enabled              boolean     not null default true,
    created_at           timestamptz not null default now()
);
create unique index partner_user_email_key on partner_user (lower(email));
create index partner_user_partner_idx on partner_user (partner_company_id);

-- A schedule: which report, with which parameters, when, for whom, and to whom it is sent (R-4).
create table schedule (
    id                   bigint generated by default as identity primary key,
    name                 text        not null check (length(trim(name)) between 1 and 200),
    report_id            text        not null check (report_id ~ '^[a-z][a-z0-9-]{1,62}$'),
    -- As given: relative periods ("previous-week") are resolved at each fire.
    parameters           jsonb       not null default '{}',
    format               text        not null check (format in ('CSV', 'XLSX')),
    -- Spring's six-field cron (seconds first), read on the wall clock of time_zone.
    cron_expression      text        not null check (length(cron_expression) between 1 and 200),
    time_zone            text        not null,
    misfire_policy       text        not null check (misfire_policy in ('RUN_ONCE', 'SKIP')),
    fan_out              text        not null
                             check (fan_out in ('ONE_PARTNER', 'PARTNERS_WITH_EVENTS', 'PARTNERS_COLLECTING_PREFERENCES',
                                                'VENUE')),
    partner_company_id   bigint      references partner_company (id),
    delivery_mode        text        not null check (delivery_mode in ('ATTACHMENT', 'LINK')),
    -- Whether the partner company's users who subscribed to this schedule receive it.
    send_to_partner_users boolean    not null default false,
    enabled              boolean     not null default true,
    created_by           text        not null check (length(trim(created_by)) > 0),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    -- A deleted schedule keeps its row, so that its fires and deliveries stay explained.
    deleted_at           timestamptz,
    constraint schedule_one_partner_named check ((fan_out = 'ONE_PARTNER') = (partner_company_id is not null)),
    constraint schedule_venue_has_no_partner_users check (fan_out <> 'VENUE' or not send_to_partner_users)
);

-- Fixed addresses a schedule is sent to (marketing staff, say), for every partner company it fans out to.
create table schedule_recipient (
    schedule_id          bigint      not null references schedule (id),
    email                text        not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')
);
create unique index schedule_recipient_key on schedule_recipient (schedule_id, lower(email));

-- Partner users who opted in to receive a schedule.
create table schedule_subscription (
    schedule_id          bigint      not null references schedule (id),
    partner_user_id      bigint      not null references partner_user (id),
    primary key (schedule_id, partner_user_id)
);

-- One row per time a schedule fired: its due time (or the moment of a "run now"), once, whichever node
-- took it and however often Quartz recovered it.
create table schedule_fire (
    id                   bigint generated by default as identity primary key,
    schedule_id          bigint      not null references schedule (id),
    due_at               timestamptz not null,
    kind                 text        not null check (kind in ('SCHEDULED', 'RUN_NOW')),
    fired_at             timestamptz not null default now(),
    outcome              text        not null check (outcome in ('RAN', 'SKIPPED_MISFIRE', 'NOTHING_TO_RUN')),
    node                 text        not null,
    constraint schedule_fire_once unique (schedule_id, due_at)
);

-- The runs of a fire: one per partner company it fanned out to (partner_key 0: the venue's own run).
create table schedule_fire_run (
    fire_id              bigint      not null references schedule_fire (id),
    partner_key          bigint      not null check (partner_key >= 0),
    run_id               bigint      not null unique references report_run (id),
    primary key (fire_id, partner_key)
);

-- The outbox: one row per message to send. REPORT rows are written in the transaction that completes
-- their run; NOTICE rows tell administrators about a failure.
create table delivery (
    id                   bigint generated by default as identity primary key,
    kind                 text        not null check (kind in ('REPORT', 'NOTICE')),
    run_id               bigint      references report_run (id),
    schedule_id          bigint      references schedule (id),
    due_at               timestamptz,
    partner_key          bigint      check (partner_key >= 0),
    recipient            text        not null check (recipient ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    partner_user_id      bigint      references partner_user (id),
    mode                 text        check (mode in ('ATTACHMENT', 'LINK')),
    subject              text        not null check (length(subject) between 1 and 500),
    -- NOTICE: what it is about ("delivery:42", "run:7"), so that each is sent once per administrator.
    notice_key           text,
    notice_text          text,
    status               text        not null default 'PENDING'
                             check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNKNOWN')),
    attempts             integer     not null default 0 check (attempts >= 0),
    next_attempt_at      timestamptz not null default now(),
    claimed_by           text,
    claimed_at           timestamptz,
    sent_at              timestamptz,
    message_id           text,
    last_error           text,
    created_at           timestamptz not null default now(),
    constraint delivery_report_has_run check (kind <> 'REPORT' or (run_id is not null and mode is not null)),
    constraint delivery_notice_has_key check (kind <> 'NOTICE' or (notice_key is not null and notice_text is not null)),
    constraint delivery_scheduled_has_fire check ((schedule_id is null) = (due_at is null)
                                                  and (schedule_id is null) = (partner_key is null)),
    constraint delivery_sending_is_claimed check (status <> 'SENDING' or (claimed_by is not null and claimed_at is not null)),
    constraint delivery_sent_at check ((status = 'SENT') = (sent_at is not null))
);
-- Exactly one message per (schedule, fire time, partner company, recipient), whichever node records it.
create unique index delivery_once_per_fire on delivery (schedule_id, due_at, partner_key, lower(recipient))
    where kind = 'REPORT' and schedule_id is not null;
create unique index delivery_once_per_run on delivery (run_id, lower(recipient)) where kind = 'REPORT';
create unique index delivery_notice_once on delivery (notice_key, lower(recipient)) where kind = 'NOTICE';
create index delivery_pending_idx on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_run_idx on delivery (run_id);
create index delivery_status_idx on delivery (status, created_at desc);
