package org.stagedoor.booking.relationship;

import org.springframework.data.repository.ListCrudRepository;

public interface RelationshipTypeRepository extends ListCrudRepository<RelationshipType, Long> {
}
