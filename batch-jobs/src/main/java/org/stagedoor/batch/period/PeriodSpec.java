package org.stagedoor.batch.period;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stagedoor.batch.InvalidRequestException;

/**
 * A period named relative to the day of the run, so that a scheduled report covers "the previous week"
 * every time it runs, or fixed dates. The accepted texts, with today Wednesday 11 Nov 2026:
 * <ul>
 * <li>{@code previous-week}: Monday to Sunday of the week before this one (2–8 Nov 2026);</li>
 * <li>{@code last-N-days}: the N complete days ending yesterday ({@code last-7-days}: 4–10 Nov 2026);</li>
 * <li>{@code month-to-date}: the 1st of this month to today (1–11 Nov 2026);</li>
 * <li>{@code previous-month}: the whole of last month (1–31 Oct 2026);</li>
 * <li>{@code next-N-days}: today and the N−1 days after it ({@code next-7-days}: 11–17 Nov 2026);</li>
 * <li>{@code YYYY-MM-DD..YYYY-MM-DD}: those days, both included.</li>
 * </ul>
 * N is 1 to {@value #MAX_DAYS}. {@link #spec()} (and {@link #toString()}) gives the text back, so a
 * spec can be stored as text and parsed again.
 *
 * @param form which of the forms above
 * @param days N for {@code last-N-days} and {@code next-N-days}, otherwise 0
 * @param from the first day of a custom period, otherwise null
 * @param to the last day of a custom period, otherwise null
 */
public record PeriodSpec(Form form, int days, LocalDate from, LocalDate to) {

    /** Ten years: more is a typo, not a report. */
    public static final int MAX_DAYS = 3660;

    static final String ACCEPTED = "previous-week, last-N-days, month-to-date, previous-month, next-N-days"
            + " (N from 1 to " + MAX_DAYS + ") or YYYY-MM-DD..YYYY-MM-DD";

    private static final Pattern COUNTED = Pattern.compile("(last|next)-(\\d{1,9})-days");

    private static final Pattern CUSTOM = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public enum Form {
        PREVIOUS_WEEK, LAST_DAYS, MONTH_TO_DATE, PREVIOUS_MONTH, NEXT_DAYS, CUSTOM
    }

    public PeriodSpec {
        Objects.requireNonNull(form, "form");
        boolean counted = form == Form.LAST_DAYS || form == Form.NEXT_DAYS;
        if (counted ? days < 1 || days > MAX_DAYS : days != 0) {
            throw new IllegalArgumentException(counted ? "N must be 1 to " + MAX_DAYS + ", not " + days
                    : form + " takes no number of days");
        }
        if (form == Form.CUSTOM) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
            }
        }
        else if (from != null || to != null) {
            throw new IllegalArgumentException(form + " is relative to the run; only CUSTOM has dates");
        }
    }

    public static PeriodSpec previousWeek() {
        return new PeriodSpec(Form.PREVIOUS_WEEK, 0, null, null);
    }

    public static PeriodSpec lastDays(int days) {
        return new PeriodSpec(Form.LAST_DAYS, days, null, null);
    }

    public static PeriodSpec monthToDate() {
        return new PeriodSpec(Form.MONTH_TO_DATE, 0, null, null);
    }

    public static PeriodSpec previousMonth() {
        return new PeriodSpec(Form.PREVIOUS_MONTH, 0, null, null);
    }

    public static PeriodSpec nextDays(int days) {
        return new PeriodSpec(Form.NEXT_DAYS, days, null, null);
    }

    public static PeriodSpec between(LocalDate from, LocalDate to) {
        return new PeriodSpec(Form.CUSTOM, 0, from, to);
    }

    /** Parses a spec given as the request parameter {@code period}. */
    public static PeriodSpec parse(String text) {
        return parse("period", text);
    }

    /**
     * Parses a spec; a text that is none of the accepted forms is refused with an
     * {@link InvalidRequestException} naming {@code field} and the accepted forms.
     */
    public static PeriodSpec parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, "a period is required: " + ACCEPTED);
        }
        String spec = text.strip().toLowerCase(Locale.ROOT);
        switch (spec) {
            case "previous-week":
                return previousWeek();
            case "month-to-date":
                return monthToDate();
            case "previous-month":
                return previousMonth();
            default:
                break;
        }
        Matcher counted = COUNTED.matcher(spec);
        if (counted.matches()) {
            int days = Integer.parseInt(counted.group(2));
            if (days < 1 || days > MAX_DAYS) {
                throw new InvalidRequestException(field, "N in " + counted.group(1) + "-N-days must be 1 to "
                        + MAX_DAYS);
            }
            return counted.group(1).equals("last") ? lastDays(days) : nextDays(days);
        }
        Matcher custom = CUSTOM.matcher(spec);
        if (custom.matches()) {
            LocalDate from = date(field, custom.group(1));
            LocalDate to = date(field, custom.group(2));
            if (to.isBefore(from)) {
                throw new InvalidRequestException(field, "the period ends before it starts; write the earlier date"
                        + " first");
            }
            return between(from, to);
        }
        throw new InvalidRequestException(field, "is not a period; use " + ACCEPTED);
    }

    /** The days this spec names when the run's day, in the venue's zone, is {@code today}. */
    public Period resolve(LocalDate today) {
        Objects.requireNonNull(today, "today");
        return switch (form) {
            case PREVIOUS_WEEK -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new Period(monday, monday.plusDays(6));
            }
            case LAST_DAYS -> new Period(today.minusDays(days), today.minusDays(1));
            case MONTH_TO_DATE -> new Period(today.withDayOfMonth(1), today);
            case PREVIOUS_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new Period(first, first.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case NEXT_DAYS -> new Period(today, today.plusDays(days - 1L));
            case CUSTOM -> new Period(from, to);
        };
    }

    /** The text of this spec, in the form {@link #parse(String)} accepts. */
    public String spec() {
        return switch (form) {
            case PREVIOUS_WEEK -> "previous-week";
            case LAST_DAYS -> "last-" + days + "-days";
            case MONTH_TO_DATE -> "month-to-date";
            case PREVIOUS_MONTH -> "previous-month";
            case NEXT_DAYS -> "next-" + days + "-days";
            case CUSTOM -> from + ".." + to;
        };
    }

    /**
     * The spec as the venue's staff name it ("Previous week", "Last 90 days"); null for custom dates, which are
     * named by their dates alone ({@link Period#inWords()}).
     */
    public String words() {
        return switch (form) {
            case PREVIOUS_WEEK -> "Previous week";
            case LAST_DAYS -> "Last " + days + (days == 1 ? " day" : " days");
            case MONTH_TO_DATE -> "Month to date";
            case PREVIOUS_MONTH -> "Previous month";
            case NEXT_DAYS -> "Next " + days + (days == 1 ? " day" : " days");
            case CUSTOM -> null;
        };
    }

    @Override
    public String toString() {
        return spec();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        }
        catch (DateTimeParseException ex) {
            throw new InvalidRequestException(field, "names a day that is not in the calendar (dates are YYYY-MM-DD)");
        }
    }
}
