package org.stagedoor.booking.relationship;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface RelationshipRepository extends ListCrudRepository<Relationship, Long> {

    @Query("""
            select * from relationship
             where (customer_a_id = :first and customer_b_id = :second)
                or (customer_a_id = :second and customer_b_id = :first)
             order by importance, id
            """)
    List<Relationship> findBetween(long first, long second);

    @Query("""
            select * from relationship where customer_a_id = :customer or customer_b_id = :customer
             order by importance, id
            """)
    List<Relationship> findOf(long customer);

    @Query("select count(*) from relationship where type_id = :typeId")
    long countByTypeId(long typeId);

    /** Orders made through the relationship: each names it as what allowed it (F-2). */
    @Query("select count(*) from customer_order where relationship_id = :relationshipId")
    long countOrdersThrough(long relationshipId);
}
