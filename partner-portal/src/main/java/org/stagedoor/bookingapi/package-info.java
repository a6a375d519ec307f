/**
 * The booking API for the venue's sales channels: customers, orders, relationships, preferences. API: none.
 */
package org.stagedoor.bookingapi;
