package org.stagedoor.booking.venue;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One installation is one venue, in one time zone: dates such as "valid today" or "the previous
 * week" are judged there.
 */
@ConfigurationProperties("stagedoor.venue")
public record VenueProperties(@DefaultValue("Europe/London") ZoneId timeZone) {
}
