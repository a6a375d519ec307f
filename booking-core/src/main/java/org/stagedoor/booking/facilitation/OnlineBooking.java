package org.stagedoor.booking.facilitation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.customer.CreatedChannel;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerKind;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.relationship.Side;
import org.stagedoor.booking.venue.Venue;

/**
 * F-5, the online path: the facilitator has logged in and chooses the owner from everyone they may
 * act for, or themselves, or creates "someone else".
 */
@Service
public class OnlineBooking {

    private final CustomerRecords customers;

    private final Relationships relationships;

    private final Venue venue;

    private final RelatedCustomers related;

    OnlineBooking(CustomerRecords customers, Relationships relationships, Venue venue, RelatedCustomers related) {
        this.customers = customers;
        this.relationships = relationships;
        this.venue = venue;
        this.related = related;
    }

    /** The logged-in customer first ("Myself"), then every customer they may act for. */
    public List<RelatedCustomer> choosableOwners(long facilitatorId) {
        Customer self = customers.get(facilitatorId);
        List<RelatedCustomer> owners = new ArrayList<>();
        owners.add(new RelatedCustomer(self.id(), self.displayName(), self.email(), "Myself", 0, 0));
        if (self.isIndividual()) {
            owners.addAll(related.actedForBy(facilitatorId));
        }
        return owners;
    }

    /**
     * Creates the new individual with online access off, no email and no password, linked to the
     * facilitator with importance 1 by a type that lets the facilitator act for them.
     */
    @Transactional
    public Customer createSomeoneElse(long facilitatorId, SomeoneElse request) {
        Customer facilitator = customers.get(facilitatorId);
        if (!facilitator.isIndividual()) {
            throw new BookingRuleViolation("F-3", "only an individual can book for someone else");
        }
        if (isBlank(request.firstName()) || isBlank(request.lastName())) {
            throw new BookingRuleViolation("F-5", "someone else needs a first name and a last name");
        }
        RelationshipType type = relationships.type(request.relationshipTypeId());
        boolean canAct = request.facilitatorSide() == Side.A ? type.aActsForB() : type.bActsForA();
        if (!canAct) {
            throw new BookingRuleViolation("F-2", "a " + type.aLabel() + " / " + type.bLabel()
                    + " relationship does not let you book on their behalf");
        }
        if (request.dateOfBirth() == null && venue.settings().dateOfBirthRequired()) {
            throw new BookingRuleViolation("F-5", "the venue requires a date of birth for new accounts");
        }
        Customer someone = customers.create(new Customer(null, CustomerKind.INDIVIDUAL, blankToNull(request.title()),
                request.firstName().trim(), request.lastName().trim(), null, null, null, null, request.dateOfBirth(),
                null, false, CreatedChannel.ONLINE_SOMEONE_ELSE, Instant.now(), null));
        if (request.facilitatorSide() == Side.A) {
            relationships.link(type.id(), facilitatorId, someone.id(), 1);
        }
        else {
            relationships.link(type.id(), someone.id(), facilitatorId, 1);
        }
        return someone;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.trim();
    }
}
