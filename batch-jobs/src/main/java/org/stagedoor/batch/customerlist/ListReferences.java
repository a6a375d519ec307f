package org.stagedoor.batch.customerlist;

import java.time.Instant;
import java.util.Set;

/**
 * What compiling a list looks up in the store: which of the partner companies and events a definition names do not
 * exist, so that a mistyped id is refused when the list is compiled instead of quietly selecting nobody; and the span
 * of the store's sales, which decides how a segment over a period is read (never whom it selects).
 */
public interface ListReferences {

    /** The ids among these that are no partner company's. */
    Set<Long> unknownPartnerCompanies(Set<Long> ids);

    /** The ids among these that are no event's. */
    Set<Long> unknownEvents(Set<Long> ids);

    /** When the store's sales begin and end; read for a venue's list only. */
    SalesSpan salesSpan();

    /**
     * The first and last confirmation times of orders with sold tickets, and the first and last performances; each
     * null when there is none.
     */
    record SalesSpan(Instant firstConfirmed, Instant lastConfirmed, Instant firstPerformance, Instant lastPerformance) {
    }
}
