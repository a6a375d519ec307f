/**
 * The one venue: its time zone and name, and the settings administrators edit. API: Venue, VenueProperties,
 * VenueSettings.
 */
package org.stagedoor.booking.venue;
