-- Deliveries of what changed (issue 18): a schedule of a personal-data list may send, to each partner company, only
-- the customers who joined or left the list since the last delivery that arrived there.

-- What each fire of a schedule sends: the whole list (as always) or only the changes.
alter table schedule add column sends text not null default 'WHOLE_LIST'
    check (sends in ('WHOLE_LIST', 'CHANGES'));

-- Each run of a schedule that sends changes: the run whose list it is based on (the last one whose every message
-- arrived), or, for a full list, why it is one. The chain of bases back to a full list says what the company holds.
create table list_delivery (
    run_id              bigint      primary key references report_run (id),
    schedule_id         bigint      not null references schedule (id),
    partner_company_id  bigint      not null references partner_company (id),
    base_run_id         bigint      references report_run (id),
    full_because        text        check (full_because in ('FIRST', 'NOT_DELIVERED', 'COLUMNS_CHANGED', 'NO_ID')),
    constraint list_delivery_base_or_full check ((base_run_id is null) = (full_because is not null)),
    constraint list_delivery_base_earlier check (base_run_id is null or base_run_id < run_id)
);
create index list_delivery_schedule_idx on list_delivery (schedule_id, partner_company_id, run_id desc);

-- Customers a run of changes told its partner company had left the list, and why. Only the customer's number is
-- sent, which the company received with the customer's first row; no personal data, so no sharing-ledger entry.
create table list_leaver (
    run_id              bigint      not null references report_run (id),
    customer_id         bigint      not null references customer (id),
    partner_company_id  bigint      not null references partner_company (id),
    reason              text        not null
                            check (reason in ('ERASED', 'WITHDREW', 'CONSENT_LAPSED', 'NO_EMAIL', 'NO_MATCH')),
    primary key (run_id, customer_id)
);
create index list_leaver_customer_idx on list_leaver (customer_id);
