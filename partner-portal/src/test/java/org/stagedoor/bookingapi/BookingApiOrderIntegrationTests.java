package org.stagedoor.bookingapi;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.pricing.MembershipScheme;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.pricing.Pricing;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;

import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Orders through the booking API: plain and facilitated (covers F-2, F-3), the owner's eligibility and the
 * facilitator's confirmation (covers F-7), returns, and both customers' order histories (covers F-8), with every
 * refusal as a problem detail in words.
 */
class BookingApiOrderIntegrationTests extends BookingApiIntegrationTest {

    @Autowired
    Relationships relationships;

    @Autowired
    Pricing pricing;

    Customer parent;

    Customer child;

    EventInstance hamlet;

    PriceBand standard;

    RelationshipType parentChild;

    @BeforeEach
    void aFamily() {
        parent = fixtures.person("Kim", "Parent");
        child = fixtures.personWithoutEmail("Sam", "Parent");
        parentChild = fixtures.parentChild();
        relationships.link(parentChild.id(), parent.id(), child.id(), 1);
        hamlet = fixtures.performance("Hamlet", 100);
        standard = fixtures.standardBand();
    }

    private String order(long ownerId, Long facilitatorId, String channel, long bandId, String price) {
        return json("""
                {'ownerId': %d, 'facilitatorId': %s, 'channel': '%s',
                 'tickets': [{'performanceId': %d, 'priceBandId': %d, 'price': %s}]}
                """.formatted(ownerId, facilitatorId, channel, hamlet.id(), bandId, price));
    }

