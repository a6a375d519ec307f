package org.stagedoor.batch.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A run of whole days, both ends included, as the venue's staff name them ("the previous week").
 * Instants are taken at the venue's midnights, so a day across a clock change lasts 23 or 25 hours.
 */
public record Period(LocalDate from, LocalDate to) {

    private static final String EN_DASH = "\u2013";

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The first instant of {@code from} in this zone. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant of the day after {@code to}: compare with {@code <}, so the last day counts whole. */
    public Instant endExclusive(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** How many days, both ends included. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * Text for titles and file names: {@code 9 Nov 2026}, {@code 9–15 Nov 2026},
     * {@code 28 Oct – 3 Nov 2026}, {@code 30 Dec 2026 – 5 Jan 2027}.
     */
    public String label() {
        if (from.equals(to)) {
            return dayMonthYear(to);
        }
        if (from.getYear() != to.getYear()) {
            return dayMonthYear(from) + " " + EN_DASH + " " + dayMonthYear(to);
        }
        if (from.getMonth() != to.getMonth()) {
            return from.getDayOfMonth() + " " + month(from) + " " + EN_DASH + " " + dayMonthYear(to);
        }
        return from.getDayOfMonth() + EN_DASH + dayMonthYear(to);
    }

    /**
     * The days as a sentence names them, weekdays and months in full: {@code Monday 9 November 2026},
     * {@code Monday 9 November to Sunday 15 November 2026},
     * {@code Wednesday 30 December 2026 to Tuesday 5 January 2027}.
     */
    public String inWords() {
        if (from.equals(to)) {
            return fullDay(to) + " " + to.getYear();
        }
        if (from.getYear() != to.getYear()) {
            return fullDay(from) + " " + from.getYear() + " to " + fullDay(to) + " " + to.getYear();
        }
        return fullDay(from) + " to " + fullDay(to) + " " + to.getYear();
    }

    private static String fullDay(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + day.getDayOfMonth() + " "
                + day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String dayMonthYear(LocalDate day) {
        return day.getDayOfMonth() + " " + month(day) + " " + day.getYear();
    }

    // Locale.ENGLISH, not the UK locale: the JDK's British data abbreviates September as "Sept".
    private static String month(LocalDate day) {
        return day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
