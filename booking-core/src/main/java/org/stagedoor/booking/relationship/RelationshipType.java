package org.stagedoor.booking.relationship;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Names both sides of a link ("Parent" / "Child") and says, per side, whether that side can act on
 * behalf of the other (F-1). A type with neither flag is a plain relationship.
 */
@Table("relationship_type")
public record RelationshipType(@Id Long id, String aLabel, String bLabel, boolean aActsForB, boolean bActsForA) {

    public RelationshipType withId(Long id) {
        return new RelationshipType(id, aLabel, bLabel, aActsForB, bActsForA);
    }

    public boolean enablesFacilitation() {
        return aActsForB || bActsForA;
    }
}
