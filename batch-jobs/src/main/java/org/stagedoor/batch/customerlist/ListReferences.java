package org.stagedoor.batch.customerlist;

import java.util.Set;

/**
 * Which of the partner companies and events a definition names do not exist, so that a mistyped id
 * is refused when the list is compiled instead of quietly selecting nobody.
 */
public interface ListReferences {

    /** The ids among these that are no partner company's. */
    Set<Long> unknownPartnerCompanies(Set<Long> ids);

    /** The ids among these that are no event's. */
    Set<Long> unknownEvents(Set<Long> ids);
}
