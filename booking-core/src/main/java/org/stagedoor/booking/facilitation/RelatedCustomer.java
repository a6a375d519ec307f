package org.stagedoor.booking.facilitation;

/**
 * A customer reached through a relationship: who they are, how they are related ("Child of …" is
 * {@code theirLabel} "Child"), and the relationship's importance (1 = highest).
 */
public record RelatedCustomer(long customerId, String name, String email, String theirLabel, long relationshipId,
        int importance) {
}
