-- The row-level security of V8, rewritten so that PostgreSQL evaluates it once per statement instead of once per
-- row; same rows, same role, same setting. Measured on 1 M customers / 10 M tickets: the opted-in list's
-- statement took 1.35 s under the policies against 0.51 s without them (the setting was read for each of 224 k
-- preference rows), and a partner's event sales 2.8 times as long as without them (a correlated EXISTS in a
-- policy is a security-barrier condition PostgreSQL cannot turn into a join: it ran for each ticket).
--  * (select stagedoor_run_partner()) is an init plan: one value for the whole statement;
--  * an uncorrelated IN is evaluated once and probed as a hash.
alter policy partner_company_run_partner on partner_company
    using (id = (select stagedoor_run_partner()));
alter policy event_partner_company_run_partner on event_partner_company
    using (partner_company_id = (select stagedoor_run_partner()));
alter policy partner_preference_run_partner on partner_preference
    using (partner_company_id = (select stagedoor_run_partner()));
alter policy partner_preference_history_run_partner on partner_preference_history
    using (partner_company_id = (select stagedoor_run_partner()));
alter policy event_run_partner on event
    using (id in (select epc.event_id from event_partner_company epc
                   where epc.partner_company_id = (select stagedoor_run_partner())));
alter policy event_instance_run_partner on event_instance
    using (event_id in (select epc.event_id from event_partner_company epc
                         where epc.partner_company_id = (select stagedoor_run_partner())));
alter policy ticket_run_partner on ticket
    using (event_instance_id in (select ei.id from event_instance ei
                                  join event_partner_company epc on epc.event_id = ei.event_id
                                 where epc.partner_company_id = (select stagedoor_run_partner())));
