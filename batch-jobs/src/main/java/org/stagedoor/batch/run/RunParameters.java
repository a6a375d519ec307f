package org.stagedoor.batch.run;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.period.Period;

/** How resolved parameters are kept in a run record: a period as its spec, its dates and its label. */
final class RunParameters {

    /** A partner run's consent-age limit: a YES given before this instant (ISO-8601) does not count. */
    static final String CONSENT_NOT_BEFORE = "consentNotBefore";

    /** The personal-data columns a run outputs, comma-separated customer-list column names. */
    static final String COLUMNS = "columns";

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
        resolved.put(name + "From", period.from().toString());
        resolved.put(name + "To", period.to().toString());
        resolved.put(name + "Label", period.label());
    }

    /** The resolved period called {@code name}, or null when the run has none. */
    static Period period(Map<String, String> resolved, String name) {
        String from = resolved.get(name + "From");
        String to = resolved.get(name + "To");
        return (from == null || to == null) ? null : new Period(LocalDate.parse(from), LocalDate.parse(to));
    }
}
