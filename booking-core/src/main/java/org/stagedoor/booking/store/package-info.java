/**
 * The store's refusals (constraints and triggers) said in words. API: StoreRefusals.
 */
package org.stagedoor.booking.store;
