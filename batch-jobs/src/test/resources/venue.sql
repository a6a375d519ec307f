-- A small venue worked out by hand for the report tests (see ReportJobIntegrationTests for the
-- expected figures). Times are UTC; the venue is in Europe/London (BST until 25 Oct 2026).
insert into partner_company (id, name, collects_preferences) values
    (1, 'Northern Lights Productions', true),
    (2, 'Southern Cross Theatre', true);

insert into event (id, name) values (1, 'Hamlet'), (2, 'Macbeth'), (3, 'Othello'), (4, 'Cats');
-- Macbeth is shared by both partner companies; Cats has none.
insert into event_partner_company (event_id, partner_company_id) values (1, 1), (2, 1), (2, 2), (3, 2);

insert into event_instance (id, event_id, starts_at, capacity) values
    (1, 1, '2026-10-06 18:30:00+00', 100),
    (2, 1, '2026-10-08 18:30:00+00', 100),
    (3, 2, '2026-10-07 18:30:00+00', 50),
    (4, 3, '2026-10-09 18:30:00+00', 80),
    (5, 1, '2026-10-20 18:30:00+00', 100),
    (6, 1, '2026-09-20 18:30:00+00', 100),
    (7, 4, '2026-10-06 18:30:00+00', 500);

insert into price_band (id, name) values (1, 'Standard'), (2, 'Comp');

insert into customer (id, kind, title, first_name, last_name, email, phone, mobile, postcode, date_of_birth,
                      created_channel) values
    (1, 'INDIVIDUAL', 'Ms', 'Ada', 'Lovelace', 'ada@example.org', '020 7946 0001', '07700 900001', 'SW1A 1AA',
        '1990-05-01', 'BOX_OFFICE'),
    (2, 'INDIVIDUAL', 'Mr', 'Ben', 'Parent', 'ben@example.org', null, '07700 900002', null, null, 'ONLINE'),
    (3, 'INDIVIDUAL', null, 'Kim', 'Parent', null, null, null, null, '2015-06-01', 'ONLINE_SOMEONE_ELSE'),
    (4, 'INDIVIDUAL', null, '=HYPERLINK("http://x","y")', 'Mallory', 'mallory@example.org', null, null, null, null,
        'ONLINE'),
    (5, 'INDIVIDUAL', 'Dr', 'Dee', 'Southern', 'dee@example.org', null, null, 'sw1v 2aa', null, 'ONLINE'),
    (6, 'INDIVIDUAL', null, 'Nora', 'Noemail', null, null, null, null, null, 'BOX_OFFICE');

insert into relationship_type (id, a_label, b_label, a_acts_for_b, b_acts_for_a) values (1, 'Parent', 'Child', true, false);
insert into relationship (id, type_id, customer_a_id, customer_b_id, importance) values (1, 1, 2, 3, 1);

insert into customer_order (id, owner_id, facilitator_id, relationship_id, channel, confirmed_at) values
    (1, 1, null, null, 'BOX_OFFICE', '2026-09-01 09:00:00+00'),
    (2, 3, 2, 1, 'ONLINE', '2026-10-05 09:00:00+00'),
    (3, 2, null, null, 'ONLINE', '2026-10-02 12:00:00+00'),
    (4, 5, null, null, 'ONLINE', '2026-10-07 08:00:00+00'),
    (5, 1, null, null, 'BOX_OFFICE', '2026-09-01 09:05:00+00'),
    (6, 2, null, null, 'ONLINE', '2026-10-10 12:00:00+00'),
    (7, 1, null, null, 'ONLINE', '2026-10-01 12:00:00+00');

insert into ticket (id, order_id, line_number, event_instance_id, price_band_id, price, status, returned_at) values
    (1, 1, 0, 1, 1, 20.00, 'SOLD', null),
    (2, 1, 1, 1, 1, 20.00, 'SOLD', null),
    (3, 2, 0, 3, 1, 15.00, 'SOLD', null),
    (4, 2, 1, 1, 2, 0.00, 'SOLD', null),
    (5, 3, 0, 2, 1, 25.00, 'SOLD', null),
    (6, 3, 1, 2, 1, 25.00, 'SOLD', null),
    (7, 3, 2, 2, 1, 25.00, 'RETURNED', '2026-10-03 10:00:00+00'),
    (8, 4, 0, 4, 1, 30.00, 'SOLD', null),
    (9, 4, 1, 4, 1, 30.00, 'SOLD', null),
    (10, 4, 2, 3, 1, 15.00, 'SOLD', null),
    (11, 5, 0, 6, 1, 20.00, 'SOLD', null),
    (12, 6, 0, 5, 1, 25.00, 'SOLD', null),
    (13, 7, 0, 7, 1, 40.00, 'SOLD', null);

-- Preferences: history rows are written by the database's trigger, with these set_at instants.
insert into partner_preference (customer_id, partner_company_id, state, set_at, channel) values
    (1, 1, 'YES', '2026-09-01 09:00:00+00', 'BOX_OFFICE'),
    (1, 2, 'NO', '2026-09-01 09:00:00+00', 'BOX_OFFICE'),
    (4, 1, 'YES', '2026-10-01 10:00:00+00', 'ONLINE_CHECKOUT'),
    (2, 1, 'YES', '2026-10-02 12:00:00+00', 'ONLINE_CHECKOUT'),
    (5, 2, 'YES', '2026-10-07 08:00:00+00', 'ONLINE_CHECKOUT'),
    (6, 1, 'YES', '2026-09-15 10:00:00+00', 'BOX_OFFICE');
-- Ben changes his mind before the cut-off (2026-10-20 12:00 UTC in the tests).
update partner_preference set state = 'NO', set_at = '2026-10-12 08:00:00+00', channel = 'ACCOUNT_PAGE'
 where customer_id = 2 and partner_company_id = 1;

-- Rows added by a test without an id come after the hand-numbered ones.
select setval(pg_get_serial_sequence(table_name, 'id'), 1000)
  from (values ('partner_company'), ('event'), ('event_instance'), ('price_band'), ('customer'),
               ('relationship_type'), ('relationship'), ('customer_order'), ('ticket')) as t (table_name);
