package org.stagedoor.batch.customerlist;

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
}
