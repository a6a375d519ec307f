package org.stagedoor.booking.venue;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;

/** Reads and changes the one row of venue settings. */
@Service
public class Venue {

    private static final short THE_VENUE = 1;

    private final VenueSettingsRepository settings;

    Venue(VenueSettingsRepository settings) {
        this.settings = settings;
    }

    public VenueSettings settings() {
        return settings.findById(THE_VENUE)
                .orElseThrow(() -> new IllegalStateException("The venue row is missing: was the V1 migration run?"));
    }

    @Transactional
    public VenueSettings update(String name, String partnerPreferenceGroupText, boolean dateOfBirthRequired) {
        if (name == null || name.isBlank()) {
            throw new BookingRuleViolation("P-1", "the venue needs a name");
        }
        return settings.save(new VenueSettings(THE_VENUE, name.trim(),
                partnerPreferenceGroupText == null ? "" : partnerPreferenceGroupText, dateOfBirthRequired));
    }
}
