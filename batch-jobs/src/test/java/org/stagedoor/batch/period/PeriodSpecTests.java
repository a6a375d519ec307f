package org.stagedoor.batch.period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PeriodSpecTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A Wednesday. */
    private static final LocalDate WEDNESDAY_11_NOV_2026 = LocalDate.of(2026, 11, 11);

    @Test
    void previousWeekIsMondayToSundayOfTheWeekBefore() {
        assertThat(PeriodSpec.parse("previous-week").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-11-02", "2026-11-08"));
    }

    @Test
    void previousWeekOnAMondayOrASundayIsStillTheWeekBeforeThisOne() {
        PeriodSpec spec = PeriodSpec.parse("previous-week");

        assertThat(spec.resolve(LocalDate.of(2026, 11, 9))).isEqualTo(period("2026-11-02", "2026-11-08"));
        assertThat(spec.resolve(LocalDate.of(2026, 11, 15))).isEqualTo(period("2026-11-02", "2026-11-08"));
    }

    @Test
    void previousWeekRunsAcrossTheNewYear() {
        assertThat(PeriodSpec.parse("previous-week").resolve(LocalDate.of(2027, 1, 4)))
                .isEqualTo(period("2026-12-28", "2027-01-03"));
    }

    @Test
    void previousWeekWithTheClocksGoingForwardLasts167Hours() {
        Period week = PeriodSpec.parse("previous-week").resolve(LocalDate.of(2026, 4, 1));

        assertThat(week).isEqualTo(period("2026-03-23", "2026-03-29"));
        assertThat(week.start(LONDON)).isEqualTo(Instant.parse("2026-03-23T00:00:00Z"));
        assertThat(week.endExclusive(LONDON)).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
        assertThat(Duration.between(week.start(LONDON), week.endExclusive(LONDON))).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void previousWeekWithTheClocksGoingBackLasts169Hours() {
        Period week = PeriodSpec.parse("previous-week").resolve(LocalDate.of(2026, 10, 28));

        assertThat(week).isEqualTo(period("2026-10-19", "2026-10-25"));
        assertThat(week.start(LONDON)).isEqualTo(Instant.parse("2026-10-18T23:00:00Z"));
        assertThat(week.endExclusive(LONDON)).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
        assertThat(Duration.between(week.start(LONDON), week.endExclusive(LONDON))).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void lastNDaysAreTheCompleteDaysEndingYesterday() {
        assertThat(PeriodSpec.parse("last-7-days").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-11-04", "2026-11-10"));
        assertThat(PeriodSpec.parse("last-1-days").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-11-10", "2026-11-10"));
    }

    @Test
    void lastNDaysRunBackIntoTheYearBefore() {
        Period days = PeriodSpec.parse("last-90-days").resolve(LocalDate.of(2027, 1, 3));

        assertThat(days).isEqualTo(period("2026-10-05", "2027-01-02"));
        assertThat(days.days()).isEqualTo(90);
    }

    @Test
    void monthToDateRunsFromTheFirstToToday() {
        assertThat(PeriodSpec.parse("month-to-date").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-11-01", "2026-11-11"));
        assertThat(PeriodSpec.parse("month-to-date").resolve(LocalDate.of(2027, 1, 1)))
                .isEqualTo(period("2027-01-01", "2027-01-01"));
    }

    @Test
    void previousMonthIsTheWholeOfLastMonth() {
        assertThat(PeriodSpec.parse("previous-month").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-10-01", "2026-10-31"));
        assertThat(PeriodSpec.parse("previous-month").resolve(LocalDate.of(2027, 1, 15)))
                .isEqualTo(period("2026-12-01", "2026-12-31"));
        assertThat(PeriodSpec.parse("previous-month").resolve(LocalDate.of(2028, 3, 31)))
                .isEqualTo(period("2028-02-01", "2028-02-29"));
    }

    @Test
    void nextNDaysStartToday() {
        assertThat(PeriodSpec.parse("next-7-days").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-11-11", "2026-11-17"));
        assertThat(PeriodSpec.parse("next-1-days").resolve(WEDNESDAY_11_NOV_2026))
                .isEqualTo(period("2026-11-11", "2026-11-11"));
        assertThat(PeriodSpec.parse("next-5-days").resolve(LocalDate.of(2026, 12, 30)))
                .isEqualTo(period("2026-12-30", "2027-01-03"));
    }

    @Test
    void customDatesAreFixedAndIncludeBothEnds() {
        PeriodSpec spec = PeriodSpec.parse("2026-12-30..2027-01-05");

        assertThat(spec.resolve(WEDNESDAY_11_NOV_2026)).isEqualTo(period("2026-12-30", "2027-01-05"));
        assertThat(spec.resolve(LocalDate.of(2030, 1, 1))).isEqualTo(period("2026-12-30", "2027-01-05"));
        assertThat(PeriodSpec.parse("2026-11-09..2026-11-09").resolve(WEDNESDAY_11_NOV_2026).days()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "previous-week", "last-7-days", "month-to-date", "previous-month", "next-30-days",
            "2026-12-30..2027-01-05", "last-3660-days" })
    void theTextRoundTrips(String text) {
        PeriodSpec spec = PeriodSpec.parse(text);

        assertThat(spec.spec()).isEqualTo(text);
        assertThat(spec).hasToString(text);
        assertThat(PeriodSpec.parse(spec.spec())).isEqualTo(spec);
    }

    @Test
    void surroundingSpaceAndCapitalsAreForgiven() {
        assertThat(PeriodSpec.parse(" Previous-Week ")).isEqualTo(PeriodSpec.previousWeek());
    }

    @ParameterizedTest
    @ValueSource(strings = { "last week", "previous-weeks", "last-N-days", "last--1-days", "last-7-day", "next-days",
            "2026-11-09", "2026-11-09...2026-11-15", "09/11/2026..15/11/2026", "1; drop table customer" })
    void refusesTextThatIsNoneOfTheFormsAndNamesTheAcceptedOnes(String text) {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> PeriodSpec.parse("segments[2].period", text));

        assertThat(refused.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("segments[2].period");
            assertThat(error.message()).contains("previous-week", "last-N-days", "month-to-date", "previous-month",
                    "next-N-days", "YYYY-MM-DD..YYYY-MM-DD");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "last-0-days", "next-0-days", "last-3661-days", "next-100000-days" })
    void refusesNoDaysAndAbsurdlyManyDays(String text) {
        assertThatThrownBy(() -> PeriodSpec.parse("period", text))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused -> assertThat(refused.errors())
                        .extracting(FieldError::field).containsExactly("period"))
                .hasMessageContaining("1 to 3660");
    }

    @Test
    void refusesCustomDatesTheWrongWayRound() {
        assertThatThrownBy(() -> PeriodSpec.parse("period", "2026-11-15..2026-11-09"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("period: the period ends before it starts; write the earlier date first");
    }

    @Test
    void refusesDatesThatDoNotExist() {
        assertThatThrownBy(() -> PeriodSpec.parse("period", "2026-02-29..2026-03-05"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("period: names a day that is not in the calendar (dates are YYYY-MM-DD)");
    }

    @Test
    void refusesAMissingPeriodUnderTheCallersFieldName() {
        assertThatThrownBy(() -> PeriodSpec.parse("from", " "))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("from: a period is required");
        assertThatThrownBy(() -> PeriodSpec.parse(null)).hasMessageStartingWith("period: ");
    }

    @Test
    void buildingASpecInCodeChecksItToo() {
        assertThatThrownBy(() -> PeriodSpec.lastDays(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeriodSpec.between(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PeriodSpec.nextDays(3).spec()).isEqualTo("next-3-days");
    }

    private static Period period(String from, String to) {
        return new Period(LocalDate.parse(from), LocalDate.parse(to));
    }
}
