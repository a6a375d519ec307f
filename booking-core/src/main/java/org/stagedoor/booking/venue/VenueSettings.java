package org.stagedoor.booking.venue;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The venue's own settings, editable by administrators: the preference-group text shown online
 * (P-1) and whether new "someone else" customers need a date of birth (F-5).
 */
@Table("venue")
public record VenueSettings(@Id Short id, String name, String partnerPreferenceGroupText,
        boolean dateOfBirthRequired) {
}
