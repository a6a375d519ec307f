/**
 * Booking for someone else: the box-office and online paths (F-4, F-5) and possible duplicate records (F-6). API:
 * BoxOfficeBooking, OnlineBooking, SomeoneElse, RelatedCustomer, PotentialDuplicates, PotentialDuplicate.
 */
package org.stagedoor.booking.facilitation;
