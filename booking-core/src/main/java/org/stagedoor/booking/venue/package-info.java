/**
 * The one venue: its time zone, and the settings administrators edit (name, preference-group text). API: Venue,
 * VenueProperties, VenueSettings.
 */
package org.stagedoor.booking.venue;
