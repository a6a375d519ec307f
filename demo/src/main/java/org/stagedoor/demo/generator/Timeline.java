package org.stagedoor.demo.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The generated venue's calendar, in the venue's time zone and relative to the settings' "now":
 * performances from a year before it to three months after it, sales opening up to six months
 * before the first of them, and customer records going back eight years.
 */
final class Timeline {

    static final int PAST_DAYS = 365;

    static final int FUTURE_DAYS = 92;

    static final int MAX_ON_SALE_DAYS = 180;

    private static final int CUSTOMER_HISTORY_YEARS = 8;

    final ZoneId zone;

    private final ZoneRules rules;

    /** Seconds since the epoch, as every instant here. */
    final long now;

    final LocalDate today;

    final LocalDate firstPerformanceDay;

    /** Performances fall on the days [firstPerformanceDay, firstPerformanceDay + performanceDays). */
    final int performanceDays;

    /** No order is older than this. */
    final long salesOpen;

    /** When the oldest customer record was created. */
    final long customersSince;

    Timeline(Instant now, ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.now = now.getEpochSecond();
        this.today = LocalDate.ofInstant(now, zone);
        this.firstPerformanceDay = today.minusDays(PAST_DAYS);
        this.performanceDays = PAST_DAYS + FUTURE_DAYS;
        this.salesOpen = at(firstPerformanceDay.minusDays(MAX_ON_SALE_DAYS), 9, 0);
        this.customersSince = at(today.minusYears(CUSTOMER_HISTORY_YEARS), 9, 0);
    }

    long at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(zone).toEpochSecond();
    }

    /** The venue's calendar day of an instant, as an epoch day (memberships are valid by day, F-7). */
    long epochDay(long epochSecond) {
        return Math.floorDiv(local(epochSecond), 86_400L);
    }

    /** Whether the box office is open, from ten in the morning to eight in the evening. */
    boolean boxOfficeOpen(long epochSecond) {
        long hour = Math.floorMod(local(epochSecond), 86_400L) / 3_600;
        return hour >= 10 && hour < 20;
    }

    private long local(long epochSecond) {
        return epochSecond + rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}
