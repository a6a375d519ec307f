package org.stagedoor.booking.facilitation;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Customers linked to one customer by relationships that allow facilitation in a given direction. */
@Component
class RelatedCustomers {

    private final JdbcClient jdbc;

    RelatedCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Individuals who may act on behalf of {@code ownerId} (F-4). */
    List<RelatedCustomer> whoMayActFor(long ownerId) {
        return related(ownerId, false);
    }

    /** Customers (individuals or organisations) that {@code facilitatorId} may act for (F-5). */
    List<RelatedCustomer> actedForBy(long facilitatorId) {
        return related(facilitatorId, true);
    }

    private List<RelatedCustomer> related(long customerId, boolean customerActs) {
        return jdbc.sql("""
                select c.id, customer_name(c.kind, c.title, c.first_name, c.last_name, c.organisation_name) as name,
                       c.email, r.id as relationship_id, r.importance,
                       case when r.customer_a_id = c.id then t.a_label else t.b_label end as their_label
                  from relationship r
                  join relationship_type t on t.id = r.type_id
                  join customer c
                    on c.id = case when r.customer_a_id = :me then r.customer_b_id else r.customer_a_id end
                 where (r.customer_a_id = :me or r.customer_b_id = :me)
                   and case when :meActs = (r.customer_a_id = :me) then t.a_acts_for_b else t.b_acts_for_a end
                   and (:meActs or c.kind = 'INDIVIDUAL')
                 order by r.importance, lower(coalesce(c.last_name, c.organisation_name)), lower(c.first_name), c.id
                """)
                .param("me", customerId)
                .param("meActs", customerActs)
                .query((rs, row) -> new RelatedCustomer(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("their_label"), rs.getLong("relationship_id"), rs.getInt("importance")))
                .list();
    }
}
