package org.stagedoor.booking.relationship;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relationship types changed and deleted (covers F-1): later facilitation follows the type's new flags. */
@SpringBootTest
class RelationshipTypeIntegrationTests extends StoreIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    Relationships relationships;

    @Test
    void aChangedTypeDecidesWhoMayActFromNowOn() {
        Customer kim = fixtures.person("Kim", "Parent");
        Customer sam = fixtures.person("Sam", "Parent");
        RelationshipType type = relationships.defineType("Parent", "Child", true, false);
        relationships.link(type.id(), kim.id(), sam.id(), 1);
        assertThat(relationships.actingLink(sam.id(), kim.id())).isEmpty();

        RelationshipType changed = relationships.changeType(type.id(), " Carer ", "Cared for", true, true);

        assertThat(changed).isEqualTo(new RelationshipType(type.id(), "Carer", "Cared for", true, true));
        assertThat(relationships.actingLink(sam.id(), kim.id())).isPresent();
        assertThat(relationships.types()).containsExactly(changed);
    }

    @Test
    void aChangeToTakenOrBlankLabelsIsRefused() {
        relationships.defineType("Parent", "Child", true, false);
        RelationshipType carer = relationships.defineType("Carer", "Cared for", true, false);

        assertThatThrownBy(() -> relationships.changeType(carer.id(), "parent", "CHILD", true, false))
                .isInstanceOf(BookingRuleViolation.class).hasMessage("F-1: a relationship type with these labels"
                        + " already exists");
        assertThatThrownBy(() -> relationships.changeType(carer.id(), "Carer", " ", true, false))
                .isInstanceOf(BookingRuleViolation.class).hasMessage("F-1: a relationship type needs a label for"
                        + " each side");
        assertThatThrownBy(() -> relationships.changeType(999_999, "A", "B", false, false))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTypeIsDeletedOnlyWhileUnused() {
        Customer kim = fixtures.person("Kim", "Parent");
        Customer sam = fixtures.person("Sam", "Parent");
        Customer lee = fixtures.person("Lee", "Parent");
        RelationshipType used = relationships.defineType("Parent", "Child", true, false);
        RelationshipType unused = relationships.defineType("Friend", "Friend", false, false);
        relationships.link(used.id(), kim.id(), sam.id(), 1);
        relationships.link(used.id(), kim.id(), lee.id(), 2);

        relationships.deleteType(unused.id());

        assertThatThrownBy(() -> relationships.deleteType(used.id())).isInstanceOf(BookingRuleViolation.class)
                .hasMessage("F-1: the Parent / Child relationship type links 2 pairs of customers; it can be deleted"
                        + " only when no relationship uses it");
        assertThat(relationships.types()).containsExactly(used);
        assertThat(relationships.of(kim.id())).extracting(Relationship::customerBId)
                .containsExactly(sam.id(), lee.id());
    }
}
