/**
 * Orders, plain or facilitated (F-2), their lines and each customer's order history (F-8). API: OrderPlacement,
 * OrderRequest, PlacedOrder, OrderHistory, OrderHistoryEntry, CustomerOrder, Ticket, TicketStatus, Membership,
 * Donation, OrderChannel.
 */
package org.stagedoor.booking.order;
