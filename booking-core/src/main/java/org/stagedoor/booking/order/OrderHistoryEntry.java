package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as it appears in one customer's history (F-8). {@code role} says whether the customer
 * owns it or facilitated it; {@code facilitation} reads "Facilitated by …" in the owner's history and
 * "On behalf of …" in the facilitator's, and is null for a plain order. {@code otherCustomerId} is
 * the customer the link leads to.
 */
public record OrderHistoryEntry(long orderId, Instant confirmedAt, OrderChannel channel, Role role,
        String facilitation, Long otherCustomerId, int tickets, BigDecimal total) {

    public enum Role {
        OWNER, FACILITATOR
    }
}
