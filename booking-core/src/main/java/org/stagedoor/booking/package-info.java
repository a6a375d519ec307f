/**
 * The booking core: the venue's store of customers, events, orders and contact preferences, and the refusals its
 * services throw, and the one SHA-256 of the project. API: BookingRuleViolation, InvalidBookingRequest,
 * NotFoundException, Sha256.
 */
package org.stagedoor.booking;
