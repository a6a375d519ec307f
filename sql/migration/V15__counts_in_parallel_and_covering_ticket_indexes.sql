-- Live counts of customer lists (issue 14), measured on the count bench's 100 k customers / 1 M tickets:
--
-- 1. The partner company of the run reading only reads a setting, which PostgreSQL hands to parallel workers; left
--    parallel unsafe, every statement under row-level security (a partner company's runs and counts) ran in one
--    process (a partner list of two ticket segments: 0.54 s against 0.37 s with two workers).
-- 2. Booking and purchasing segments go from the events' instances to their sold tickets, then to each ticket's
--    order for who bought it and when. With the order and price in the ticket index and the buyers and time in an
--    order index, both steps are read from the indexes alone (tickets of a partner's events in the last 90 days,
--    by owner: 61 ms against 41 ms). The covering ticket index replaces V1's, which it contains.
alter function stagedoor_run_partner() parallel safe;

create index ticket_instance_covering_idx on ticket (event_instance_id, status) include (order_id, price);
drop index ticket_instance_idx;

create index customer_order_buyers_idx on customer_order (id) include (owner_id, facilitator_id, confirmed_at);
