/**
 * Events, their performances and the partner companies assigned to them (P-2, P-7). API: Events, Event, EventPartner.
 */
package org.stagedoor.booking.event;
