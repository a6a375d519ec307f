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
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.delivery.DeliveryMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A schedule that cannot work is refused with a message per field, and nothing is saved (R-4). */
class ScheduleValidationIntegrationTests extends SchedulerNodeIntegrationTest {

    @Autowired
    private Schedules schedules;

    @Test
    void refusesAnInvalidCronExpression() throws SchedulerException {
        assertRefused(request(When.cron("0 61 7 * * *"), FanOut.ONE_PARTNER, 1L, List.of("a@venue.example")),
                "when.cron", "must be a cron expression: six fields");
    }

    @Test
    void refusesAnUnknownReportAndAnUnknownPartnerCompany() throws SchedulerException {
        ScheduleRequest unknownReport = new ScheduleRequest("Sales", "partner-everything", Map.of(), OutputFormat.CSV,
                When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests");
        assertRefused(unknownReport, "reportId", "is not a known report; reports: ");
        assertRefused(request(When.dailyAt(LocalTime.of(7, 0)), FanOut.ONE_PARTNER, 99L, List.of("a@venue.example")),
                "partnerCompanyId", "no partner company has this id");
    }

    @Test
    void refusesAScheduleWithNoRecipientsOrMalformedAddresses() throws SchedulerException {
        assertRefused(request(When.dailyAt(LocalTime.of(7, 0)), FanOut.ONE_PARTNER, 1L, List.of()),
                "recipients", "name at least one address");
        InvalidRequestException refused = assertRefused(request(When.dailyAt(LocalTime.of(7, 0)), FanOut.ONE_PARTNER,
                1L, List.of("ok@venue.example", "not an address", "nobody@")), "recipients[1]", "is not an email address");
        assertThat(refused.errors()).extracting(FieldError::field).contains("recipients[2]")
                .doesNotContain("recipients[0]");
        assertThat(refused.errors()).extracting(FieldError::message).noneMatch(message -> message.contains("nobody"));
    }

    @Test
    void refusesAVenueOnlyReportFannedOutToPartnerCompanies() throws SchedulerException {
        ScheduleRequest request = new ScheduleRequest("Facilitated", "facilitated-sales",
                Map.of("period", "previous-week"), OutputFormat.XLSX, When.weeklyOn(java.time.DayOfWeek.MONDAY,
                        LocalTime.of(7, 0)), null, null, FanOut.PARTNERS_WITH_EVENTS, null, null, true,
                List.of("a@venue.example"), true, "tests");
        assertRefused(request, "fanOut", "is for the venue only");
    }

    @Test
    void refusesBadParametersAsTheRunWould() throws SchedulerException {
        ScheduleRequest request = new ScheduleRequest("Sales", "partner-event-sales", Map.of("period", "last-fortnight"),
                OutputFormat.CSV, When.dailyAt(LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, false,
                List.of("a@venue.example"), true, "tests");
        assertRefused(request, "parameters.period", "previous-week");
    }

    /** Covers issue 13 item 7: a parameter the report does not have is refused under "parameters", never named. */
    @Test
    void refusesAParameterTheReportDoesNotHaveWithoutRepeatingItsName() throws SchedulerException {
        String name = "colour" + "x".repeat(1_000);
        ScheduleRequest request = new ScheduleRequest("Sales", "partner-event-sales",
                Map.of("period", "previous-week", name, "red"), OutputFormat.CSV, When.dailyAt(LocalTime.of(7, 0)),
                null, null, FanOut.ONE_PARTNER, 1L, null, false, List.of("a@venue.example"), true, "tests");

        InvalidRequestException refused = assertRefused(request, "parameters",
                "names a parameter report partner-event-sales does not have; it takes period");
        assertThat(refused.errors()).allSatisfy(error -> assertThat(error.field() + error.message())
                .doesNotContain("colour"));
    }

    @Test
    void refusesAnUnknownTimeZoneAndNamesEveryProblemAtOnce() throws SchedulerException {
        ScheduleRequest request = new ScheduleRequest(" ", "partner-event-sales", Map.of("period", "previous-week"),
                null, When.cron("whenever"), "Mars/Olympus", null, null, null, null, false, List.of(), true, "tests");
        InvalidRequestException refused = assertRefused(request, "timeZone", "is not a time zone");
        assertThat(refused.errors()).extracting(FieldError::field)
                .contains("name", "format", "when.cron", "fanOut", "recipients");
        // Covers issue 13 item 7: what was sent is not repeated.
        assertThat(refused.errors()).extracting(FieldError::message).noneMatch(message -> message.contains("Mars")
                || message.contains("whenever"));
    }

    @Test
    void savesAValidScheduleWithItsDefaultsAndShowsItsNextFiveFireTimes() {
        Schedule schedule = schedules.create(new ScheduleRequest("Opted-in list", "partner-optin-list", Map.of(),
                OutputFormat.XLSX, When.weeklyOn(java.time.DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null,
                FanOut.PARTNERS_COLLECTING_PREFERENCES, null, null, true,
                List.of("Marketing@Venue.example", "marketing@venue.example"), true, "tests"));

        // Personal data to partner companies goes as a portal link unless asked otherwise; the venue's zone.
        assertThat(schedule.deliveryMode()).isEqualTo(DeliveryMode.LINK);
        assertThat(schedule.timeZone().getId()).isEqualTo("Europe/London");
        assertThat(schedule.misfirePolicy()).isEqualTo(MisfirePolicy.RUN_ONCE);
        assertThat(schedule.recipients()).containsExactly("Marketing@Venue.example");
        assertThat(schedule.cronExpression()).isEqualTo("0 0 7 * * MON");
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
        assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
        return refused;
    }

    private static ScheduleRequest request(When when, FanOut fanOut, Long partner, List<String> recipients) {
        return new ScheduleRequest("Weekly sales", "partner-event-sales", Map.of("period", "previous-week"),
                OutputFormat.CSV, when, null, null, fanOut, partner, null, false, recipients, true, "tests");
    }
}
