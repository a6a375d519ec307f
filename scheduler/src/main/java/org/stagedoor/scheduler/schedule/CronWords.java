package org.stagedoor.scheduler.schedule;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule sends, in the words of the people who read it: "Every Monday at 09:00 (London time)", "On the
 * last day of each month at 07:00 (London time)". A cron expression is read as far as plain words can say it; one
 * they cannot is given as it is. A text that is not an expression is refused in words too ("the minute must be
 * 0–59"), never with the parser's message, which quotes the text and names its internals.
 */
public final class CronWords {

    /** The start of every refusal of an expression. */
    public static final String INVALID = "That is not a valid schedule: ";

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm",
            Locale.UK);

    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *",
            "@monthly", "0 0 0 1 * *", "@weekly", "0 0 0 * * SUN", "@daily", "0 0 0 * * *", "@midnight",
            "0 0 0 * * *", "@hourly", "0 0 * * * *");

    /** The six fields: their names in a refusal, and their ranges. */
    private enum Part {
        SECOND("the second", 0, 59, "0–59"), MINUTE("the minute", 0, 59, "0–59"), HOUR("the hour", 0, 23, "0–23"),
        DAY("the day of the month", 1, 31, "1–31, L (the last day) or W (the nearest weekday)"),
        MONTH("the month", 1, 12, "1–12 or JAN–DEC"),
        WEEKDAY("the day of the week", 0, 7, "0–7 or MON–SUN (0 and 7 are Sunday)");

        final String words;

        final int min;

        final int max;

        final String range;

        Part(String words, int min, int max, String range) {
            this.words = words;
            this.min = min;
            this.max = max;
            this.range = range;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private CronWords() {
    }

    /**
     * What is wrong with an expression, in words starting with {@value #INVALID}; null when it is one. Six fields
     * (second minute hour day-of-month month day-of-week), a crontab's five, or a macro such as {@code @daily}.
     */
    public static String problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return INVALID + "it is empty; give six parts (second minute hour day-of-month month day-of-week),"
                    + " for example 0 0 9 * * MON for every Monday at 09:00";
        }
        String text = FireTimes.normalise(expression);
        if (text.startsWith("@")) {
            return MACROS.containsKey(text.toLowerCase(Locale.ROOT)) ? null
                    : INVALID + "the shortcuts are @hourly, @daily, @weekly, @monthly and @yearly";
        }
        String[] fields = text.split(" ");
        if (fields.length != 6) {
            return INVALID + "it has " + fields.length + (fields.length == 1 ? " part" : " parts")
                    + "; give six (second minute hour day-of-month month day-of-week), or five without the second";
        }
        for (Part part : Part.values()) {
            String field = fields[part.ordinal()].toUpperCase(Locale.ROOT);
            String wrong = fieldProblem(part, field);
            if (wrong != null) {
                return INVALID + wrong;
            }
        }
        try {
            CronExpression.parse(text);
            return null;
        }
        catch (IllegalArgumentException ex) {
            return INVALID + "check each of its six parts (second minute hour day-of-month month day-of-week);"
                    + " for example 0 0 9 * * MON is every Monday at 09:00";
        }
    }

    private static String fieldProblem(Part part, String field) {
        String must = part.words + " must be " + part.range;
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                return must;
            }
            String base = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                String step = item.substring(slash + 1);
                base = item.substring(0, slash);
                if (!NUMBER.matcher(step).matches() || Integer.parseInt(step) == 0) {
                    return "the step after / in " + part.words + " must be a whole number above 0";
                }
            }
            if (base.equals("*") || base.equals("?") && (part == Part.DAY || part == Part.WEEKDAY)) {
                continue;
            }
            if (part == Part.DAY && base.matches("L(-\\d+)?|LW|\\d{1,2}W")) {
                Matcher digits = NUMBER.matcher(base);
                if (digits.find() && !base.startsWith("L") && !inRange(digits.group(), part)) {
                    return must;
                }
                continue;
            }
            if (part == Part.WEEKDAY && base.matches("(\\d|[A-Z]{3})(L|#[1-5])")) {
                if (!inRange(weekday(base.substring(0, base.length() - (base.endsWith("L") ? 1 : 2))), part)) {
                    return must;
                }
                continue;
            }
            String[] ends = base.split("-", -1);
            if (ends.length > 2) {
                return must;
            }
            for (String end : ends) {
                String value = part == Part.MONTH ? month(end) : part == Part.WEEKDAY ? weekday(end) : end;
                if (!inRange(value, part)) {
                    return must;
                }
            }
        }
        return null;
    }

    private static boolean inRange(String value, Part part) {
        if (value == null || !NUMBER.matcher(value).matches() || value.length() > 4) {
            return false;
        }
        int number = Integer.parseInt(value);
        return number >= part.min && number <= part.max;
    }

    private static String month(String text) {
        for (Month month : Month.values()) {
            if (month.name().startsWith(text) && text.length() == 3) {
                return Integer.toString(month.getValue());
            }
        }
        return text;
    }

    private static String weekday(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(text) && text.length() == 3) {
                return Integer.toString(day.getValue());
            }
        }
        return text;
    }

    /**
     * When an expression sends, with the zone it is read in: "Every Monday at 09:00 (London time)". An expression
     * plain words cannot say is given as it is ("Custom times: 0 0 9 ? * 2#1,3#1 (London time)").
     */
    public static String describe(String expression, ZoneId zone) {
        String words = null;
        try {
            words = words(expression);
        }
        catch (RuntimeException ex) {
            // Read as far as words can say it; the expression itself says the rest.
        }
        String zoneWords = " (" + zone(zone) + ")";
        return words != null ? words + zoneWords
                : "Custom times: " + (expression == null ? "" : expression.strip()) + zoneWords;
    }

    /** A time zone as people name it: "London time", "New York time", "UTC". */
    public static String zone(ZoneId zone) {
        String id = zone.normalized().getId();
        if (zone.normalized() instanceof ZoneOffset offset) {
            return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
        }
        if (id.startsWith("Etc/") || !id.contains("/")) {
            return id.replace("Etc/", "");
        }
        return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ') + " time";
    }

    /** A moment as people say it, in its own zone: "Monday 7 December 2026 at 09:00 (London time)". */
    public static String moment(ZonedDateTime time) {
        return time == null ? null : MOMENT.format(time) + " (" + zone(time.getZone()) + ")";
    }

    /** The words of an expression without its zone; null when words cannot say it. */
    static String words(String expression) {
        if (problem(expression) != null) {
            return null;
        }
        String text = FireTimes.normalise(expression);
        text = MACROS.getOrDefault(text.toLowerCase(Locale.ROOT), text).toUpperCase(Locale.ROOT);
        String[] fields = text.split(" ");
        String times = times(fields[0], fields[1], fields[2]);
        String days = days(fields[3], fields[4], fields[5]);
        if (times == null || days == null) {
            return null;
        }
        String sentence = days.isEmpty() ? "every day " + times : days + " " + times;
        if (times.startsWith("every") && days.isEmpty()) {
            sentence = times;
        }
        else if (times.startsWith("every")) {
            sentence = days + ", " + times;
        }
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** The times of day: "at 09:00", "at 09:00 and 17:30", "every 15 minutes"; null when words cannot say them. */
    private static String times(String second, String minute, String hour) {
        List<Integer> seconds = numbers(second, 59);
        List<Integer> minutes = numbers(minute, 59);
        List<Integer> hours = numbers(hour, 23);
        if (seconds == null || seconds.size() != 1) {
            return null;
        }
        int sec = seconds.get(0);
        if (minutes != null && hours != null) {
            if (minutes.size() * hours.size() > 6) {
                return null;
            }
            List<String> at = new ArrayList<>();
            for (int h : hours) {
                for (int m : minutes) {
                    at.add(time(h, m, sec));
                }
            }
            return "at " + list(at);
        }
        if (sec != 0) {
            return null;
        }
        Integer minuteStep = step(minute);
        if (minutes != null && minutes.size() == 1) {
            String past = minutes.get(0) == 0 ? "on the hour" : "at " + minutes.get(0) + " minutes past the hour";
            if (hour.equals("*")) {
                return "every hour, " + past;
            }
            Integer hourStep = step(hour);
            if (hourStep != null && hour.matches("(\\*|0)/\\d+")) {
                return "every " + hourStep + " hours from " + time(0, minutes.get(0), 0);
            }
            int[] range = range(hour);
            if (range != null) {
                return "every hour from " + time(range[0], minutes.get(0), 0) + " to "
                        + time(range[1], minutes.get(0), 0);
            }
            return null;
        }
        if (minuteStep != null && minute.matches("(\\*|0)/\\d+") && 60 % minuteStep == 0 || minute.equals("*")) {
            String every = minute.equals("*") ? "every minute" : "every " + minuteStep + " minutes";
            if (hour.equals("*")) {
                return every;
            }
            int[] range = range(hour);
            if (range != null) {
                return every + " from " + time(range[0], 0, 0) + " to " + time(range[1], 59, 0);
            }
            if (hours != null && hours.size() == 1) {
                return every + " from " + time(hours.get(0), 0, 0) + " to " + time(hours.get(0), 59, 0);
            }
        }
        return null;
    }

    /** The days: "" for every day, "every Monday", "on the last day of each month"; null when words cannot say. */
    private static String days(String day, String month, String weekday) {
        boolean anyDay = day.equals("*") || day.equals("?");
        boolean anyWeekday = weekday.equals("*") || weekday.equals("?");
        String months = months(month);
        if (months == null) {
            return null;
        }
        if (anyDay && anyWeekday) {
            return months.isEmpty() ? "" : "every day " + months;
        }
        String ofMonths = months.isEmpty() ? "of each month"
                : months.startsWith("in ") ? "of " + months.substring("in ".length()) : "of each month " + months;
        if (!anyDay) {
            String dayWords = dayOfMonth(day);
            if (dayWords == null) {
                return null;
            }
            String words = "on " + dayWords + " " + ofMonths;
            if (anyWeekday) {
                return words;
            }
            String weekdays = weekdays(weekday);
            return weekdays == null || weekdays.startsWith("the ") ? null
                    : words + ", when it is " + weekdays.replaceFirst("^every ", "a ");
        }
        String weekdays = weekdays(weekday);
        if (weekdays == null) {
            return null;
        }
        if (weekdays.startsWith("the ")) {
            return "on " + weekdays + " " + ofMonths;
        }
        return weekdays + (months.isEmpty() ? "" : " " + months);
    }

    private static String months(String month) {
        if (month.equals("*")) {
            return "";
        }
        int[] range = range(monthNumbers(month));
        if (range != null) {
            return "from " + monthName(range[0]) + " to " + monthName(range[1]);
        }
        List<Integer> months = numbers(monthNumbers(month), 12);
        if (months == null) {
            return null;
        }
        return "in " + list(months.stream().map(CronWords::monthName).toList());
    }

    private static String monthNumbers(String month) {
        StringBuilder numbers = new StringBuilder();
        Matcher names = Pattern.compile("[A-Z]{3}").matcher(month);
        while (names.find()) {
            names.appendReplacement(numbers, month(names.group()));
        }
        names.appendTail(numbers);
        return numbers.toString();
    }

    private static String dayOfMonth(String day) {
        if (day.equals("L")) {
            return "the last day";
        }
        if (day.equals("LW")) {
            return "the last weekday";
        }
        if (day.matches("L-\\d+")) {
            int before = Integer.parseInt(day.substring(2));
            return before == 1 ? "the day before the last day" : before + " days before the last day";
        }
        if (day.matches("\\d+W")) {
            return "the weekday nearest the " + ordinal(Integer.parseInt(day.substring(0, day.length() - 1)));
        }
        List<Integer> days = numbers(day, 31);
        if (days == null || days.size() > 6) {
            return null;
        }
        return "the " + list(days.stream().map(CronWords::ordinal).toList());
    }

    /** "every Monday", "every Monday, Wednesday and Friday", "the last Friday", "the second Tuesday". */
    private static String weekdays(String weekday) {
        if (weekday.matches("(\\d|[A-Z]{3})L")) {
            return "the last " + dayName(weekday.substring(0, weekday.length() - 1));
        }
        if (weekday.matches("(\\d|[A-Z]{3})#[1-5]")) {
            String[] parts = weekday.split("#");
            String[] nth = { "first", "second", "third", "fourth", "fifth" };
            return "the " + nth[Integer.parseInt(parts[1]) - 1] + " " + dayName(parts[0]);
        }
        Matcher named = Pattern.compile("[A-Z]{3}").matcher(weekday);
        StringBuilder replaced = new StringBuilder();
        while (named.find()) {
            named.appendReplacement(replaced, weekday(named.group()));
        }
        named.appendTail(replaced);
        String numbers = replaced.toString();
        if (numbers.equals("1-5")) {
            return "every weekday (Monday to Friday)";
        }
        int[] range = range(numbers);
        if (range != null && range[0] >= 1) {
            return "every day from " + dayName(Integer.toString(range[0])) + " to "
                    + dayName(Integer.toString(range[1]));
        }
        List<Integer> days = numbers(numbers, 7);
        if (days == null) {
            return null;
        }
        // Monday first, Sunday last, as the week is read here.
        List<String> names = days.stream().sorted((a, b) -> Integer.compare((a + 6) % 7, (b + 6) % 7))
                .map(day -> dayName(Integer.toString(day))).distinct().toList();
        return "every " + list(names);
    }

    private static String dayName(String text) {
        int number = Integer.parseInt(weekday(text));
        return DayOfWeek.of(number == 0 ? 7 : number).getDisplayName(TextStyle.FULL, Locale.UK);
    }

    private static String monthName(int month) {
        return Month.of(month).getDisplayName(TextStyle.FULL, Locale.UK);
    }

    /** The numbers of a plain list such as {@code 9,17} (or one number); null for anything else. */
    private static List<Integer> numbers(String field, int max) {
        if (!field.matches("\\d{1,2}(,\\d{1,2})*")) {
            return null;
        }
        List<Integer> numbers = new ArrayList<>();
        for (String number : field.split(",")) {
            int value = Integer.parseInt(number);
            if (value > max) {
                return null;
            }
            if (!numbers.contains(value)) {
                numbers.add(value);
            }
        }
        numbers.sort(Integer::compare);
        return numbers;
    }

    /** A range such as {@code 9-17}; null for anything else. */
    private static int[] range(String field) {
        if (!field.matches("\\d{1,2}-\\d{1,2}")) {
            return null;
        }
        String[] ends = field.split("-");
        int from = Integer.parseInt(ends[0]);
        int to = Integer.parseInt(ends[1]);
        return from < to ? new int[] { from, to } : null;
    }

    private static Integer step(String field) {
        int slash = field.indexOf('/');
        return slash < 0 ? null : Integer.valueOf(field.substring(slash + 1));
    }

    private static String time(int hour, int minute, int second) {
        return second == 0 ? String.format(Locale.ROOT, "%02d:%02d", hour, minute)
                : String.format(Locale.ROOT, "%02d:%02d:%02d", hour, minute, second);
    }

    private static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static String ordinal(int day) {
        String suffix = day % 10 == 1 && day != 11 ? "st" : day % 10 == 2 && day != 12 ? "nd"
                : day % 10 == 3 && day != 13 ? "rd" : "th";
        return day + suffix;
    }
}
