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
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.When;

/**
 * The schedule form as typed: everything is text until {@link #toWhen()} and {@link #toRequest(String)}
 * read it, so that a value that cannot be read is refused next to its field like any other. Field names
 * are those of {@link ScheduleRequest}, which names the fields of its refusals the same way.
 */
public class ScheduleForm {

    /** How the time is given: a cron expression, or one of the presets of {@link When}. */
    public enum WhenMode {
        CRON, DAILY, WEEKLY, MONTHLY
    }

    private String name = "";

    private String reportId = "";

    private Map<String, String> parameters = new LinkedHashMap<>();

    private String format = OutputFormat.XLSX.name();

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

    private boolean sendToPartnerUsers;

    private boolean enabled = true;

    /** A new schedule's form, its times read in the venue's time zone. */
    static ScheduleForm blank(String venueTimeZone) {
        ScheduleForm form = new ScheduleForm();
        form.setTimeZone(venueTimeZone);
        return form;
    }

    /** A saved schedule's form: its time as the cron expression it is stored as (a preset becomes one). */
    static ScheduleForm of(Schedule schedule) {
        ScheduleForm form = new ScheduleForm();
        form.setName(schedule.name());
        form.setReportId(schedule.reportId());
        form.setParameters(new LinkedHashMap<>(schedule.parameters()));
        form.setFormat(schedule.format().name());
        form.setWhenMode(WhenMode.CRON.name());
        form.setCron(schedule.cronExpression());
        form.setTimeZone(schedule.timeZone().getId());
        form.setMisfirePolicy(schedule.misfirePolicy().name());
        form.setFanOut(schedule.fanOut().name());
        form.setPartnerCompanyId(schedule.partnerCompanyId() == null ? "" : schedule.partnerCompanyId().toString());
        form.setRecipients(String.join("\n", schedule.recipients()));
        form.setDeliveryMode(schedule.deliveryMode().name());
        form.setSendToPartnerUsers(schedule.sendToPartnerUsers());
        form.setEnabled(schedule.enabled());
        return form;
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

    /** The request this form makes; refused with every value that cannot be read, before anything is checked. */
    ScheduleRequest toRequest(String requestedBy) {
        List<FieldError> errors = new ArrayList<>();
        When when = when(errors);
        OutputFormat outputFormat = option("format", format, OutputFormat::valueOf, errors);
        MisfirePolicy misfire = option("misfirePolicy", misfirePolicy, MisfirePolicy::valueOf, errors);
        FanOut fan = option("fanOut", fanOut, FanOut::valueOf, errors);
        DeliveryMode mode = option("deliveryMode", deliveryMode, DeliveryMode::valueOf, errors);
        Long partner = option("partnerCompanyId", partnerCompanyId, Long::valueOf, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Map<String, String> given = new LinkedHashMap<>();
        parameters.forEach((parameter, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(parameter, value.strip());
            }
        });
        return new ScheduleRequest(name, blankToNull(reportId), given, outputFormat, when, blankToNull(timeZone),
                misfire, fan, partner, mode, sendToPartnerUsers, recipientList(), enabled, requestedBy);
    }

    /** The fixed addresses, one per line or separated by commas or semicolons. */
    List<String> recipientList() {
        return Arrays.stream(recipients.split("[,;\\r\\n]+")).map(String::strip).filter(text -> !text.isEmpty())
                .toList();
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

    public String getReportId() {
        return reportId;
    }

    public void setReportId(String reportId) {
        this.reportId = reportId == null ? "" : reportId;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters == null ? new LinkedHashMap<>() : parameters;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
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
