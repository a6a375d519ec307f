package org.stagedoor.booking.facilitation;

import java.time.LocalDate;

import org.stagedoor.booking.relationship.Side;

/**
 * F-5, "Someone else": a new person the logged-in facilitator books for, from their names and the
 * relationship to the facilitator (the facilitator is on {@code facilitatorSide} of the type).
 * {@code dateOfBirth} is needed only where the venue requires it.
 */
public record SomeoneElse(String title, String firstName, String lastName, long relationshipTypeId,
        Side facilitatorSide, LocalDate dateOfBirth) {
}
