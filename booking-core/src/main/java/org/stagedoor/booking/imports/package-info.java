/**
 * Importing the venue's records from its ticketing system's CSV files, all or nothing. API: VenueImport,
 * ImportOutcome, FileCount, Refusal.
 */
package org.stagedoor.booking.imports;
