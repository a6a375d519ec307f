package org.stagedoor.portal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.listbuilder.ListProblemWords;
import org.stagedoor.listbuilder.PeriodChoices;

/**
 * The form that runs one report, built from its typed parameters: a period as a preset or custom dates, a
 * customer list as its JSON definition; the format; whether to email the user when the run is ready. It holds
 * what was entered and the problems found, field by field, so that a refused form comes back as it was sent.
 * The partner company is never a field: it is always the user's own.
 */
public final class RunForm {

    /** The value of a period field that means "the dates below". */
    public static final String CUSTOM = PeriodChoices.CUSTOM;

    private static final List<String> PRESETS = PeriodChoices.relativeValues();

    /** A choice of period, labelled with the dates it means today ("Previous week (9–15 Nov 2026)"). */
    public record Preset(String value, String label) {
    }

    /** One parameter's field: what was entered, and what is wrong with it. */
    public static final class Field {

        private final ParameterDefinition parameter;

        private String value;

        private String from;

        private String to;

        private final List<String> errors = new ArrayList<>();

        /** Refused before the request was checked, and left out of it. */
        private boolean refused;

        Field(ParameterDefinition parameter, String value) {
            this.parameter = parameter;
            this.value = value;
        }

        public String name() {
            return parameter.name();
        }

        public String label() {
            return switch (parameter.type()) {
                case PERIOD -> "Period";
                case CUSTOMER_LIST -> "Customer list";
                case COLUMNS -> "Columns";
            };
        }

        public String description() {
            return parameter.description();
        }

        public boolean isPeriod() {
            return parameter.type() == ParameterType.PERIOD;
        }

        public boolean isCustomerList() {
            return parameter.type() == ParameterType.CUSTOMER_LIST;
        }

        public boolean isColumns() {
            return parameter.type() == ParameterType.COLUMNS;
        }

        public String value() {
            return value;
        }

        public String from() {
            return from;
        }

        public String to() {
            return to;
        }

        public List<String> errors() {
            return errors;
        }
    }

    private final ReportDefinition report;

    private final List<Field> fields = new ArrayList<>();

    private final List<Preset> presets = new ArrayList<>();

    private String format = OutputFormat.XLSX.name();

    private boolean notify;

    private final List<String> formatErrors = new ArrayList<>();

    private final List<String> errors = new ArrayList<>();

    /** A setting of a saved report the person running it cannot change, in words. */
    public record Fixed(String label, String value) {
    }

    /** The saved report this form runs; null for a report run with parameters of the user's choosing. */
    private SavedReport saved;

    private final List<Fixed> fixed = new ArrayList<>();

    private final LocalDate today;

    private RunForm(ReportDefinition report, LocalDate today) {
        this.report = report;
        this.today = today;
        for (PeriodChoices.Choice choice : PeriodChoices.asOf(today, "Custom dates (below)")) {
            presets.add(new Preset(choice.value(), choice.label()));
        }
    }

    /** The form as first shown: each parameter at its default. */
    static RunForm blank(ReportDefinition report, LocalDate today) {
        RunForm form = new RunForm(report, today);
        for (ParameterDefinition parameter : report.parameters()) {
            Field field = new Field(parameter, parameter.defaultValue());
            if (field.isPeriod() && field.value != null && !PRESETS.contains(field.value)) {
                field.value = CUSTOM;
            }
            form.fields.add(field);
        }
        return form;
    }

    /**
     * The form of a saved report as first shown: a field for each setting the person running it may change, at the
     * saved value; the others shown in words.
     */
    static RunForm blank(ReportDefinition report, SavedReport saved, LocalDate today) {
        RunForm form = blank(report, today);
        form.limitTo(saved);
        form.fill(saved.parameters());
        form.format = saved.format().name();
        return form;
    }

    /**
     * The form to run a finished run again with changes: as {@link #blank} for its report (or its saved definition,
     * which {@code saved} is when not null), with the fields the run was given filled in as it had them, and its
     * format when the person may choose it.
     */
    static RunForm again(ReportDefinition report, SavedReport saved, LocalDate today, Map<String, String> given,
            OutputFormat format) {
        RunForm form = saved == null ? blank(report, today) : blank(report, saved, today);
        form.fill(given);
        if (form.formatOpen()) {
            form.format = format.name();
        }
        return form;
    }

    /** Sets each field to its value among {@code values}: a period that is no preset as custom dates. */
    private void fill(Map<String, String> values) {
        for (Field field : fields) {
            String value = values.get(field.name());
            if (value != null) {
                field.value = field.isPeriod() && !PRESETS.contains(value) ? CUSTOM : value;
                if (CUSTOM.equals(field.value) && value.contains("..")) {
                    field.from = value.substring(0, value.indexOf(".."));
                    field.to = value.substring(value.indexOf("..") + 2);
                }
            }
        }
    }

    /** The form of a saved report as sent: only the settings it leaves open are read. */
    static RunForm submitted(ReportDefinition report, SavedReport saved, LocalDate today,
            MultiValueMap<String, String> sent) {
        RunForm form = submitted(report, today, sent);
        form.limitTo(saved);
        if (!saved.isOpen(SavedReport.FORMAT)) {
            form.format = saved.format().name();
        }
        return form;
    }

