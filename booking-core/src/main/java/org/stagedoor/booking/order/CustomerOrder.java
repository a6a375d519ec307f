package org.stagedoor.booking.order;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order: its owner is the customer it is for; in a facilitated order the facilitator made it,
 * through the relationship named here (F-2). Lines are kept in order of entry.
 */
@Table("customer_order")
public record CustomerOrder(
        @Id Long id,
        long ownerId,
        Long facilitatorId,
        Long relationshipId,
        OrderChannel channel,
        Instant confirmedAt,
        @MappedCollection(idColumn = "order_id", keyColumn = "line_number") List<Ticket> tickets,
        @MappedCollection(idColumn = "order_id", keyColumn = "line_number") List<Membership> memberships,
        @MappedCollection(idColumn = "order_id", keyColumn = "line_number") List<Donation> donations) {

    public CustomerOrder withId(Long id) {
        return new CustomerOrder(id, ownerId, facilitatorId, relationshipId, channel, confirmedAt, tickets, memberships,
                donations);
    }

    public boolean isFacilitated() {
        return facilitatorId != null;
    }
}
