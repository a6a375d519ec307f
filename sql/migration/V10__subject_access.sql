-- Issue 6: subject access (R-6, P-8). "Which partner companies were told about this customer" is asked by
-- customer; the notices' only index leads with the partner company, so the lookup needs its own.
create index withdrawal_notice_customer_idx on withdrawal_notice (customer_id, run_id);
