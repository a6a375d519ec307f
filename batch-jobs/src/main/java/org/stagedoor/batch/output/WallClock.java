package org.stagedoor.batch.output;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Turns instants into wall-clock time in the venue's zone, and days into Excel serial numbers, without
 * allocating per value: a million timestamps go through here per report.
 */
final class WallClock {

    static final int SECONDS_PER_DAY = 86_400;

    /** In Excel's 1900 date system 1970-01-01 is day 25569. */
    private static final long EXCEL_SERIAL_OF_EPOCH_DAY_ZERO = 25_569;

    /** Excel counts a 29 February 1900 that never was, so its serials are right only from March 1900. */
    private static final long FIRST_EXCEL_EXACT_EPOCH_DAY = LocalDate.of(1900, 3, 1).toEpochDay();

    private final ZoneRules rules;

    WallClock(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Seconds since 1970-01-01T00:00 as read on a wall clock in the zone. */
    long localEpochSecond(Instant instant) {
        return instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
    }

    static long epochDay(long localEpochSecond) {
        return Math.floorDiv(localEpochSecond, SECONDS_PER_DAY);
    }

    static int secondOfDay(long localEpochSecond) {
        return Math.floorMod(localEpochSecond, SECONDS_PER_DAY);
    }

    static boolean excelCanShow(long epochDay) {
        return epochDay >= FIRST_EXCEL_EXACT_EPOCH_DAY;
    }

    /** Whole days, so that dates are written as integers ("46335") rather than doubles. */
    static long excelSerial(long epochDay) {
        return epochDay + EXCEL_SERIAL_OF_EPOCH_DAY_ZERO;
    }

    /** The Excel serial of the instant's wall-clock time, to the millisecond. */
    double excelSerial(Instant instant) {
        long local = localEpochSecond(instant);
        double fractionOfDay = (secondOfDay(local) + instant.getNano() / 1_000_000 / 1_000.0) / SECONDS_PER_DAY;
        return excelSerial(epochDay(local)) + fractionOfDay;
    }
}
