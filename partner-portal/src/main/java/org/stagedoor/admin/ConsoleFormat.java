package org.stagedoor.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times (in the venue's time zone unless they carry their own), durations and sizes. */
public final class ConsoleFormat {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.UK);

    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.UK);

    private final ZoneId zone;

    ConsoleFormat(ZoneId zone) {
        this.zone = zone;
    }

    /** The venue's time zone, which {@link #at(Instant)} writes in. */
    public String zone() {
        return zone.getId();
    }

    public String at(Instant instant) {
        return instant == null ? "" : INSTANT.format(instant.atZone(zone));
    }

    /** A time in its own zone (a schedule's next fire), with the zone's abbreviation. */
    public String zoned(ZonedDateTime time) {
        return time == null ? "" : ZONED.format(time);
    }

    /** How long something took; "" before it started, "running" until it ends. */
    public String duration(Instant from, Instant to) {
        if (from == null) {
            return "";
        }
        if (to == null) {
            return "running";
        }
        Duration duration = Duration.between(from, to);
        if (duration.toSeconds() < 1) {
            return duration.toMillis() + " ms";
        }
        if (duration.toMinutes() < 1) {
            return duration.toSeconds() + " s";
        }
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    public String bytes(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.UK, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.UK, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
