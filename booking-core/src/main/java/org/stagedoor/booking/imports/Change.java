package org.stagedoor.booking.imports;

/** What one accepted row did to the store. */
enum Change {
    ADDED, UPDATED, UNCHANGED, CLOSED
}
