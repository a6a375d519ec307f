package org.stagedoor.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.util.MultiValueMap;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.listbuilder.PeriodChoices;

/**
 * The console's form of a saved report: its name and description, each setting of its report with whether the
 * person running it may change it, and the format. It holds what was entered, so that a refused form comes back as
 * it was sent. A customer list's definition comes from the segment builder, which keeps it in the field
 * {@code list}.
 */
public final class SavedReportForm {

    /** The value of a period setting that means "the dates below". */
    static final String CUSTOM = PeriodChoices.CUSTOM;

    private static final List<String> PRESETS = PeriodChoices.relativeValues();

    /** A choice of period, with the dates it means today. */
    public record Preset(String value, String label) {
    }

    /** One setting of the report: its value, and whether the person running it may change it. */
    public record Setting(String name, String label, String help, ParameterType type, String value, String from,
            String to, Set<String> chosenColumns, boolean open) {

        public boolean isPeriod() {
            return type == ParameterType.PERIOD;
        }

        public boolean isColumns() {
            return type == ParameterType.COLUMNS;
        }

        public boolean isCustomerList() {
            return type == ParameterType.CUSTOMER_LIST;
        }
    }

    private final ReportDefinition report;

    private String name = "";

    private String description = "";

    private String format = OutputFormat.XLSX.name();

    private boolean formatOpen = true;

    private final List<Setting> settings = new ArrayList<>();

    private final List<Preset> presets = new ArrayList<>();

    private SavedReportForm(ReportDefinition report, LocalDate today) {
        this.report = report;
        for (PeriodChoices.Choice choice : PeriodChoices.asOf(today, "Custom dates (below)")) {
            presets.add(new Preset(choice.value(), choice.label()));
        }
    }

    /** A new definition of the report: its defaults, every setting left to the person running it. */
    static SavedReportForm blank(ReportDefinition report, LocalDate today) {
        SavedReportForm form = new SavedReportForm(report, today);
        form.name = report.title();
        for (ParameterDefinition parameter : report.parameters()) {
            form.settings.add(setting(report, parameter, parameter.defaultValue(), !parameter.type().equals(
                    ParameterType.CUSTOMER_LIST)));
        }
        return form;
    }

    /** The form of a saved definition, as saved. */
    static SavedReportForm of(ReportDefinition report, SavedReport saved, LocalDate today) {
        SavedReportForm form = new SavedReportForm(report, today);
        form.name = saved.name();
        form.description = saved.description();
        form.format = saved.format().name();
        form.formatOpen = saved.isOpen(SavedReport.FORMAT);
        for (ParameterDefinition parameter : report.parameters()) {
            form.settings.add(setting(report, parameter,
                    saved.parameters().getOrDefault(parameter.name(), parameter.defaultValue()),
                    saved.isOpen(parameter.name())));
        }
        return form;
    }

    /** The form as sent. */
    static SavedReportForm submitted(ReportDefinition report, LocalDate today, MultiValueMap<String, String> sent) {
        SavedReportForm form = new SavedReportForm(report, today);
        form.name = text(sent.getFirst("name"));
        form.description = text(sent.getFirst("description"));
        form.format = text(sent.getFirst("format")).toUpperCase(Locale.ROOT);
        form.formatOpen = sent.containsKey("open.format");
        for (ParameterDefinition parameter : report.parameters()) {
            String field = "value." + parameter.name();
            boolean open = sent.containsKey("open." + parameter.name());
            String value = switch (parameter.type()) {
                case PERIOD -> {
                    String chosen = text(sent.getFirst(field));
                    yield CUSTOM.equals(chosen) ? text(sent.getFirst(field + ".from")) + ".."
                            + text(sent.getFirst(field + ".to")) : chosen;
                }
                case COLUMNS -> String.join(",", sent.getOrDefault(field, List.of()));
                // The segment builder keeps the definition in "list"; without JavaScript, the text box is it.
                case CUSTOMER_LIST -> text(sent.containsKey("list") ? sent.getFirst("list") : sent.getFirst(field));
            };
            form.settings.add(setting(report, parameter, value.isEmpty() || value.equals("..") ? null : value, open));
        }
        return form;
    }

    private static Setting setting(ReportDefinition report, ParameterDefinition parameter, String value,
            boolean open) {
        String label = switch (parameter.type()) {
            case PERIOD -> "Period";
            case COLUMNS -> "Columns";
            case CUSTOMER_LIST -> "Who is on the list";
        };
        String shown = value;
        String from = null;
        String to = null;
        if (parameter.type() == ParameterType.PERIOD && value != null && !PRESETS.contains(value)) {
            shown = CUSTOM;
            int dots = value.indexOf("..");
            from = dots < 0 ? null : value.substring(0, dots);
            to = dots < 0 ? null : value.substring(dots + 2);
        }
        Set<String> columns = new LinkedHashSet<>();
        if (parameter.type() == ParameterType.COLUMNS) {
            columns.addAll(value == null ? report.columns().stream().map(Column::field).toList()
                    : List.of(value.split(",")));
        }
        return new Setting(parameter.name(), label, parameter.description(), parameter.type(), shown, from, to,
                columns, open);
    }

    /** What the form asks to save. */
    SavedReportDraft draft() {
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        for (Setting setting : settings) {
            String value = setting.isPeriod() && CUSTOM.equals(setting.value())
                    ? setting.from() + ".." + setting.to() : setting.value();
            if (setting.isColumns()) {
                value = setting.chosenColumns().isEmpty() ? null : String.join(",", setting.chosenColumns());
            }
            if (value != null) {
                parameters.put(setting.name(), value);
            }
            if (setting.open()) {
                open.add(setting.name());
            }
        }
        if (formatOpen) {
            open.add(SavedReport.FORMAT);
        }
        OutputFormat chosen = format.equals("CSV") ? OutputFormat.CSV
                : format.equals("XLSX") ? OutputFormat.XLSX : null;
        return new SavedReportDraft(name, description, report.id(), parameters, open, chosen);
    }

    /** The customer list's definition, for the segment builder; null for another report. */
    public String list() {
        for (Setting setting : settings) {
            if (setting.isCustomerList()) {
                return setting.value();
            }
        }
        return null;
    }

    public ReportDefinition report() {
        return report;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String format() {
        return format;
    }

    public boolean formatOpen() {
        return formatOpen;
    }

    public List<Setting> settings() {
        return settings;
    }

    public List<Preset> presets() {
        return presets;
    }

    /** The report's columns, for the column choices. */
    public List<Column> columns() {
        return report.columns();
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