    private void limitTo(SavedReport definition) {
        saved = definition;
        for (Field field : List.copyOf(fields)) {
            if (!definition.isOpen(field.name())) {
                fields.remove(field);
                String value = definition.parameters().getOrDefault(field.name(), field.parameter.defaultValue());
                if (value != null) {
                    fixed.add(new Fixed(field.label(), inWords(field, value)));
                }
            }
        }
        if (!definition.isOpen(SavedReport.FORMAT)) {
            fixed.add(new Fixed("Format", definition.format() == OutputFormat.XLSX ? "Excel (XLSX)" : "CSV (UTF-8)"));
        }
    }

    private String inWords(Field field, String value) {
        if (field.isPeriod()) {
            String preset = PeriodChoices.name(value);
            String dates = PeriodSpec.parse(value).resolve(today).label();
            return preset == null ? dates : preset + " (" + dates + ")";
        }
        if (field.isCustomerList()) {
            return "as the venue set it up";
        }
        return value.replace(",", ", ");
    }

    /** The form as sent; fields that are not the report's parameters (a partner company, say) are ignored. */
    static RunForm submitted(ReportDefinition report, LocalDate today, MultiValueMap<String, String> sent) {
        RunForm form = new RunForm(report, today);
        for (ParameterDefinition parameter : report.parameters()) {
            Field field = new Field(parameter, trimmed(sent.getFirst(parameter.name())));
            if (field.isPeriod()) {
                field.from = trimmed(sent.getFirst(parameter.name() + ".from"));
                field.to = trimmed(sent.getFirst(parameter.name() + ".to"));
            }
            form.fields.add(field);
        }
        String format = trimmed(sent.getFirst("format"));
        form.format = format == null ? null : format.toUpperCase(Locale.ROOT);
        form.notify = sent.containsKey("notify");
        return form;
    }

    /**
     * The run's parameters as the report takes them ({@code 2026-11-02..2026-11-08} for custom dates). A field
     * that cannot become one (custom dates missing) gets its error here and is left out.
     */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Field field : fields) {
            if (field.isPeriod() && CUSTOM.equals(field.value)) {
                if (field.from == null || field.to == null) {
                    field.errors.add("choose the first and the last day of a custom period");
                    field.refused = true;
                }
                else {
                    parameters.put(field.name(), field.from + ".." + field.to);
                }
            }
            else if (field.value != null) {
                parameters.put(field.name(), field.value);
            }
        }
        return parameters;
    }

    /** The chosen format; null (with an error) when it is not one. */
    OutputFormat outputFormat() {
        for (OutputFormat candidate : OutputFormat.values()) {
            if (candidate.name().equals(format)) {
                return candidate;
            }
        }
        formatErrors.add("choose CSV or XLSX");
        return null;
    }

    boolean hasErrors() {
        return !errors.isEmpty() || !formatErrors.isEmpty()
                || fields.stream().anyMatch(field -> !field.errors.isEmpty());
    }

    /**
     * Puts each problem next to its field: a parameter's own ({@code period}) or one inside it (a customer list's,
     * said by row and setting: "Row 2, answers: …"); the format; anything else above the form. A field refused before
     * the check was left out of it, so what the check says of it is dropped.
     */
    void addErrors(List<FieldError> refused) {
        for (FieldError problem : ListProblemWords.of(ReportCatalogue.LIST_PARAMETER, refused)) {
            Field field = fields.stream()
                    .filter(candidate -> problem.field().equals(candidate.name())
                            || problem.field().startsWith(candidate.name() + ".")
                            || problem.field().startsWith(candidate.name() + "["))
                    .findFirst().orElse(null);
            if (field != null) {
                if (!field.refused) {
                    String path = problem.field().substring(field.name().length()).replaceFirst("^\\.", "");
                    field.errors.add(path.isEmpty() ? problem.message() : path + ": " + problem.message());
                }
            }
            else if (problem.field().equals("format")) {
                // Refused here already when it is not CSV or XLSX.
                if (formatErrors.isEmpty()) {
                    formatErrors.add(problem.message());
                }
            }
            else {
                errors.add(problem.field() + ": " + problem.message());
            }
        }
    }

    public ReportDefinition report() {
        return report;
    }

    /** The page's title: the saved report's name, or the report's. */
    public String title() {
        return saved == null ? report.title() : saved.name();
    }

    public SavedReport saved() {
        return saved;
    }

    public List<Fixed> fixed() {
        return fixed;
    }

    /** Whether the person running it chooses the format. */
    public boolean formatOpen() {
        return saved == null || saved.isOpen(SavedReport.FORMAT);
    }

    public List<Field> fields() {
        return fields;
    }

    public List<Preset> presets() {
        return presets;
    }

    public String format() {
        return format;
    }

    public boolean notifyWhenReady() {
        return notify;
    }

    public List<String> formatErrors() {
        return formatErrors;
    }

    public List<String> errors() {
        return errors;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
