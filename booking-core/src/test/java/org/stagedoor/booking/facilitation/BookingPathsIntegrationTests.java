package org.stagedoor.booking.facilitation;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.customer.CreatedChannel;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.relationship.Side;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The box-office and online paths to a facilitated order: covers F-4, F-5, F-6. */
@SpringBootTest
class BookingPathsIntegrationTests extends StoreIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    Relationships relationships;

    @Autowired
    BoxOfficeBooking boxOffice;

    @Autowired
    OnlineBooking online;

    @Autowired
    PotentialDuplicates duplicates;

    @Autowired
    Venue venue;

    Customer mum;

    Customer dad;

    Customer child;

    RelationshipType parentChild;

    @BeforeEach
    void family() {
        mum = fixtures.person("Maria", "Lopez");
        dad = fixtures.person("Dan", "Lopez");
        child = fixtures.personWithoutEmail("Lucia", "Lopez");
        parentChild = fixtures.parentChild();
        relationships.link(parentChild.id(), dad.id(), child.id(), 2);
        relationships.link(parentChild.id(), mum.id(), child.id(), 1);
    }

    @Test
    void boxOfficeOffersOnlyCustomersWhoMayActForTheOwnerMostImportantFirst() {
        // covers F-4: candidates are those already related to the owner in a facilitating way
        Customer friend = fixtures.person("Fran", "Friend");
        RelationshipType friends = relationships.defineType("Friend", "Friend", false, false);
        relationships.link(friends.id(), friend.id(), child.id(), 1);

        assertThat(boxOffice.facilitatorCandidates(child.id()))
                .extracting(RelatedCustomer::customerId, RelatedCustomer::theirLabel, RelatedCustomer::importance)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(mum.id(), "Parent", 1),
                        org.assertj.core.groups.Tuple.tuple(dad.id(), "Parent", 2));
        // The child cannot act for a parent: nobody is offered for the parent.
        assertThat(boxOffice.facilitatorCandidates(mum.id())).isEmpty();
    }

    @Test
    void boxOfficeLinksANewFacilitatorToTheOwnerAndTheOrderThenGoesThrough() {
        // covers F-4: "New facilitator" creates the relationship first
        Customer grandma = fixtures.person("Gloria", "Lopez");
        RelationshipType carer = relationships.defineType("Carer", "Cared for", true, false);

        Relationship link = boxOffice.linkNewFacilitator(child.id(), grandma.id(), carer.id(), Side.A, 3);

        assertThat(link.customerAId()).isEqualTo(grandma.id());
        assertThat(boxOffice.facilitatorCandidates(child.id())).extracting(RelatedCustomer::customerId)
                .contains(grandma.id());
        assertThat(fixtures.buy(child, grandma, OrderChannel.BOX_OFFICE, fixtures.performance("Matilda", 50),
                fixtures.standardBand(), "15.00", Map.of()).facilitatorId()).isEqualTo(grandma.id());
    }

    @Test
    void boxOfficeRefusesToLinkANewFacilitatorOnASideThatCannotAct() {
        // covers F-2 at the box office
        Customer grandma = fixtures.person("Gloria", "Lopez");
        assertThatThrownBy(() -> boxOffice.linkNewFacilitator(child.id(), grandma.id(), parentChild.id(), Side.B, 1))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-2:")
                .hasMessageContaining("Child side");
    }

    @Test
    void onlineTheFacilitatorChoosesThemselvesOrAnyoneTheyMayActFor() {
        // covers F-5: every customer they may act for, or themselves
        Customer school = fixtures.organisation("Hilltop School");
        RelationshipType bookers = relationships.defineType("Booker", "Organisation", true, false);
        relationships.link(bookers.id(), mum.id(), school.id(), 1);

        assertThat(online.choosableOwners(mum.id()))
                .extracting(RelatedCustomer::customerId, RelatedCustomer::theirLabel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(mum.id(), "Myself"),
                        org.assertj.core.groups.Tuple.tuple(school.id(), "Organisation"),
                        org.assertj.core.groups.Tuple.tuple(child.id(), "Child"));
        assertThat(online.choosableOwners(child.id())).extracting(RelatedCustomer::customerId)
                .containsExactly(child.id());
    }

    @Test
    void someoneElseIsANewIndividualWithoutEmailOrOnlineAccessLinkedWithImportanceOne() {
        // covers F-5
        Customer someone = online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, "Tomas", "Lopez", parentChild.id(), Side.A, null));

        assertThat(someone.email()).isNull();
        assertThat(someone.onlineAccess()).isFalse();
        assertThat(someone.createdChannel()).isEqualTo(CreatedChannel.ONLINE_SOMEONE_ELSE);
        assertThat(someone.dateOfBirth()).isNull();
        assertThat(relationships.actingLink(mum.id(), someone.id())).get()
                .extracting(Relationship::importance).isEqualTo(1);
        assertThat(online.choosableOwners(mum.id())).extracting(RelatedCustomer::customerId).contains(someone.id());
    }

    @Test
    void someoneElseNeedsADateOfBirthOnlyWhereTheVenueRequiresIt() {
        // covers F-5: date of birth is required only where the venue requires it for new accounts
        venue.update("The Playhouse", "Stay in touch", true);
        assertThatThrownBy(() -> online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, "Tomas", "Lopez", parentChild.id(), Side.A, null)))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageContaining("date of birth");

        Customer someone = online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, "Tomas", "Lopez", parentChild.id(), Side.A, LocalDate.of(2016, 5, 4)));
        assertThat(someone.dateOfBirth()).isEqualTo(LocalDate.of(2016, 5, 4));
    }

    @Test
    void someoneElseRefusesARelationshipThatWouldNotLetTheFacilitatorBookForThem() {
        // covers F-2 on the online path: "I am their Child" does not let me book for them
        assertThatThrownBy(() -> online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, "Abuela", "Lopez", parentChild.id(), Side.B, null)))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-2:");
        assertThatThrownBy(() -> online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, " ", "Lopez", parentChild.id(), Side.A, null)))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("F-5:");
    }

    @Test
    void someoneElseRecordsWithTheSameNamesAsACustomerOfTheSameFacilitatorAreListedAsPotentialDuplicates() {
        // covers F-6: same names, linked to the same facilitator
        Customer again = online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, "lucia ", "LOPEZ", parentChild.id(), Side.A, null));
        Customer twiceAgain = online.createSomeoneElse(mum.id(),
                new SomeoneElse(null, "Lucia", "Lopez", parentChild.id(), Side.A, null));
        // Same names, but linked to somebody else only: not a duplicate of Maria's child.
        Customer stranger = fixtures.person("Sol", "Other");
        online.createSomeoneElse(stranger.id(),
                new SomeoneElse(null, "Lucia", "Lopez", parentChild.id(), Side.A, null));

        assertThat(duplicates.find(mum.id()))
                .extracting(PotentialDuplicate::someoneElseId, PotentialDuplicate::otherCustomerId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(again.id(), child.id()),
                        org.assertj.core.groups.Tuple.tuple(twiceAgain.id(), child.id()),
                        org.assertj.core.groups.Tuple.tuple(again.id(), twiceAgain.id()));
        assertThat(duplicates.find(stranger.id())).isEmpty();
        assertThat(duplicates.find(null)).hasSize(3);
    }
}
