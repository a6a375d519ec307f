package org.stagedoor.booking.relationship;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Two different customers linked by a type; importance 1 is the highest. */
@Table("relationship")
public record Relationship(@Id Long id, long typeId, long customerAId, long customerBId, int importance,
        Instant createdAt) {

    public Relationship withId(Long id) {
        return new Relationship(id, typeId, customerAId, customerBId, importance, createdAt);
    }

    /** Whether, under its type, {@code actor} may act on behalf of {@code subject} through this link (F-2). */
    public boolean letsActFor(RelationshipType type, long actor, long subject) {
        return (customerAId == actor && customerBId == subject && type.aActsForB())
                || (customerBId == actor && customerAId == subject && type.bActsForA());
    }
}
