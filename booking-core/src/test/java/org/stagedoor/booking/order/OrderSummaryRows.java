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

    private OrderSummaryRows() {
    }

    /** The summary's non-empty rows as lines, in key order. */
    public static List<String> summary(JdbcClient jdbc) {
        return jdbc.sql(SUMMARY).query(String.class).list();
    }

    /** What the summary's rows should be, summed from tickets, memberships, donations and orders. */
    public static List<String> fromBaseTables(JdbcClient jdbc) {
        return jdbc.sql(FROM_BASE_TABLES).query(String.class).list();
    }
}
