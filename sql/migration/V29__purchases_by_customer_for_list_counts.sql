-- Issue 14, live counts: a purchasing segment of memberships and donations groups the orders' summary rows without a
-- performance by the customer they are credited to. Read from the index on confirmation time, every row of the period
-- goes into a hash of customers; read from an index in the customer's order, each customer's rows come together and
-- are summed one customer at a time. One index per way of crediting an order (its owner, or its facilitator when it
-- has one), each with the columns the segment reads, so that only the index is read.
create index order_summary_other_purchase_owner_idx on order_summary (owner_id)
    include (confirmed_at, memberships, membership_cents, donations, donation_cents)
    where event_instance_id is null;

create index order_summary_other_purchase_credited_idx on order_summary (credited_id)
    include (confirmed_at, memberships, membership_cents, donations, donation_cents)
    where event_instance_id is null;
