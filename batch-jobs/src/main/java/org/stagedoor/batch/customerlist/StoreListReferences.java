package org.stagedoor.batch.customerlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ListReferences} looked up in the store. */
@Component
class StoreListReferences implements ListReferences {

    private final JdbcClient jdbc;

    StoreListReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Long> unknownPartnerCompanies(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<Long> unknown = new HashSet<>(ids);
        unknown.removeAll(jdbc.sql("select id from partner_company where id in (:ids)")
                .param("ids", ids).query(Long.class).list());
        return unknown;
    }

    @Override
    public Set<Long> unknownEvents(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<Long> unknown = new HashSet<>(ids);
        unknown.removeAll(jdbc.sql("select id from event where id in (:ids)")
                .param("ids", ids).query(Long.class).list());
        return unknown;
    }

    @Override
    public SalesSpan salesSpan() {
        // Each from an end of an index: the summary's rows with tickets by confirmation time, performances by start.
        return jdbc.sql("""
                select (select min(confirmed_at) from order_summary where tickets > 0) as first_confirmed,
                       (select max(confirmed_at) from order_summary where tickets > 0) as last_confirmed,
                       (select min(starts_at) from event_instance) as first_performance,
                       (select max(starts_at) from event_instance) as last_performance
                """).query((rs, row) -> new SalesSpan(instant(rs, "first_confirmed"), instant(rs, "last_confirmed"),
                instant(rs, "first_performance"), instant(rs, "last_performance"))).single();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
