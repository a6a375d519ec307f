package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderRequest.MembershipLine;
import org.stagedoor.booking.order.OrderRequest.TicketLine;
import org.stagedoor.booking.pricing.MembershipScheme;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.pricing.Pricing;
import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.store.StoreRefusals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Plain and facilitated order placement: covers F-1, F-2, F-3, F-7. */
@SpringBootTest
class OrderPlacementIntegrationTests extends StoreIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    OrderPlacement placement;

    @Autowired
    Relationships relationships;

    @Autowired
    Pricing pricing;

    @Autowired
    CustomerOrderRepository orders;

    Customer parent;

    Customer child;

    RelationshipType parentChild;

    Relationship parentOfChild;

    EventInstance matinee;

    PriceBand standard;

    @BeforeEach
    void family() {
        parent = fixtures.person("Pat", "Parent");
        child = fixtures.personWithoutEmail("Kim", "Parent");
        parentChild = fixtures.parentChild();
        parentOfChild = relationships.link(parentChild.id(), parent.id(), child.id(), 1);
        matinee = fixtures.performance("The Gruffalo", 100);
        standard = fixtures.standardBand();
    }

    @Test
    void plainOrderIsConfirmedToItsOwner() {
        PlacedOrder placed = fixtures.buy(parent, null, OrderChannel.BOX_OFFICE, matinee, standard, "12.50", Map.of());

        assertThat(placed.confirmationRecipientId()).isEqualTo(parent.id());
        CustomerOrder order = orders.findById(placed.orderId()).orElseThrow();
        assertThat(order.ownerId()).isEqualTo(parent.id());
        assertThat(order.facilitatorId()).isNull();
        assertThat(order.relationshipId()).isNull();
        assertThat(order.tickets()).extracting(Ticket::price).containsExactly(new BigDecimal("12.50"));
    }

    @Test
    void facilitatedOrderNamesTheRelationshipAndIsConfirmedToTheFacilitator() {
        // covers F-2 (allowed direction) and F-7 (the confirmation goes to the facilitator)
        PlacedOrder placed = fixtures.buy(child, parent, OrderChannel.ONLINE, matinee, standard, "8.00", Map.of());

        CustomerOrder order = orders.findById(placed.orderId()).orElseThrow();
        assertThat(order.ownerId()).isEqualTo(child.id());
        assertThat(order.facilitatorId()).isEqualTo(parent.id());
        assertThat(order.relationshipId()).isEqualTo(parentOfChild.id());
        assertThat(placed.confirmationRecipientId()).isEqualTo(parent.id());
        assertThat(placed.confirmationEmail()).isEqualTo(parent.email());
    }

    @Test
    void refusesFacilitatorWhoseRelationshipOnlyAllowsTheOtherDirection() {
        // covers F-2: the child's side of Parent / Child cannot act for the parent
        assertThatThrownBy(() -> fixtures.buy(parent, child, OrderChannel.BOX_OFFICE, matinee, standard, "8.00",
                Map.of()))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-2:")
                .hasMessageContaining("act on behalf of");
        assertThat(orders.count()).isZero();
    }

    @Test
    void refusesFacilitatorWithoutRelationship() {
        // covers F-2
        Customer stranger = fixtures.person("Sam", "Stranger");
        assertThatThrownBy(() -> fixtures.buy(child, stranger, OrderChannel.BOX_OFFICE, matinee, standard, "8.00",
                Map.of()))
                .isInstanceOf(BookingRuleViolation.class)
                .extracting(ex -> ((BookingRuleViolation) ex).rule()).isEqualTo("F-2");
    }

    @Test
    void plainRelationshipTypeDoesNotEnableFacilitation() {
        // covers F-1: a type with neither side enabled behaves as a plain relationship
        Customer friend = fixtures.person("Fran", "Friend");
        RelationshipType friends = relationships.defineType("Friend", "Friend", false, false);
        relationships.link(friends.id(), parent.id(), friend.id(), 1);

        assertThat(friends.enablesFacilitation()).isFalse();
        assertThatThrownBy(() -> fixtures.buy(friend, parent, OrderChannel.BOX_OFFICE, matinee, standard, "8.00",
                Map.of()))
                .isInstanceOf(BookingRuleViolation.class).hasMessageStartingWith("F-2:");
        assertThatThrownBy(() -> fixtures.buy(parent, friend, OrderChannel.BOX_OFFICE, matinee, standard, "8.00",
                Map.of()))
                .isInstanceOf(BookingRuleViolation.class).hasMessageStartingWith("F-2:");
    }

    @Test
    void bothWaysTypeLetsEitherSideFacilitate() {
        // covers F-1: enabled both ways
        Customer one = fixtures.person("Alex", "Spouse");
        Customer other = fixtures.person("Jo", "Spouse");
        RelationshipType spouses = relationships.defineType("Spouse", "Spouse", true, true);
        relationships.link(spouses.id(), one.id(), other.id(), 2);

        assertThat(fixtures.buy(one, other, OrderChannel.BOX_OFFICE, matinee, standard, "8.00", Map.of())
                .facilitatorId()).isEqualTo(other.id());
        assertThat(fixtures.buy(other, one, OrderChannel.BOX_OFFICE, matinee, standard, "8.00", Map.of())
                .facilitatorId()).isEqualTo(one.id());
    }

    @Test
    void refusesFacilitatorWhoIsTheOwner() {
        // covers F-3
        assertThatThrownBy(() -> fixtures.buy(parent, parent, OrderChannel.BOX_OFFICE, matinee, standard, "8.00",
                Map.of()))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-3:");
    }

    @Test
    void anIndividualFacilitatesForAnOrganisationButNotTheOtherWayRound() {
        // covers F-3: an individual facilitates for individuals or organisations
        Customer school = fixtures.organisation("Hilltop School");
        RelationshipType bookers = relationships.defineType("Booker", "Organisation", true, true);
        relationships.link(bookers.id(), parent.id(), school.id(), 1);

        assertThat(fixtures.buy(school, parent, OrderChannel.BOX_OFFICE, matinee, standard, "5.00", Map.of()).ownerId())
                .isEqualTo(school.id());
        assertThatThrownBy(() -> fixtures.buy(parent, school, OrderChannel.BOX_OFFICE, matinee, standard, "5.00",
                Map.of()))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-3:")
                .hasMessageContaining("organisation");
    }

    @Test
    void databaseRefusesAnOrderWhoseFacilitatorIsItsOwnerEvenWhenTheServiceIsBypassed() {
        // covers F-3 in the database itself
        assertThatThrownBy(() -> jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, relationship_id, channel)
                values (:owner, :owner, :relationship, 'BOX_OFFICE')
                """).param("owner", parent.id()).param("relationship", parentOfChild.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("order_facilitator_not_owner");
    }

    /** Covers issue 15 item 1: the store's own refusals reach people as sentences, not constraint names. */
    @Test
    void theStoresRefusalsAreSaidInWords() {
        Throwable sameCustomer = catchThrowable(() -> jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, relationship_id, channel)
                values (:owner, :owner, :relationship, 'BOX_OFFICE')
                """).param("owner", parent.id()).param("relationship", parentOfChild.id()).update());
        Throwable wrongWay = catchThrowable(() -> jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, relationship_id, channel)
                values (:owner, :facilitator, :relationship, 'BOX_OFFICE')
                """).param("owner", parent.id()).param("facilitator", child.id())
                .param("relationship", parentOfChild.id()).update());
        Throwable noRelationship = catchThrowable(() -> jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, channel)
                values (:owner, :facilitator, 'BOX_OFFICE')
                """).param("owner", child.id()).param("facilitator", parent.id()).update());

        assertThat(StoreRefusals.sentence(sameCustomer)).hasValue("The person making an order and the person it is"
                + " for must be different customers.");
        assertThat(StoreRefusals.sentence(wrongWay)).hasValue("The relationship between these customers does not let"
                + " the person making the order act for the person it is for.");
        assertThat(StoreRefusals.sentence(noRelationship)).hasValue("An order made for someone else needs the"
                + " relationship that lets the person making it act for them.");
        assertThat(StoreRefusals.sentence(new IllegalStateException("not the store's"))).isEmpty();
    }

    @Test
    void databaseRefusesARelationshipThatOnlyAllowsTheOtherDirectionEvenWhenTheServiceIsBypassed() {
        // covers F-2 in the database itself
        assertThatThrownBy(() -> jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, relationship_id, channel)
                values (:owner, :facilitator, :relationship, 'BOX_OFFICE')
                """).param("owner", parent.id()).param("facilitator", child.id())
                .param("relationship", parentOfChild.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("F-2");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, channel)
                values (:owner, :facilitator, 'BOX_OFFICE')
                """).param("owner", child.id()).param("facilitator", parent.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("order_facilitation_has_relationship");
    }

    @Test
    void membersPriceBandIsJudgedOnTheOwnersMembershipNotTheFacilitators() {
        // covers F-7: the owner's eligibility applies to the order
        MembershipScheme friends = pricing.createScheme("Friends", new BigDecimal("40.00"));
        PriceBand members = pricing.createBand("Members", friends.id());
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        placement.place(new OrderRequest(parent.id(), null, OrderChannel.BOX_OFFICE, List.of(),
                List.of(new MembershipLine(friends.id(), today.minusDays(1), today.plusYears(1),
                        new BigDecimal("40.00"))),
                List.of(), Map.of()));

        assertThatThrownBy(() -> fixtures.buy(child, parent, OrderChannel.ONLINE, matinee, members, "6.00", Map.of()))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-7:")
                .hasMessageContaining("Kim Parent, the owner of the order");
        assertThat(fixtures.buy(parent, null, OrderChannel.ONLINE, matinee, members, "6.00", Map.of()).ownerId())
                .isEqualTo(parent.id());

        placement.place(new OrderRequest(child.id(), parent.id(), OrderChannel.ONLINE, List.of(),
                List.of(new MembershipLine(friends.id(), today, today.plusYears(1), new BigDecimal("20.00"))),
                List.of(), Map.of()));
        assertThat(fixtures.buy(child, parent, OrderChannel.ONLINE, matinee, members, "6.00", Map.of()).ownerId())
                .isEqualTo(child.id());
    }

    @Test
    void anExpiredMembershipDoesNotQualifyButOneBoughtInTheSameOrderDoes() {
        // covers F-7
        MembershipScheme friends = pricing.createScheme("Friends", new BigDecimal("40.00"));
        PriceBand members = pricing.createBand("Members", friends.id());
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        placement.place(new OrderRequest(parent.id(), null, OrderChannel.BOX_OFFICE, List.of(),
                List.of(new MembershipLine(friends.id(), today.minusYears(2), today.minusYears(1), BigDecimal.TEN)),
                List.of(), Map.of()));
        assertThatThrownBy(() -> fixtures.buy(parent, null, OrderChannel.ONLINE, matinee, members, "6.00", Map.of()))
                .isInstanceOf(BookingRuleViolation.class).hasMessageStartingWith("F-7:");

        PlacedOrder both = placement.place(new OrderRequest(parent.id(), null, OrderChannel.ONLINE,
                List.of(new TicketLine(matinee.id(), members.id(), new BigDecimal("6.00"))),
                List.of(new MembershipLine(friends.id(), today, today.plusYears(1), new BigDecimal("40.00"))),
                List.of(new OrderRequest.DonationLine("Access fund", new BigDecimal("5.00"))), Map.of()));
        CustomerOrder order = orders.findById(both.orderId()).orElseThrow();
        assertThat(order.tickets()).hasSize(1);
        assertThat(order.memberships()).extracting(Membership::memberId).containsExactly(parent.id());
        assertThat(order.donations()).extracting(Donation::fund).containsExactly("Access fund");
    }

    @Test
    void refusesToSellMoreSeatsThanThePerformanceHas() {
        EventInstance tiny = fixtures.performance("Studio piece", 2);
        fixtures.buy(parent, null, OrderChannel.BOX_OFFICE, tiny, standard, "10.00", Map.of());
        List<TicketLine> two = List.of(new TicketLine(tiny.id(), standard.id(), BigDecimal.TEN),
                new TicketLine(tiny.id(), standard.id(), BigDecimal.TEN));

        assertThatThrownBy(() -> placement.place(
                OrderRequest.tickets(parent.id(), null, OrderChannel.BOX_OFFICE, two, Map.of())))
                .isInstanceOf(InvalidBookingRequest.class)
                .hasMessageContaining("has 1 seats left, 2 asked for");
    }

    @Test
    void aReturnedTicketFreesItsSeatAndStaysOnTheOrder() {
        EventInstance tiny = fixtures.performance("Studio piece", 1);
        PlacedOrder first = fixtures.buy(parent, null, OrderChannel.BOX_OFFICE, tiny, standard, "10.00", Map.of());
        long ticketId = orders.findById(first.orderId()).orElseThrow().tickets().get(0).id();

        placement.returnTicket(ticketId);

        assertThat(fixtures.buy(child, parent, OrderChannel.BOX_OFFICE, tiny, standard, "10.00", Map.of())).isNotNull();
        Ticket returned = orders.findById(first.orderId()).orElseThrow().tickets().get(0);
        assertThat(returned.status()).isEqualTo(TicketStatus.RETURNED);
        assertThat(returned.returnedAt()).isNotNull();
        assertThatThrownBy(() -> placement.returnTicket(ticketId)).isInstanceOf(InvalidBookingRequest.class)
                .hasMessageContaining("already been returned");
    }

    @Test
    void refusesAnEmptyBasket() {
        assertThatThrownBy(() -> placement.place(
                OrderRequest.tickets(parent.id(), null, OrderChannel.ONLINE, List.of(), Map.of())))
                .isInstanceOf(InvalidBookingRequest.class)
                .hasMessageContaining("at least one ticket");
    }
}
