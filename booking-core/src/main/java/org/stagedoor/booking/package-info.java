/**
 * The booking core: the venue's store of customers, events, orders and contact preferences, and the refusals its
 * services throw. API: BookingRuleViolation, InvalidBookingRequest, NotFoundException.
 */
package org.stagedoor.booking;
