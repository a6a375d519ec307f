package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A ticket line of an order; a price of zero is a complimentary ticket. */
@Table("ticket")
public record Ticket(@Id Long id, long eventInstanceId, long priceBandId, BigDecimal price, TicketStatus status,
        Instant returnedAt) {

    public static Ticket sold(long eventInstanceId, long priceBandId, BigDecimal price) {
        return new Ticket(null, eventInstanceId, priceBandId, price, TicketStatus.SOLD, null);
    }
}
