/**
 * Erasing a customer's personal data while keeping their orders. API: CustomerErasure.
 */
package org.stagedoor.booking.erasure;