    @Test
    void aPlainOrderIsConfirmedToItsOwner() throws Exception {
        long orderId = number(postJson("/api/booking/orders",
                order(parent.id(), null, "ONLINE", standard.id(), "20.00"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/booking/orders/")))
                .andExpect(jsonPath("$.ownerId").value(parent.id()))
                .andExpect(jsonPath("$.facilitatorId").value(nullValue()))
                .andExpect(jsonPath("$.confirmation.customerId").value(parent.id()))
                .andExpect(jsonPath("$.confirmation.email").value(parent.email())), "$.orderId");
        getJson("/api/booking/orders/{id}", orderId).andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("ONLINE"))
                .andExpect(jsonPath("$.tickets[0].performanceId").value(hamlet.id()))
                .andExpect(jsonPath("$.tickets[0].price").value(20.00))
                .andExpect(jsonPath("$.tickets[0].status").value("SOLD"));
    }

    @Test
    void aFacilitatedOrderIsTheOwnersAndItsConfirmationGoesToTheFacilitator() throws Exception {
        long orderId = number(postJson("/api/booking/orders",
                order(child.id(), parent.id(), "BOX_OFFICE", standard.id(), "12.50"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ownerId").value(child.id()))
                .andExpect(jsonPath("$.facilitatorId").value(parent.id()))
                .andExpect(jsonPath("$.confirmation.customerId").value(parent.id()))
                .andExpect(jsonPath("$.confirmation.name").value("Kim Parent"))
                .andExpect(jsonPath("$.confirmation.email").value(parent.email())), "$.orderId");

        // F-8: in both histories, each naming the other.
        getJson("/api/booking/customers/{id}/orders", child.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].orderId").value(orderId))
                .andExpect(jsonPath("$[0].role").value("OWNER"))
                .andExpect(jsonPath("$[0].facilitation").value("Facilitated by Kim Parent"))
                .andExpect(jsonPath("$[0].otherCustomerId").value(parent.id()))
                .andExpect(jsonPath("$[0].total").value(12.50));
        getJson("/api/booking/customers/{id}/orders", parent.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].role").value("FACILITATOR"))
                .andExpect(jsonPath("$[0].facilitation").value("On behalf of Sam Parent"))
                .andExpect(jsonPath("$[0].otherCustomerId").value(child.id()));
    }

    @Test
    void aFacilitatedOrderIsRefusedWithoutARelationshipThatLetsTheFacilitatorAct() throws Exception {
        Customer stranger = fixtures.person("Lee", "Stranger");
        Customer friend = fixtures.person("Max", "Friend");
        RelationshipType friends = relationships.defineType("Friend", "Friend", false, false);
        relationships.link(friends.id(), parent.id(), friend.id(), 1);

        // The child's side of Parent / Child cannot act for the parent (F-1, F-2).
        postJson("/api/booking/orders", order(parent.id(), child.id(), "BOX_OFFICE", standard.id(), "10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("Sam Parent has no relationship that lets them act on behalf of"
                        + " Kim Parent."));
        // A plain relationship allows nothing (F-1); no relationship at all neither (F-2).
        postJson("/api/booking/orders", order(friend.id(), parent.id(), "BOX_OFFICE", standard.id(), "10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Kim Parent has no relationship that lets them act on behalf of"
                        + " Max Friend."));
        postJson("/api/booking/orders", order(child.id(), stranger.id(), "ONLINE", standard.id(), "10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Lee Stranger has no relationship that lets them act on behalf"
                        + " of Sam Parent."));
        getJson("/api/booking/customers/{id}/orders", child.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void theFacilitatorIsAnotherCustomerAndAPerson() throws Exception {
        Customer school = fixtures.organisation("Hill School");
        RelationshipType teaches = relationships.defineType("School", "Pupil", true, false);
        relationships.link(teaches.id(), school.id(), child.id(), 1);

        postJson("/api/booking/orders", order(parent.id(), parent.id(), "BOX_OFFICE", standard.id(), "10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The facilitator and the owner of an order must be different"
                        + " customers."));
        postJson("/api/booking/orders", order(child.id(), school.id(), "BOX_OFFICE", standard.id(), "10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Hill School is an organisation; only an individual can"
                        + " facilitate an order."));
        // An individual facilitates for an organisation (F-3).
        RelationshipType head = relationships.defineType("Head", "School", true, false);
        relationships.link(head.id(), parent.id(), school.id(), 1);
        postJson("/api/booking/orders", order(school.id(), parent.id(), "BOX_OFFICE", standard.id(), "10"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.confirmation.name").value("Kim Parent"));
    }

    @Test
    void theOwnersMembershipDecidesAMembersPriceNotTheFacilitators() throws Exception {
        MembershipScheme friends = pricing.createScheme("Friends", new BigDecimal("40.00"));
        PriceBand members = pricing.createBand("Members", friends.id());
        LocalDate today = LocalDate.now();
        postJson("/api/booking/orders", json("""
                {'ownerId': %d, 'channel': 'BOX_OFFICE', 'memberships': [{'membershipSchemeId': %d,
                 'validFrom': '%s', 'validTo': '%s', 'price': 40.00}]}
                """.formatted(parent.id(), friends.id(), today.minusDays(1), today.plusYears(1))))
                .andExpect(status().isCreated());

        // The parent holds the membership, the child does not: the child's ticket cannot be at the members' price.
        postJson("/api/booking/orders", order(child.id(), parent.id(), "BOX_OFFICE", members.id(), "8.00"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Sam Parent, the owner of the order, holds no valid Friends"
                        + " membership for price band Members."));
        postJson("/api/booking/orders", order(parent.id(), null, "BOX_OFFICE", members.id(), "8.00"))
                .andExpect(status().isCreated());
    }

    @Test
    void aTicketIsReturnedOnceAndLeavesTheTotals() throws Exception {
        long orderId = number(postJson("/api/booking/orders",
                order(child.id(), parent.id(), "BOX_OFFICE", standard.id(), "15.00")), "$.orderId");
        long ticketId = number(getJson("/api/booking/orders/{id}", orderId), "$.tickets[0].id");

        postNothing("/api/booking/tickets/{id}/return", ticketId).andExpect(status().isNoContent());
        getJson("/api/booking/orders/{id}", orderId)
                .andExpect(jsonPath("$.tickets[0].status").value("RETURNED"))
                .andExpect(jsonPath("$.tickets[0].returnedAt").isNotEmpty());
        getJson("/api/booking/customers/{id}/orders", parent.id())
                .andExpect(jsonPath("$[0].tickets").value(0))
                .andExpect(jsonPath("$[0].total").value(0));
        postNothing("/api/booking/tickets/{id}/return", ticketId)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Ticket " + ticketId + " has already been returned."));
        postNothing("/api/booking/tickets/{id}/return", 999_999)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no ticket with id 999999."));
    }

    @Test
    void anOrderIsRefusedInWordsForWhatItLacks() throws Exception {
        postJson("/api/booking/orders", json("{'ownerId': %d, 'channel': 'ONLINE'}".formatted(parent.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("An order needs at least one ticket, membership or donation."));
        postJson("/api/booking/orders", json("""
                {'ownerId': %d, 'channel': 'ONLINE', 'tickets': [{'performanceId': 999999, 'priceBandId': %d,
                 'price': 1}]}""".formatted(parent.id(), standard.id())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no performance with id 999999."));
        EventInstance tiny = fixtures.performance("Studio", 1);
        postJson("/api/booking/orders", json("""
                {'ownerId': %d, 'channel': 'BOX_OFFICE', 'tickets': [
                 {'performanceId': %d, 'priceBandId': %d, 'price': 5}, {'performanceId': %d, 'priceBandId': %d,
                 'price': 5}]}""".formatted(parent.id(), tiny.id(), standard.id(), tiny.id(), standard.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Performance " + tiny.id() + " has 1 seats left, 2 asked for."));
    }
}
