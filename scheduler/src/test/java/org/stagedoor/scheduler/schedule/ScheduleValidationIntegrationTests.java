package org.stagedoor.scheduler.schedule;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.SavedDefinitions;
import org.stagedoor.scheduler.delivery.DeliveryMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A schedule that cannot work is refused with a message per field, and nothing is saved. */
class ScheduleValidationIntegrationTests extends SchedulerNodeIntegrationTest {

    @Autowired
    private Schedules schedules;

    @Autowired
    private SavedReports savedReports;

    @Test
    void refusesAnInvalidCronExpression() throws SchedulerException {
        assertRefused(request(When.cron("0 61 7 * * *"), FanOut.ONE_PARTNER, 1L, List.of("a@venue.example")),
                "when.cron", "That is not a valid schedule: the minute must be 0–59");
    }

    @Test
    void refusesAnUnknownSavedReportAndAnUnknownPartnerCompany() throws SchedulerException {
        ScheduleRequest unknownReport = new ScheduleRequest("Sales", 404L, Map.of(), null,
                When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests");
        assertRefused(unknownReport, "savedReport", "is not a saved report or list");
        assertRefused(request(When.dailyAt(LocalTime.of(7, 0)), FanOut.ONE_PARTNER, 99L, List.of("a@venue.example")),
                "partnerCompanyId", "no partner company has this id");
    }

    @Test
    void refusesAWithdrawnSavedReportByItsName() throws SchedulerException {
        long sales = weeklySales();
        savedReports.retire(sales);

        assertRefused(new ScheduleRequest("Sales", sales, Map.of(), null, When.dailyAt(LocalTime.of(7, 0)), null, null,
                FanOut.ONE_PARTNER, 1L, null, false, List.of("a@venue.example"), true, "tests"),
                "savedReport", "\"" + savedReports.get(sales).name() + "\" was withdrawn; choose another");
    }

    @Test
    void refusesAVenueOnlyReportFannedOutToPartnerCompanies() throws SchedulerException {
        long facilitated = savedReports.create(null, new SavedReportDraft("Facilitated orders", "",
                "facilitated-sales", Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();
        ScheduleRequest request = new ScheduleRequest("Facilitated", facilitated, Map.of(), null,
                When.weeklyOn(java.time.DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null,
                FanOut.PARTNERS_WITH_EVENTS, null, null, true, List.of("a@venue.example"), true, "tests");
        assertRefused(request, "fanOut", "\"Facilitated orders\" is for the venue's staff only and cannot be run for"
                + " or sent to partner companies");
    }

    @Test
    void refusesAChosenValueForAParameterTheDefinitionFixesInWords() throws SchedulerException {
        // issue 14: a schedule chooses only what its saved report leaves open.
        long sales = savedReports.create(null, new SavedReportDraft("Last week's sales", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(SavedReport.FORMAT), OutputFormat.XLSX), "tests").id();
        ScheduleRequest request = new ScheduleRequest("Sales", sales, Map.of("period", "previous-month"),
                OutputFormat.CSV, When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests");

        InvalidRequestException refused = assertRefused(request, "parameters.period",
                "is set by \"Last week's sales\" and cannot be changed when it runs");
        assertThat(refused.errors()).containsExactly(new FieldError("parameters.period",
                "is set by \"Last week's sales\" and cannot be changed when it runs"));
    }

    @Test
    void refusesAFormatTheDefinitionFixes() throws SchedulerException {
        ScheduleRequest request = new ScheduleRequest("Sales", weeklySales(), Map.of(), OutputFormat.CSV,
                When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests");

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> schedules.create(request));
        assertThat(refused.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("format");
            assertThat(error.message()).endsWith("always makes a XLSX file");
        });
    }

    @Test
    void refusesBadChosenValuesAsTheRunWould() throws SchedulerException {
        ScheduleRequest request = new ScheduleRequest("Sales", openSales(), Map.of("period", "last-fortnight"),
                OutputFormat.CSV, When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests");
        assertRefused(request, "parameters.period", "previous-week");
    }

    /** Covers issue 13 item 7: a parameter the report does not have is refused in words, its name not repeated. */
    @Test
    void refusesAParameterTheReportDoesNotHaveWithoutRepeatingItsName() throws SchedulerException {
        String name = "colour" + "x".repeat(1_000);
        ScheduleRequest request = new ScheduleRequest("Sales", openSales(),
                Map.of("period", "previous-week", name, "red"), OutputFormat.CSV, When.dailyAt(LocalTime.of(7, 0)),
                null, null, FanOut.ONE_PARTNER, 1L, null, false, List.of("a@venue.example"), true, "tests");

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> schedules.create(request));
        assertThat(refused.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("parameters");
            assertThat(error.message()).startsWith("names a setting \"partner-event-sales ")
                    .endsWith("\" does not have").doesNotContain("colour");
        });
    }

    @Test
    void aPartnerCompanysOwnListIsScheduledOnlyForThatCompany() throws SchedulerException {
        jdbc.sql("update partner_company set builds_own_lists = true where id = 1").update();
        long own = savedReports.create(1L, new SavedReportDraft("Our regulars", "", "customer-list",
                Map.of("list", """
                        {"name": "Our regulars",
                         "segments": [{"type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}],
                         "columns": ["first_name", "email"]}"""), List.of(), OutputFormat.CSV), "tests").id();

        assertRefused(new ScheduleRequest("Regulars", own, Map.of(), null, When.dailyAt(LocalTime.of(7, 0)), null,
                null, FanOut.ONE_PARTNER, 2L, null, false, List.of("a@venue.example"), true, "tests"),
                "savedReport", "\"Our regulars\" is a list Northern Lights Productions made for itself: it can be"
                        + " scheduled only for Northern Lights Productions (one partner company)");
        assertRefused(new ScheduleRequest("Regulars", own, Map.of(), null, When.dailyAt(LocalTime.of(7, 0)), null,
                null, FanOut.PARTNERS_COLLECTING_PREFERENCES, null, null, false, List.of("a@venue.example"), true,
                "tests"), "savedReport", "can be scheduled only for Northern Lights Productions");

        Schedule schedule = schedules.create(new ScheduleRequest("Regulars", own, Map.of(), null,
                When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests"));
        assertThat(schedule.savedReportId()).isEqualTo(own);
        assertThat(schedule.reportId()).isEqualTo("customer-list");
    }

    @Test
    void refusesAnUnknownTimeZoneAndNamesEveryProblemAtOnce() throws SchedulerException {
        ScheduleRequest request = new ScheduleRequest(" ", null, Map.of(), null, When.cron("whenever"),
                "Mars/Olympus", null, null, null, null, false, List.of(), true, "tests");
        InvalidRequestException refused = assertRefused(request, "timeZone", "is not a time zone");
        assertThat(refused.errors()).extracting(FieldError::field)
                .contains("name", "savedReport", "when.cron", "fanOut", "recipients");
        // Covers issue 13 item 7: what was sent is not repeated.
        assertThat(refused.errors()).extracting(FieldError::message).noneMatch(message -> message.contains("Mars")
                || message.contains("whenever"));
    }

    @Test
    void savesAValidScheduleWithItsDefaultsAndShowsItsNextFiveFireTimes() {
        long optIn = SavedDefinitions.fixed(savedReports, "partner-optin-list", Map.of(), OutputFormat.XLSX);
        Schedule schedule = schedules.create(new ScheduleRequest("Opted-in list", optIn, Map.of(),
                null, When.weeklyOn(java.time.DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null,
                FanOut.PARTNERS_COLLECTING_PREFERENCES, null, null, true,
                List.of("Marketing@Venue.example", "marketing@venue.example"), true, "tests"));

        // Personal data to partner companies goes as a portal link unless asked otherwise; the venue's zone.
        assertThat(schedule.deliveryMode()).isEqualTo(DeliveryMode.LINK);
        assertThat(schedule.timeZone().getId()).isEqualTo("Europe/London");
        assertThat(schedule.misfirePolicy()).isEqualTo(MisfirePolicy.RUN_ONCE);
        assertThat(schedule.recipients()).containsExactly("Marketing@Venue.example");
        assertThat(schedule.cronExpression()).isEqualTo("0 0 7 * * MON");
        assertThat(schedule.savedReportId()).isEqualTo(optIn);
        assertThat(schedule.reportId()).isEqualTo("partner-optin-list");
        assertThat(schedule.parameters()).isEmpty();
        assertThat(schedule.format()).isNull();
        List<ZonedDateTime> preview = schedules.preview(schedule.id());
        assertThat(preview).hasSize(5).allSatisfy(fire -> {
            assertThat(fire.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(fire.toLocalTime()).isEqualTo(LocalTime.of(7, 0));
            assertThat(fire.getZone().getId()).isEqualTo("Europe/London");
        });
        assertThat(schedules.nextFire(schedule)).isEqualTo(preview.get(0));
    }

    @Test
    void operationsOnAMissingScheduleAnswerNotFound() {
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> schedules.pause(404));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> schedules.runNow(404, "tests"));
    }

    private InvalidRequestException assertRefused(ScheduleRequest request, String field, String message)
            throws SchedulerException {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> schedules.create(request));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(message);
        });
        assertThat(jdbc.sql("select count(*) from schedule").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from schedule_recipient").query(Long.class).single()).isZero();
        // Only the node's own housekeeping job, installed when a fresh context starts, may be there.
        assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup()))
                .allMatch(job -> job.getGroup().equals("housekeeping"));
        return refused;
    }

    private ScheduleRequest request(When when, FanOut fanOut, Long partner, List<String> recipients) {
        return new ScheduleRequest("Weekly sales", weeklySales(), Map.of(), null, when, null, null, fanOut, partner,
                null, false, recipients, true, "tests");
    }

    /** Event sales of the previous week, everything fixed. */
    private long weeklySales() {
        return SavedDefinitions.fixed(savedReports, "partner-event-sales", Map.of("period", "previous-week"),
                OutputFormat.XLSX);
    }

    /** Event sales whose period and file the schedule chooses. */
    private long openSales() {
        return SavedDefinitions.withOpen(savedReports, "partner-event-sales", Map.of("period", "previous-week"),
                List.of("period", SavedReport.FORMAT), OutputFormat.XLSX);
    }
}
