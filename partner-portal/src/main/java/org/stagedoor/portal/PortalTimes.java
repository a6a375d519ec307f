package org.stagedoor.portal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

import org.stagedoor.booking.venue.VenueProperties;

/** Moments as the portal's pages show them: on the venue's wall clock ("9 Nov 2026 14:05"). */
@Component
public class PortalTimes {

    // Locale.ENGLISH, as the run's period labels: the JDK's British data abbreviates September as "Sept".
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final VenueProperties venue;

    PortalTimes(VenueProperties venue) {
        this.venue = venue;
    }

    public String at(Instant instant) {
        return instant == null ? "" : AT.format(instant.atZone(venue.timeZone()));
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(venue.timeZone()));
    }
}
