package org.stagedoor.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule fires: its cron expression read on the wall clock of its time zone, each matching
 * local time firing exactly once. Quartz's CronTrigger (and Spring's CronExpression over a zoned time)
 * skip a local time that does not exist on the day clocks go forward, and Spring's fires twice for one
 * that occurs twice when they go back (docs/decisions/0009-fire-times-computed-by-stagedoor.md). Here the expression is
 * matched against local date-times, which have no gaps or repeats, and each match is placed on the
 * time line as {@link ZonedDateTime#ofLocal} places it: a time in a gap moves forward by the gap (01:30
 * becomes 02:30 BST), a time in an overlap takes the earlier offset (the first 01:30).
 *
 * <p>Expressions are Spring's six fields (second minute hour day-of-month month day-of-week, with
 * {@code ?}, {@code L}, {@code W}, {@code #} and macros such as {@code @daily}); the five fields of a
 * Unix crontab are accepted too and fire at second 0.
 */
public final class FireTimes {

    /** Enough to step over every local time an expression can match before one lands after a given instant. */
    private static final int MAX_STEPS = 1000;

    private final String expression;

    private final CronExpression cron;

    private final ZoneId zone;

    private FireTimes(String expression, CronExpression cron, ZoneId zone) {
        this.expression = expression;
        this.cron = cron;
        this.zone = zone;
    }

    /**
     * Reads an expression; a text that is not one fails with an {@link IllegalArgumentException} whose
     * message says what is wrong.
     */
    public static FireTimes of(String expression, ZoneId zone) {
        String normalised = normalise(expression);
        return new FireTimes(normalised, CronExpression.parse(normalised), zone);
    }

    /** The expression as stored: six fields, or a macro. */
    static String normalise(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        String trimmed = expression.strip().replaceAll("\\s+", " ");
        if (!trimmed.startsWith("@") && trimmed.split(" ").length == 5) {
            return "0 " + trimmed;
        }
        return trimmed;
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire strictly after {@code after}, or null if the expression never fires again. */
    public Instant next(Instant after) {
        LocalDateTime local = after.atZone(zone).toLocalDateTime();
        for (int step = 0; step < MAX_STEPS; step++) {
            local = cron.next(local);
            if (local == null) {
                return null;
            }
            // In the repeated hour after clocks go back, a local time can map to an instant already passed.
            Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (at.isAfter(after)) {
                return at;
            }
        }
        return null;
    }

    /** The next {@code count} fires after {@code after}, in the schedule's time zone. */
    public List<ZonedDateTime> preview(Instant after, int count) {
        List<ZonedDateTime> fires = new ArrayList<>(count);
        Instant at = after;
        while (fires.size() < count && (at = next(at)) != null) {
            fires.add(at.atZone(zone));
        }
        return fires;
    }
}
