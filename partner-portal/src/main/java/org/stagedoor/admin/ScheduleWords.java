package org.stagedoor.admin;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.scheduler.schedule.When;

/**
 * A schedule's settings in the words a box office uses: "the previous week", "Excel (XLSX)", instead of the values
 * the store keeps; its times are in {@link org.stagedoor.scheduler.schedule.CronWords}'s.
 */
final class ScheduleWords {

    /** A cron expression the presets make: seconds, minutes, hours, day of month, month (any), day of week. */
    private static final Pattern PRESET =
            Pattern.compile("(\\d{1,2}) (\\d{1,2}) (\\d{1,2}) (\\*|L|\\d{1,2}) \\* (\\*|[A-Z]{3})");

    /** A setting shown in words, fixed by the definition or chosen by the schedule. */
    record Setting(String label, String value) {
    }

    private ScheduleWords() {
    }

    /** A period as a person says it: "the previous week", "the last 30 days", or its dates. */
    static String period(String value, LocalDate today) {
        PeriodSpec spec;
        try {
            spec = PeriodSpec.parse(value);
        }
        catch (InvalidRequestException ex) {
            return "a period that is no longer valid";
        }
        return switch (spec.form()) {
            case PREVIOUS_WEEK -> "the previous week";
            case LAST_DAYS -> "the last " + spec.days() + " days";
            case MONTH_TO_DATE -> "the month to date";
            case PREVIOUS_MONTH -> "the previous month";
            case NEXT_DAYS -> "the next " + spec.days() + " days";
            case CUSTOM -> spec.resolve(today).label();
        };
    }

    /** A period's choice in the chooser, for one the run form does not offer: its words, and its dates today. */
    static String periodChoice(String value, LocalDate today) {
        String words = period(value, today);
        String dates = PeriodSpec.parse(value).resolve(today).label();
        return Character.toUpperCase(words.charAt(4)) + words.substring(5) + " (" + dates + ")";
    }

    static String format(OutputFormat format) {
        return format == OutputFormat.XLSX ? "Excel (XLSX)" : "CSV (UTF-8)";
    }

    /**
     * Every setting a fire runs with, in words: the period and columns (the schedule's choice where the definition
     * leaves them open, otherwise the definition's) and the file.
     */
    static List<Setting> settings(ReportDefinition report, SavedReport definition, Map<String, String> chosen,
            OutputFormat chosenFormat, LocalDate today) {
        return settings(report, definition, chosen, chosenFormat, today, true);
    }

    /** Only the settings the definition fixes, for the form. */
    static List<Setting> fixed(ReportDefinition report, SavedReport definition, LocalDate today) {
        return settings(report, definition, Map.of(), null, today, false);
    }

    private static List<Setting> settings(ReportDefinition report, SavedReport definition, Map<String, String> chosen,
            OutputFormat chosenFormat, LocalDate today, boolean withOpen) {
        List<Setting> settings = new ArrayList<>();
        for (ParameterDefinition parameter : report.parameters()) {
            boolean open = definition.isOpen(parameter.name());
            if (open && !withOpen) {
                continue;
            }
            String value = open && chosen.containsKey(parameter.name()) ? chosen.get(parameter.name())
                    : definition.parameters().getOrDefault(parameter.name(), parameter.defaultValue());
            if (value == null || value.isBlank()) {
                continue;
            }
            switch (parameter.type()) {
                case PERIOD -> settings.add(new Setting(label(parameter), period(value, today)));
                case COLUMNS -> settings.add(new Setting(label(parameter), columns(report, value)));
                // The list is what the definition's name says; its segments are on its own page.
                case CUSTOMER_LIST -> {
                }
            }
        }
        boolean formatOpen = definition.isOpen(SavedReport.FORMAT);
        if (withOpen || !formatOpen) {
            settings.add(new Setting("File", format(formatOpen && chosenFormat != null ? chosenFormat
                    : definition.format())));
        }
        return settings;
    }

    static String label(ParameterDefinition parameter) {
        return switch (parameter.type()) {
            case PERIOD -> "Period";
            case COLUMNS -> "Columns";
            case CUSTOMER_LIST -> "Who is on the list";
        };
    }

    /** The columns by the names the file's header gives them. */
    private static String columns(ReportDefinition report, String value) {
        List<String> names = new ArrayList<>();
        for (String field : value.split(",")) {
            names.add(report.columns().stream().filter(column -> field.strip().equals(column.field()))
                    .map(Column::name).findFirst().orElse(field.strip()));
        }
        return String.join(", ", names);
    }

    /**
     * The preset a cron expression stands for, when one of the presets made it ("0 0 7 * * MON": weekly on Monday
     * at 07:00); null for any other expression.
     */
    static When preset(String cron) {
        Matcher matcher = PRESET.matcher(cron.strip());
        if (!matcher.matches()) {
            return null;
        }
        int second = Integer.parseInt(matcher.group(1));
        int minute = Integer.parseInt(matcher.group(2));
        int hour = Integer.parseInt(matcher.group(3));
        if (second > 59 || minute > 59 || hour > 23) {
            return null;
        }
        LocalTime at = LocalTime.of(hour, minute, second);
        String day = matcher.group(4);
        String weekday = matcher.group(5);
        if (day.equals("*") && weekday.equals("*")) {
            return When.dailyAt(at);
        }
        if (day.equals("*")) {
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (candidate.name().startsWith(weekday)) {
                    return When.weeklyOn(candidate, at);
                }
            }
            return null;
        }
        if (!weekday.equals("*")) {
            return null;
        }
        int dayOfMonth = day.equals("L") ? -1 : Integer.parseInt(day);
        return dayOfMonth == -1 || dayOfMonth >= 1 && dayOfMonth <= 28 ? When.monthlyOn(dayOfMonth, at) : null;
    }
}
