/**
 * Price bands and membership schemes, including members-only bands (F-7). API: Pricing, PriceBand, MembershipScheme.
 */
package org.stagedoor.booking.pricing;
