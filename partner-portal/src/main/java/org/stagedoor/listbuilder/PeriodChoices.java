package org.stagedoor.listbuilder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.period.PeriodSpec;

/**
 * The periods a person picks from, in the same words on the run form and in the list builder: relative periods,
 * each labelled with the days it means today ("Previous week (9–15 Nov 2026)"), then custom dates.
 */
public final class PeriodChoices {

    /** The value that means "the dates given separately". */
    public static final String CUSTOM = "custom";

    private static final Map<String, String> RELATIVE = relative();

    /**
     * A period to choose.
     *
     * @param value the period as a definition or a run's parameter holds it, or {@link #CUSTOM}
     * @param label what the person reads
     */
    public record Choice(String value, String label) {
    }

    private PeriodChoices() {
    }

    /** The relative periods' values, in the order they are offered. */
    public static List<String> relativeValues() {
        return List.copyOf(RELATIVE.keySet());
    }

    /** A relative period's name ("Previous week"); null for any other value. */
    public static String name(String value) {
        return RELATIVE.get(value);
    }

    /** Every choice as of {@code today}, custom dates last, labelled {@code customLabel}. */
    public static List<Choice> asOf(LocalDate today, String customLabel) {
        List<Choice> choices = new ArrayList<>();
        RELATIVE.forEach((value, name) -> choices.add(new Choice(value,
                name + " (" + PeriodSpec.parse(value).resolve(today).label() + ")")));
        choices.add(new Choice(CUSTOM, customLabel));
        return choices;
    }

    private static Map<String, String> relative() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("previous-week", "Previous week");
        names.put("last-7-days", "Last 7 days");
        names.put("last-30-days", "Last 30 days");
        names.put("last-90-days", "Last 90 days");
        names.put("last-365-days", "Last 365 days");
        names.put("month-to-date", "Month to date");
        names.put("previous-month", "Previous month");
        names.put("next-30-days", "Next 30 days");
        return names;
    }
}
