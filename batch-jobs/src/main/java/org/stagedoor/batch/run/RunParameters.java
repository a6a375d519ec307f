package org.stagedoor.batch.run;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.stagedoor.batch.period.Period;

/**
 * How resolved parameters are kept in a run record: a period as its spec, its dates and its label. The one place
 * that knows those names: the scheduler and the portal read a run's periods through the accessors here.
 */
public final class RunParameters {

    /** A partner run's consent-age limit: a YES given before this instant (ISO-8601) does not count. */
    static final String CONSENT_NOT_BEFORE = "consentNotBefore";

    /** The personal-data columns a run outputs, comma-separated customer-list column names. */
    static final String COLUMNS = "columns";

    private static final String FROM = "From";

    private static final String TO = "To";

    private static final String LABEL = "Label";

    private RunParameters() {
    }

    static List<String> columns(Map<String, String> resolved) {
        String columns = resolved.get(COLUMNS);
        return columns == null ? List.of() : split(columns);
    }

    static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    static void putPeriod(Map<String, String> resolved, String name, String spec, Period period) {
        resolved.put(name, spec);
        resolved.put(name + FROM, period.from().toString());
        resolved.put(name + TO, period.to().toString());
        resolved.put(name + LABEL, period.label());
    }

    /** The resolved period called {@code name}, or null when the run has none. */
    public static Period period(Map<String, String> resolved, String name) {
        String from = resolved.get(name + FROM);
        String to = resolved.get(name + TO);
        return (from == null || to == null) ? null : new Period(LocalDate.parse(from), LocalDate.parse(to));
    }

    /** The days of the resolved period called {@code name} in words ("9–15 Nov 2026"), if the run has it. */
    public static Optional<String> periodLabel(Map<String, String> resolved, String name) {
        return Optional.ofNullable(resolved.get(name + LABEL));
    }

    /** Every resolved period's days in words, by the name of its parameter, in the order of those names. */
    public static Map<String, String> periodLabels(Map<String, String> resolved) {
        Map<String, String> labels = new TreeMap<>();
        resolved.forEach((name, value) -> {
            if (name.endsWith(LABEL) && name.length() > LABEL.length()) {
                labels.put(name.substring(0, name.length() - LABEL.length()), value);
            }
        });
        return labels;
    }
}
