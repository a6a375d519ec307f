package org.stagedoor.booking.facilitation;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.relationship.Side;

/**
 * F-4, the box-office path: the owner is in the basket first; the facilitator is chosen from the
 * customers already related to the owner in a facilitating way, or a found or new customer is linked
 * to the owner first.
 */
@Service
public class BoxOfficeBooking {

    private final RelatedCustomers related;

    private final Relationships relationships;

    private final CustomerRecords customers;

    BoxOfficeBooking(RelatedCustomers related, Relationships relationships, CustomerRecords customers) {
        this.related = related;
        this.relationships = relationships;
        this.customers = customers;
    }

    /** Individuals whose side of a relationship with the owner lets them act for the owner, most important first. */
    public List<RelatedCustomer> facilitatorCandidates(long ownerId) {
        customers.get(ownerId);
        return related.whoMayActFor(ownerId);
    }

    /**
     * "New facilitator": links a found (or just created) customer to the owner, with the new
     * facilitator on {@code facilitatorSide} of the type, which must let that side act for the owner.
     */
    @Transactional
    public Relationship linkNewFacilitator(long ownerId, long facilitatorId, long typeId, Side facilitatorSide,
            int importance) {
        RelationshipType type = relationships.type(typeId);
        Customer facilitator = customers.get(facilitatorId);
        if (!facilitator.isIndividual()) {
            throw new BookingRuleViolation("F-3", "only an individual can facilitate an order");
        }
        boolean canAct = facilitatorSide == Side.A ? type.aActsForB() : type.bActsForA();
        if (!canAct) {
            throw new BookingRuleViolation("F-2", "the " + (facilitatorSide == Side.A ? type.aLabel() : type.bLabel())
                    + " side of a " + type.aLabel() + " / " + type.bLabel()
                    + " relationship cannot act on behalf of the other");
        }
        return facilitatorSide == Side.A ? relationships.link(typeId, facilitatorId, ownerId, importance)
                : relationships.link(typeId, ownerId, facilitatorId, importance);
    }
}
