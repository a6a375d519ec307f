-- Sessions end when an account's credentials change: every live session carries the version it logged in with, and a
-- request whose version is no longer the account's is refused (disabled, password set or reset, unlocked by force).
alter table login_account
    add column credentials_version integer not null default 0 check (credentials_version >= 0);

-- Failed sign-ins are counted per email address tried, known or not, so that a pause says nothing about whether an
-- account exists. A pause is fixed when it starts: attempts during it are refused before any password is compared and
-- are not counted, so it never extends itself.
create table sign_in_pause (
    email_key            text        primary key check (email_key = lower(email_key) and length(email_key) <= 320),
    failures             integer     not null check (failures >= 0),
    pauses               integer     not null default 0 check (pauses >= 0),
    paused_until         timestamptz,
    last_failure_at      timestamptz not null
);
create index sign_in_pause_last_failure_idx on sign_in_pause (last_failure_at);

-- The lock these replace could be extended by anyone who knew an email address.
alter table login_account drop column failed_logins, drop column locked_until;
