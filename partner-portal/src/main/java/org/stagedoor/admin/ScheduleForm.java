package org.stagedoor.admin;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ParameterDefinition;
import org.stagedoor.batch.report.ParameterType;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.ListSends;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;

/**
 * The schedule form as typed: everything is text until {@link #toWhen()} and {@link #toRequest} read it, so
 * that a value that cannot be read is refused next to its field like any other. Field names are those of
 * {@link ScheduleRequest}, which names the fields of its refusals the same way. The saved report is chosen from a
 * list; only its open parameters are fields: a period as a preset or custom dates, columns as ticks, the file when
 * the definition leaves it open.
 */
public class ScheduleForm {

    /** How the time is given: a cron expression, or one of the presets of {@link When}. */
    public enum WhenMode {
        CRON, DAILY, WEEKLY, MONTHLY
    }

    /** The value of a period field that means "the dates below". */
    static final String CUSTOM = "custom";

    private String name = "";

    private String savedReport = "";

    /** The chosen values of open parameters, by name; the API sends them as the report takes them. */
    private Map<String, String> parameters = new LinkedHashMap<>();

    private String periodFrom = "";

    private String periodTo = "";

    private List<String> columns = new ArrayList<>();

    /** Whether the form showed the column ticks: none ticked then means the definition's columns. */
    private boolean columnsShown;

    private String format = "";

    private String whenMode = WhenMode.WEEKLY.name();

    private String cron = "";

    private String at = "07:00";

    private String dayOfWeek = DayOfWeek.MONDAY.name();

    private String dayOfMonth = "1";

    private String timeZone = "";

    private String misfirePolicy = MisfirePolicy.RUN_ONCE.name();

    private String fanOut = FanOut.ONE_PARTNER.name();

    private String partnerCompanyId = "";

    private String recipients = "";

    private String deliveryMode = "";

    /** WHOLE_LIST or CHANGES; empty for the whole list. */
    private String sends = "";

    private boolean sendToPartnerUsers;

    private boolean enabled = true;

    /** A new schedule's form, its times read in the venue's time zone. */
    static ScheduleForm blank(String venueTimeZone) {
        ScheduleForm form = new ScheduleForm();
        form.setTimeZone(venueTimeZone);
        return form;
    }

    /**
     * A saved schedule's form: its time as the cron expression it is stored as (a preset becomes one), each open
     * parameter at the value the schedule chose, or the definition's.
     */
    static ScheduleForm of(Schedule schedule, SavedReport definition, ReportDefinition report) {
        ScheduleForm form = new ScheduleForm();
        form.setName(schedule.name());
        form.setSavedReport(Long.toString(schedule.savedReportId()));
        form.setParameters(new LinkedHashMap<>(schedule.parameters()));
        form.setFormat(schedule.format() == null ? "" : schedule.format().name());
        form.setWhenMode(WhenMode.CRON.name());
        form.setCron(schedule.cronExpression());
        // A time a preset made is shown as that preset again.
        When preset = ScheduleWords.preset(schedule.cronExpression());
        if (preset != null) {
            form.setWhenMode(preset.frequency().name());
            form.setAt(preset.at().toString());
            form.setDayOfWeek(preset.dayOfWeek() == null ? DayOfWeek.MONDAY.name() : preset.dayOfWeek().name());
            form.setDayOfMonth(preset.dayOfMonth() == null ? "1" : preset.dayOfMonth().toString());
        }
        form.setTimeZone(schedule.timeZone().getId());
        form.setMisfirePolicy(schedule.misfirePolicy().name());
        form.setFanOut(schedule.fanOut().name());
        form.setPartnerCompanyId(schedule.partnerCompanyId() == null ? "" : schedule.partnerCompanyId().toString());
        form.setRecipients(String.join("\n", schedule.recipients()));
        form.setDeliveryMode(schedule.deliveryMode().name());
        form.setSends(schedule.sends().name());
        form.setSendToPartnerUsers(schedule.sendToPartnerUsers());
        form.setEnabled(schedule.enabled());
        if (definition != null && report != null) {
            form.fillOpen(definition, report);
        }
        return form;
    }

