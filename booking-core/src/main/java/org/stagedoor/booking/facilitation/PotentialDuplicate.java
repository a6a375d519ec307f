package org.stagedoor.booking.facilitation;

/**
 * F-6: a "someone else" record and another customer with the same first and last name, both
 * linked to the same facilitator, that staff should review and perhaps merge.
 */
public record PotentialDuplicate(long someoneElseId, long otherCustomerId, String name, long sharedFacilitatorId,
        String sharedFacilitatorName) {
}
