package org.stagedoor.booking.order;

/**
 * A confirmed order and whom its confirmation goes to: the facilitator when there is one, with
 * their contact details (F-7).
 */
public record PlacedOrder(long orderId, long ownerId, Long facilitatorId, long confirmationRecipientId,
        String confirmationName, String confirmationEmail) {
}
