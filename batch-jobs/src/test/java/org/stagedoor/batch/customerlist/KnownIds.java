package org.stagedoor.batch.customerlist;

import java.util.HashSet;
import java.util.Set;

/** {@link ListReferences} for tests without a database: only the given ids exist, and no sales unless given. */
final class KnownIds implements ListReferences {

    private final Set<Long> partnerCompanies;

    private final Set<Long> events;

    private final SalesSpan sales;

    KnownIds(Set<Long> partnerCompanies, Set<Long> events) {
        this(partnerCompanies, events, new SalesSpan(null, null, null, null));
    }

    KnownIds(Set<Long> partnerCompanies, Set<Long> events, SalesSpan sales) {
        this.partnerCompanies = Set.copyOf(partnerCompanies);
        this.events = Set.copyOf(events);
        this.sales = sales;
    }

    @Override
    public Set<Long> unknownPartnerCompanies(Set<Long> ids) {
        Set<Long> unknown = new HashSet<>(ids);
        unknown.removeAll(partnerCompanies);
        return unknown;
    }

    @Override
    public Set<Long> unknownEvents(Set<Long> ids) {
        Set<Long> unknown = new HashSet<>(ids);
        unknown.removeAll(events);
        return unknown;
    }

    @Override
    public SalesSpan salesSpan() {
        return sales;
    }
}
