package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderHistoryEntry.Role;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Covers F-8: a facilitated order is in both customers' histories, each pointing to the other. */
@SpringBootTest
class OrderHistoryIntegrationTests extends StoreIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    Relationships relationships;

    @Autowired
    OrderHistory history;

    @Test
    void facilitatedOrderReadsFacilitatedByForTheOwnerAndOnBehalfOfForTheFacilitator() {
        Customer parent = fixtures.person("Pat", "Parent");
        Customer child = fixtures.personWithoutEmail("Kim", "Parent");
        relationships.link(fixtures.parentChild().id(), parent.id(), child.id(), 1);
        EventInstance show = fixtures.performance("Peter Pan", 100);
        PriceBand band = fixtures.standardBand();
        PlacedOrder own = fixtures.buy(parent, null, OrderChannel.BOX_OFFICE, show, band, "20.00", Map.of());
        PlacedOrder forChild = fixtures.buy(child, parent, OrderChannel.ONLINE, show, band, "10.00", Map.of());

        assertThat(history.of(child.id()))
                .extracting(OrderHistoryEntry::orderId, OrderHistoryEntry::role, OrderHistoryEntry::facilitation,
                        OrderHistoryEntry::otherCustomerId)
                .containsExactly(tuple(forChild.orderId(), Role.OWNER, "Facilitated by Pat Parent", parent.id()));
        assertThat(history.of(parent.id()))
                .extracting(OrderHistoryEntry::orderId, OrderHistoryEntry::role, OrderHistoryEntry::facilitation,
                        OrderHistoryEntry::otherCustomerId, OrderHistoryEntry::total)
                .containsExactly(
                        tuple(forChild.orderId(), Role.FACILITATOR, "On behalf of Kim Parent", child.id(),
                                new BigDecimal("10.00")),
                        tuple(own.orderId(), Role.OWNER, null, null, new BigDecimal("20.00")));
    }
}