    /**
     * Shows each open parameter the form has no value for at the definition's value (or the report's default),
     * the format at the definition's, and a custom period as its two dates.
     */
    void fillOpen(SavedReport definition, ReportDefinition report) {
        for (ParameterDefinition parameter : report.parameters()) {
            if (!definition.isOpen(parameter.name())) {
                continue;
            }
            String value = parameters.get(parameter.name());
            if (value == null || value.isBlank()) {
                value = definition.parameters().getOrDefault(parameter.name(), parameter.defaultValue());
            }
            if (value == null) {
                continue;
            }
            if (parameter.type() == ParameterType.PERIOD && value.contains("..")) {
                periodFrom = value.substring(0, value.indexOf(".."));
                periodTo = value.substring(value.indexOf("..") + 2);
                value = CUSTOM;
            }
            if (parameter.type() == ParameterType.COLUMNS && columns.isEmpty()) {
                columns = new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).toList());
            }
            parameters.put(parameter.name(), value);
        }
        if (format.isBlank() && definition.isOpen(SavedReport.FORMAT)) {
            format = definition.format().name();
        }
    }

    /** When it fires, as typed; refused with field messages when a value cannot be read. */
    When toWhen() {
        List<FieldError> errors = new ArrayList<>();
        When when = when(errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return when;
    }

    /**
     * The request this form makes; refused with every value that cannot be read, before anything is checked.
     *
     * @param report the report of the chosen definition, whose period and columns fields the console shows; null
     *        when none is chosen
     */
    ScheduleRequest toRequest(String requestedBy, ReportDefinition report) {
        List<FieldError> errors = new ArrayList<>();
        When when = when(errors);
        Long saved = option("savedReport", savedReport, Long::valueOf, errors);
        OutputFormat outputFormat = option("format", format, OutputFormat::valueOf, errors);
        MisfirePolicy misfire = option("misfirePolicy", misfirePolicy, MisfirePolicy::valueOf, errors);
        FanOut fan = option("fanOut", fanOut, FanOut::valueOf, errors);
        DeliveryMode mode = option("deliveryMode", deliveryMode, DeliveryMode::valueOf, errors);
        ListSends listSends = option("sends", sends, ListSends::valueOf, errors);
        Long partner = option("partnerCompanyId", partnerCompanyId, Long::valueOf, errors);
        Map<String, String> given = new LinkedHashMap<>();
        parameters.forEach((parameter, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(parameter, value.strip());
            }
        });
        if (report != null) {
            for (ParameterDefinition parameter : report.parameters()) {
                String field = Schedules.PARAMETERS + "." + parameter.name();
                if (parameter.type() == ParameterType.PERIOD && CUSTOM.equals(given.get(parameter.name()))) {
                    if (periodFrom.isBlank() || periodTo.isBlank()) {
                        errors.add(new FieldError(field, "choose the first and the last day of the custom period"));
                    }
                    given.put(parameter.name(), periodFrom.strip() + ".." + periodTo.strip());
                }
                if (parameter.type() == ParameterType.COLUMNS && columnsShown) {
                    if (columns.isEmpty()) {
                        given.remove(parameter.name());
                    }
                    else {
                        given.put(parameter.name(), String.join(",", columns));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new ScheduleRequest(name, saved, given, outputFormat, when, blankToNull(timeZone), misfire, fan,
                partner, mode, sendToPartnerUsers, recipientList(), enabled, requestedBy, listSends);
    }

    /** The fixed addresses, one per line or separated by commas or semicolons. */
    List<String> recipientList() {
        return Arrays.stream(recipients.split("[,;\\r\\n]+")).map(String::strip).filter(text -> !text.isEmpty())
                .toList();
    }

    /** The chosen definition's id; null when none (or not a number). */
    Long savedReportId() {
        try {
            return savedReport.isBlank() ? null : Long.valueOf(savedReport.strip());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private When when(List<FieldError> errors) {
        WhenMode mode = option("whenMode", whenMode, WhenMode::valueOf, errors);
        if (mode == null) {
            if (errors.stream().noneMatch(error -> error.field().equals("whenMode"))) {
                errors.add(new FieldError("when", "choose a cron expression or a preset (daily, weekly, monthly)"));
            }
            return null;
        }
        if (mode == WhenMode.CRON) {
            return When.cron(cron == null ? "" : cron.strip());
        }
        LocalTime time = option("when.at", at, LocalTime::parse, errors);
        DayOfWeek day = mode == WhenMode.WEEKLY
                ? option("when.dayOfWeek", dayOfWeek, DayOfWeek::valueOf, errors) : null;
        Integer dayNumber = mode == WhenMode.MONTHLY ? option("when.dayOfMonth", dayOfMonth, Integer::valueOf, errors)
                : null;
        return new When(null, When.Frequency.valueOf(mode.name()), time, day, dayNumber);
    }

    /** A value read from its text; null when blank; a field error when it cannot be read. */
    private static <T> T option(String field, String text, Function<String, T> read, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return read.apply(text.strip());
        }
        catch (IllegalArgumentException | DateTimeParseException ex) {
            errors.add(new FieldError(field, "is not a valid value"));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getSavedReport() {
        return savedReport;
    }

    public void setSavedReport(String savedReport) {
        this.savedReport = savedReport == null ? "" : savedReport;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters == null ? new LinkedHashMap<>() : parameters;
    }

    public String getPeriodFrom() {
        return periodFrom;
    }

    public void setPeriodFrom(String periodFrom) {
        this.periodFrom = periodFrom == null ? "" : periodFrom;
    }

    public String getPeriodTo() {
        return periodTo;
    }

    public void setPeriodTo(String periodTo) {
        this.periodTo = periodTo == null ? "" : periodTo;
    }

    public List<String> getColumns() {
        return columns;
    }

    public void setColumns(List<String> columns) {
        this.columns = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
    }

    public boolean isColumnsShown() {
        return columnsShown;
    }

    public void setColumnsShown(boolean columnsShown) {
        this.columnsShown = columnsShown;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format == null ? "" : format;
    }

    public String getWhenMode() {
        return whenMode;
    }

    public void setWhenMode(String whenMode) {
        this.whenMode = whenMode;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron == null ? "" : cron;
    }

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    public String getDayOfWeek() {
        return dayOfWeek;
    }

    public void setDayOfWeek(String dayOfWeek) {
        this.dayOfWeek = dayOfWeek;
    }

    public String getDayOfMonth() {
        return dayOfMonth;
    }

    public void setDayOfMonth(String dayOfMonth) {
        this.dayOfMonth = dayOfMonth;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone == null ? "" : timeZone;
    }

    public String getMisfirePolicy() {
        return misfirePolicy;
    }

    public void setMisfirePolicy(String misfirePolicy) {
        this.misfirePolicy = misfirePolicy;
    }

    public String getFanOut() {
        return fanOut;
    }

    public void setFanOut(String fanOut) {
        this.fanOut = fanOut;
    }

    public String getPartnerCompanyId() {
        return partnerCompanyId;
    }

    public void setPartnerCompanyId(String partnerCompanyId) {
        this.partnerCompanyId = partnerCompanyId == null ? "" : partnerCompanyId;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients == null ? "" : recipients;
    }

    public String getDeliveryMode() {
        return deliveryMode;
    }

    public void setDeliveryMode(String deliveryMode) {
        this.deliveryMode = deliveryMode == null ? "" : deliveryMode;
    }

    public String getSends() {
        return sends;
    }

    public void setSends(String sends) {
        this.sends = sends == null ? "" : sends;
    }

    /** Whether the page shows this choice as chosen: the whole list when none was made, as a schedule then sends. */
    public boolean sendsChosen(ListSends option) {
        return sends.isEmpty() ? option == ListSends.WHOLE_LIST : option.name().equals(sends);
    }

    public boolean isSendToPartnerUsers() {
        return sendToPartnerUsers;
    }

    public void setSendToPartnerUsers(boolean sendToPartnerUsers) {
        this.sendToPartnerUsers = sendToPartnerUsers;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
