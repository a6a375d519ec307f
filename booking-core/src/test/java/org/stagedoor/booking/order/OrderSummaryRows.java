package org.stagedoor.booking.order;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order summary (V17) as lines, and the same sums taken from the base tables, for tests that check the two are
 * equal: the order tests here, and the generator's bulk load in the demo module.
 */
public final class OrderSummaryRows {

    /**
     * One line per summary row, in key order: performance (or "-"), owner, credited, then the count and the amount in
     * cents of the tickets, the memberships and the donations.
     */
    private static final String SUMMARY = """
            select concat_ws('|', coalesce(event_instance_id::text, '-'), owner_id, credited_id, tickets, ticket_cents,
                             memberships, membership_cents, donations, donation_cents)
              from order_summary
             where tickets <> 0 or memberships <> 0 or donations <> 0 or ticket_cents <> 0
             order by order_id, event_instance_id nulls first
            """;

    /** The same sums taken from the base tables, written independently of the migration's own backfill. */
    private static final String FROM_BASE_TABLES = """
            select concat_ws('|', coalesce(l.event_instance_id::text, '-'), o.owner_id,
                             coalesce(o.facilitator_id, o.owner_id), sum(l.tickets), sum(l.cents * l.tickets),
                             sum(l.memberships), sum(l.cents * l.memberships), sum(l.donations),
                             sum(l.cents * l.donations))
              from (select order_id, event_instance_id, 1 as tickets, (price * 100)::bigint as cents,
                           0 as memberships, 0 as donations
                      from ticket where status = 'SOLD'
                    union all
                    select order_id, null, 0, (price * 100)::bigint, 1, 0 from membership
                    union all
                    select order_id, null, 0, (amount * 100)::bigint, 0, 1 from donation) l
              join customer_order o on o.id = l.order_id
             group by l.order_id, l.event_instance_id, o.owner_id, o.facilitator_id
             order by l.order_id, l.event_instance_id nulls first
            """;

    /**
     * One line per customer with a purchase (V31), in customer order: the customer, then as owner and as the customer
     * credited the tickets, their cents, the memberships, their cents, the donations and their cents.
     */
    private static final String TOTALS = """
            select concat_ws('|', customer_id, owner_tickets, owner_ticket_cents, owner_memberships,
                             owner_membership_cents, owner_donations, owner_donation_cents, credited_tickets,
                             credited_ticket_cents, credited_memberships, credited_membership_cents, credited_donations,
                             credited_donation_cents)
              from customer_purchase_total
             where owner_tickets <> 0 or owner_ticket_cents <> 0 or owner_memberships <> 0 or owner_donations <> 0
                or owner_membership_cents <> 0 or owner_donation_cents <> 0 or credited_tickets <> 0
                or credited_ticket_cents <> 0 or credited_memberships <> 0 or credited_donations <> 0
                or credited_membership_cents <> 0 or credited_donation_cents <> 0
             order by customer_id
            """;

    /** The same totals taken from the base tables, each order's lines credited to its owner and to its facilitator. */
    private static final String TOTALS_FROM_BASE_TABLES = """
            select concat_ws('|', customer_id, sum(o_t), sum(o_t * cents), sum(o_m), sum(o_m * cents), sum(o_d),
                             sum(o_d * cents), sum(c_t), sum(c_t * cents), sum(c_m), sum(c_m * cents), sum(c_d),
                             sum(c_d * cents))
              from (select o.owner_id as customer_id, l.cents, l.tickets as o_t, l.memberships as o_m,
                           l.donations as o_d, 0 as c_t, 0 as c_m, 0 as c_d
                      from lines l join customer_order o on o.id = l.order_id
                    union all
                    select coalesce(o.facilitator_id, o.owner_id), l.cents, 0, 0, 0, l.tickets, l.memberships,
                           l.donations
                      from lines l join customer_order o on o.id = l.order_id) credited
             group by customer_id
             order by customer_id
            """;

    /**
     * One line per partner company and customer with a ticket for its events (V37), in key order: the company, the
     * customer, then as owner and as the customer credited the tickets and their cents.
     */
    private static final String PARTNER_TOTALS = """
            select concat_ws('|', partner_company_id, customer_id, owner_tickets, owner_ticket_cents, credited_tickets,
                             credited_ticket_cents)
              from partner_customer_total
             where owner_tickets <> 0 or owner_ticket_cents <> 0 or credited_tickets <> 0 or credited_ticket_cents <> 0
             order by partner_company_id, customer_id
            """;

    /** The same totals from sold tickets, their performances' events' partner companies and their orders. */
    private static final String PARTNER_TOTALS_FROM_BASE_TABLES = """
            select concat_ws('|', partner_company_id, customer_id, sum(o_t), sum(o_t * cents), sum(c_t),
                             sum(c_t * cents))
              from (select epc.partner_company_id, o.owner_id as customer_id, (t.price * 100)::bigint as cents,
                           1 as o_t, 0 as c_t
                      from ticket t
                      join customer_order o on o.id = t.order_id
                      join event_instance ei on ei.id = t.event_instance_id
                      join event_partner_company epc on epc.event_id = ei.event_id
                     where t.status = 'SOLD'
                    union all
                    select epc.partner_company_id, coalesce(o.facilitator_id, o.owner_id), (t.price * 100)::bigint,
                           0, 1
                      from ticket t
                      join customer_order o on o.id = t.order_id
                      join event_instance ei on ei.id = t.event_instance_id
                      join event_partner_company epc on epc.event_id = ei.event_id
                     where t.status = 'SOLD') credited
             group by partner_company_id, customer_id
             order by partner_company_id, customer_id
            """;

    private static final String LINES = """
            with lines as (
                select order_id, 1 as tickets, (price * 100)::bigint as cents, 0 as memberships, 0 as donations
                  from ticket where status = 'SOLD'
                union all
                select order_id, 0, (price * 100)::bigint, 1, 0 from membership
                union all
                select order_id, 0, (amount * 100)::bigint, 0, 1 from donation)
            """;

    private OrderSummaryRows() {
    }

    /** The summary's non-empty rows as lines, in key order. */
    public static List<String> summary(JdbcClient jdbc) {
        return jdbc.sql(SUMMARY).query(String.class).list();
    }

    /** The customers' purchase totals (V31) as lines, in customer order, leaving out those back to nothing. */
    public static List<String> totals(JdbcClient jdbc) {
        return jdbc.sql(TOTALS).query(String.class).list();
    }

    /** What the customers' purchase totals should be, summed from tickets, memberships, donations and orders. */
    public static List<String> totalsFromBaseTables(JdbcClient jdbc) {
        return jdbc.sql(LINES + TOTALS_FROM_BASE_TABLES).query(String.class).list();
    }

    /** Each partner company's customers' ticket totals (V37) as lines, in key order, leaving out those back to 0. */
    public static List<String> partnerTotals(JdbcClient jdbc) {
        return jdbc.sql(PARTNER_TOTALS).query(String.class).list();
    }

    /** What each partner company's customers' totals should be, from tickets, events' companies and orders. */
    public static List<String> partnerTotalsFromBaseTables(JdbcClient jdbc) {
        return jdbc.sql(PARTNER_TOTALS_FROM_BASE_TABLES).query(String.class).list();
    }

    /** What the summary's rows should be, summed from tickets, memberships, donations and orders. */
    public static List<String> fromBaseTables(JdbcClient jdbc) {
        return jdbc.sql(FROM_BASE_TABLES).query(String.class).list();
    }
}
