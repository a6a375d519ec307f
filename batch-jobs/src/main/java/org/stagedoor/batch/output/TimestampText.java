package org.stagedoor.batch.output;

import java.time.Instant;

/**
 * Formats instants as "2026-11-09 19:30:00" in the venue's zone, a form spreadsheets parse as a date-time.
 * Day texts are cached and the builder reused, as a million timestamps may pass. Not thread-safe.
 */
final class TimestampText {

    private final WallClock clock;

    private final IsoDates dates;

    private final StringBuilder text = new StringBuilder(19);

    TimestampText(WallClock clock, IsoDates dates) {
        this.clock = clock;
        this.dates = dates;
    }

    String format(Instant instant) {
        long local = clock.localEpochSecond(instant);
        int second = WallClock.secondOfDay(local);
        text.setLength(0);
        text.append(dates.text(WallClock.epochDay(local))).append(' ');
        twoDigits(second / 3600).append(':');
        twoDigits(second / 60 % 60).append(':');
        return twoDigits(second % 60).toString();
    }

    private StringBuilder twoDigits(int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
