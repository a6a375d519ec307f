package org.stagedoor.scheduler.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;

/**
 * When a schedule fires, as an administrator gives it: a cron expression, or a preset (daily at,
 * weekly on a day at, monthly on a day at) that is turned into one.
 *
 * @param cron a cron expression (six fields, or five), or null for a preset
 * @param frequency the preset, or null for a cron expression
 * @param at the time of day of a preset
 * @param dayOfWeek the day of a weekly preset
 * @param dayOfMonth the day of a monthly preset: 1 to 28, or -1 for the last day of the month
 */
public record When(String cron, Frequency frequency, LocalTime at, DayOfWeek dayOfWeek, Integer dayOfMonth) {

    public enum Frequency {
        DAILY, WEEKLY, MONTHLY
    }

    public static When cron(String cron) {
        return new When(cron, null, null, null, null);
    }

    public static When dailyAt(LocalTime at) {
        return new When(null, Frequency.DAILY, at, null, null);
    }

    public static When weeklyOn(DayOfWeek day, LocalTime at) {
        return new When(null, Frequency.WEEKLY, at, day, null);
    }

    public static When monthlyOn(int dayOfMonth, LocalTime at) {
        return new When(null, Frequency.MONTHLY, at, null, dayOfMonth);
    }

    /**
     * The cron expression this stands for; a preset missing what it needs fails with an
     * {@link IllegalArgumentException} naming it.
     */
    public String expression() {
        if (frequency == null) {
            return cron;
        }
        if (at == null) {
            throw new IllegalArgumentException("a " + frequency.name().toLowerCase(Locale.ROOT)
                    + " schedule needs a time of day");
        }
        String time = at.getSecond() + " " + at.getMinute() + " " + at.getHour();
        return switch (frequency) {
            case DAILY -> time + " * * *";
            case WEEKLY -> {
                if (dayOfWeek == null) {
                    throw new IllegalArgumentException("a weekly schedule needs a day of the week");
                }
                yield time + " * * " + dayOfWeek.name().substring(0, 3);
            }
            case MONTHLY -> {
                // Days 29-31 are missing from some months; "last day" says what such a request usually means.
                if (dayOfMonth == null || !(dayOfMonth == -1 || dayOfMonth >= 1 && dayOfMonth <= 28)) {
                    throw new IllegalArgumentException("a monthly schedule needs a day of the month from 1 to 28,"
                            + " or -1 for the last day");
                }
                yield time + " " + (dayOfMonth == -1 ? "L" : dayOfMonth) + " * *";
            }
        };
    }
}
