package org.stagedoor.booking.order;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import org.stagedoor.booking.order.OrderHistoryEntry.Role;

/** F-8: a facilitated order shows in both customers' histories, each with a link to the other. */
@Service
public class OrderHistory {

    private final JdbcClient jdbc;

    OrderHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's orders, newest first. Returned tickets count in neither tickets nor total. */
    public List<OrderHistoryEntry> of(long customerId) {
        return jdbc.sql("""
                select o.id, o.confirmed_at, o.channel,
                       case when o.owner_id = :customer then 'OWNER' else 'FACILITATOR' end as role,
                       case when o.facilitator_id is null then null
                            when o.owner_id = :customer then 'Facilitated by '
                                 || customer_name(f.kind, f.title, f.first_name, f.last_name, f.organisation_name)
                            else 'On behalf of '
                                 || customer_name(w.kind, w.title, w.first_name, w.last_name, w.organisation_name)
                       end as facilitation,
                       case when o.owner_id = :customer then o.facilitator_id else o.owner_id end as other_id,
                       coalesce(t.tickets, 0) as tickets,
                       coalesce(t.amount, 0) + coalesce(m.amount, 0) + coalesce(d.amount, 0) as total
                  from customer_order o
                  join customer w on w.id = o.owner_id
                  left join customer f on f.id = o.facilitator_id
                  left join lateral (select count(*) as tickets, sum(price) as amount from ticket
                                      where order_id = o.id and status = 'SOLD') t on true
                  left join lateral (select sum(price) as amount from membership where order_id = o.id) m on true
                  left join lateral (select sum(amount) as amount from donation where order_id = o.id) d on true
                 where o.owner_id = :customer or o.facilitator_id = :customer
                 order by o.confirmed_at desc, o.id desc
                """)
                .param("customer", customerId)
                .query((rs, row) -> new OrderHistoryEntry(rs.getLong("id"), rs.getTimestamp("confirmed_at").toInstant(),
                        OrderChannel.valueOf(rs.getString("channel")), Role.valueOf(rs.getString("role")),
                        rs.getString("facilitation"), rs.getObject("other_id", Long.class), rs.getInt("tickets"),
                        rs.getBigDecimal("total")))
                .list();
    }
}
