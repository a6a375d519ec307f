/**
 * The store itself: the embedded PostgreSQL default and constraint refusals said in words. API: StoreRefusals,
 * EmbeddedDatabaseInUse.
 */
package org.stagedoor.booking.store;
