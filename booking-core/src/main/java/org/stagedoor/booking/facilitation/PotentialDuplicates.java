package org.stagedoor.booking.facilitation;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * F-6: "someone else" records carry no email, so the same child can be created twice. They are found
 * as pairs with the same names (case-insensitive, trimmed) linked to the same facilitator.
 */
@Service
public class PotentialDuplicates {

    private final JdbcClient jdbc;

    PotentialDuplicates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every such pair in the venue, or only those around one facilitator when {@code facilitatorId} is given. */
    public List<PotentialDuplicate> find(Long facilitatorId) {
        return jdbc.sql("""
                with link as (
                    select r.customer_a_id as facilitator_id, r.customer_b_id as customer_id from relationship r
                    union
                    select r.customer_b_id, r.customer_a_id from relationship r
                )
                select s.id as someone_else_id, o.id as other_id,
                       customer_name(s.kind, s.title, s.first_name, s.last_name, s.organisation_name) as name,
                       f.id as facilitator_id,
                       customer_name(f.kind, f.title, f.first_name, f.last_name, f.organisation_name)
                           as facilitator_name
                  from customer s
                  join link ls on ls.customer_id = s.id
                  join link lo on lo.facilitator_id = ls.facilitator_id and lo.customer_id <> s.id
                  join customer o on o.id = lo.customer_id
                  join customer f on f.id = ls.facilitator_id
                 where s.created_channel = 'ONLINE_SOMEONE_ELSE'
                   and o.kind = 'INDIVIDUAL'
                   and lower(trim(o.first_name)) = lower(trim(s.first_name))
                   and lower(trim(o.last_name)) = lower(trim(s.last_name))
                   -- a pair of two "someone else" records is listed once
                   and (o.created_channel <> 'ONLINE_SOMEONE_ELSE' or o.id > s.id)
                   and (cast(:facilitator as bigint) is null or f.id = :facilitator)
                 order by f.id, s.id, o.id
                """)
                .param("facilitator", facilitatorId)
                .query((rs, row) -> new PotentialDuplicate(rs.getLong("someone_else_id"), rs.getLong("other_id"),
                        rs.getString("name"), rs.getLong("facilitator_id"), rs.getString("facilitator_name")))
                .list();
    }
}
