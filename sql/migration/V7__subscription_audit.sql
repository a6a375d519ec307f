-- Partner users choose which schedules they receive (R-4); each choice is audited like other changes.
alter table audit_event drop constraint audit_event_kind_check;
alter table audit_event add constraint audit_event_kind_check
    check (kind in ('LOGIN_OK', 'LOGIN_FAILED', 'RUN_STARTED', 'RUN_CANCELLED', 'RUN_DOWNLOADED', 'ADMIN_CHANGE',
                    'PASSWORD_SET', 'SUBSCRIPTION_CHANGED'));
