package org.stagedoor.batch.output;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * ISO dates ("2026-11-09") as text, cached by day. A report's dates cluster within a few years, and
 * formatting a date costs more than writing the rest of its CSV row. Not thread-safe.
 */
final class IsoDates {

    /** Direct-mapped by epoch day: nearly three years of consecutive days fit without collision. */
    private static final int SLOTS = 1024;

    private final long[] days = new long[SLOTS];

    private final String[] texts = new String[SLOTS];

    IsoDates() {
        Arrays.fill(days, Long.MIN_VALUE);
    }

    String text(long epochDay) {
        int slot = (int) (epochDay & (SLOTS - 1));
        if (days[slot] != epochDay) {
            texts[slot] = LocalDate.ofEpochDay(epochDay).toString();
            days[slot] = epochDay;
        }
        return texts[slot];
    }
}
