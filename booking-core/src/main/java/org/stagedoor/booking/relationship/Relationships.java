package org.stagedoor.booking.relationship;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRepository;

/** Relationship types and the links between customers that allow (or not) facilitated orders. */
@Service
public class Relationships {

    private final RelationshipTypeRepository types;

    private final RelationshipRepository relationships;

    private final CustomerRepository customers;

    Relationships(RelationshipTypeRepository types, RelationshipRepository relationships,
            CustomerRepository customers) {
        this.types = types;
        this.relationships = relationships;
        this.customers = customers;
    }

    /** F-1: a type enables facilitation one way, the other way, both ways or not at all. */
    @Transactional
    public RelationshipType defineType(String aLabel, String bLabel, boolean aActsForB, boolean bActsForA) {
        return saveType(null, aLabel, bLabel, aActsForB, bActsForA);
    }

    /**
     * F-1: changes a type's labels and which sides may act for the other. Orders already made through it keep the
     * relationship they were made through; only orders from now on are judged by the new flags.
     */
    @Transactional
    public RelationshipType changeType(long typeId, String aLabel, String bLabel, boolean aActsForB,
            boolean bActsForA) {
        type(typeId);
        return saveType(typeId, aLabel, bLabel, aActsForB, bActsForA);
    }

    private RelationshipType saveType(Long typeId, String aLabel, String bLabel, boolean aActsForB,
            boolean bActsForA) {
        if (aLabel == null || aLabel.isBlank() || bLabel == null || bLabel.isBlank()) {
            throw new BookingRuleViolation("F-1", "a relationship type needs a label for each side");
        }
        try {
            return types.save(new RelationshipType(typeId, aLabel.trim(), bLabel.trim(), aActsForB, bActsForA));
        }
        catch (DuplicateKeyException ex) {
            throw new BookingRuleViolation("F-1", "a relationship type with these labels already exists");
        }
    }

    /** Deletes a type no relationship uses; one in use stays, since its relationships and their orders name it. */
    @Transactional
    public void deleteType(long typeId) {
        RelationshipType type = type(typeId);
        long used = relationships.countByTypeId(typeId);
        if (used > 0) {
            throw new BookingRuleViolation("F-1", "the " + type.aLabel() + " / " + type.bLabel()
                    + " relationship type links " + used + (used == 1 ? " pair" : " pairs")
                    + " of customers; it can be deleted only when no relationship uses it");
        }
        types.deleteById(typeId);
    }

    /** Every relationship type, by its labels. */
    public List<RelationshipType> types() {
        return types.findAll().stream()
                .sorted(Comparator.comparing((RelationshipType type) -> type.aLabel().toLowerCase(Locale.ROOT))
                        .thenComparing(type -> type.bLabel().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Every relationship of a customer, on either side, the most important first. */
    public List<Relationship> of(long customerId) {
        if (!customers.existsById(customerId)) {
            throw new NotFoundException("customer", customerId);
        }
        return relationships.findOf(customerId);
    }

    public RelationshipType type(long typeId) {
        return types.findById(typeId).orElseThrow(() -> new NotFoundException("relationship type", typeId));
    }

    /** Links {@code customerA} (side A of the type) and {@code customerB} (side B). */
    @Transactional
    public Relationship link(long typeId, long customerA, long customerB, int importance) {
        type(typeId);
        if (customerA == customerB) {
            throw new BookingRuleViolation("F-3", "a relationship links two different customers");
        }
        if (importance < 1) {
            throw new BookingRuleViolation("F-5", "importance is a whole number from 1 (highest)");
        }
        for (long id : new long[] { customerA, customerB }) {
            if (!customers.existsById(id)) {
                throw new NotFoundException("customer", id);
            }
        }
        try {
            return relationships.save(new Relationship(null, typeId, customerA, customerB, importance, Instant.now()));
        }
        catch (DuplicateKeyException ex) {
            throw new BookingRuleViolation("F-1", "customers " + customerA + " and " + customerB
                    + " are already linked by this relationship type");
        }
    }

    /**
     * Deletes a relationship (F-1): its two customers are no longer linked by it, so it lets neither act for the other
     * from now on (F-2). One that orders were made through stays, since each of those orders names it as the
     * relationship that allowed it; the import's {@code closed} follows the same rule.
     */
    @Transactional
    public void unlink(long relationshipId) {
        Relationship relationship = relationships.findById(relationshipId)
                .orElseThrow(() -> new NotFoundException("relationship", relationshipId));
        long orders = relationships.countOrdersThrough(relationshipId);
        if (orders > 0) {
            RelationshipType type = type(relationship.typeId());
            throw new BookingRuleViolation("F-1", name(relationship.customerAId()) + " and "
                    + name(relationship.customerBId()) + " are linked as " + type.aLabel() + " / " + type.bLabel()
                    + "; " + orders + (orders == 1 ? " order was" : " orders were") + " made through this relationship,"
                    + " so it stays as their record and cannot be deleted");
        }
        relationships.deleteById(relationshipId);
    }

    private String name(long customerId) {
        return customers.findById(customerId).map(Customer::displayName)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
    }

    /**
     * The most important relationship that lets {@code facilitator} act on behalf of {@code owner}
     * (F-2), if any. A relationship in the other direction only, or of a plain type, does not count.
     */
    public Optional<Relationship> actingLink(long facilitator, long owner) {
        return relationships.findBetween(facilitator, owner).stream()
                .filter(relationship -> relationship.letsActFor(type(relationship.typeId()), facilitator, owner))
                .findFirst();
    }
}
