package org.stagedoor.batch.period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void namesItsDaysInFullForASentence() {
        assertThat(new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 9)).inWords())
                .isEqualTo("Monday 9 November 2026");
        assertThat(new Period(LocalDate.of(2026, 10, 28), LocalDate.of(2026, 11, 3)).inWords())
                .isEqualTo("Wednesday 28 October to Tuesday 3 November 2026");
        assertThat(new Period(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 5)).inWords())
                .isEqualTo("Wednesday 30 December 2026 to Tuesday 5 January 2027");
        assertThat(List.of("previous-week", "last-1-days", "last-90-days", "month-to-date", "previous-month",
                "next-30-days", "2026-11-01..2026-11-02").stream().map(spec -> PeriodSpec.parse(spec).words()))
                .containsExactly("Previous week", "Last 1 day", "Last 90 days", "Month to date", "Previous month",
                        "Next 30 days", null);
    }

    @Test
    void startsAndEndsAtTheVenuesMidnights() {
        Period week = new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 15));

        assertThat(week.start(LONDON)).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
        assertThat(week.endExclusive(LONDON)).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(week.start(ZoneId.of("Australia/Sydney"))).isEqualTo(Instant.parse("2026-11-08T13:00:00Z"));
        assertThat(week.days()).isEqualTo(7);
    }

    @Test
    void summerTimeBoundsAreAnHourBeforeUtcMidnight() {
        Period day = new Period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 1));

        assertThat(day.start(LONDON)).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
        assertThat(day.endExclusive(LONDON)).isEqualTo(Instant.parse("2026-07-01T23:00:00Z"));
    }

    @Test
    void theDayTheClocksGoForwardLastsTwentyThreeHours() {
        Period springForward = new Period(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29));

        assertThat(springForward.start(LONDON)).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(springForward.endExclusive(LONDON)).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
        assertThat(Duration.between(springForward.start(LONDON), springForward.endExclusive(LONDON)))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void theDayTheClocksGoBackLastsTwentyFiveHours() {
        Period fallBack = new Period(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25));

        assertThat(fallBack.start(LONDON)).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
        assertThat(fallBack.endExclusive(LONDON)).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
        assertThat(Duration.between(fallBack.start(LONDON), fallBack.endExclusive(LONDON)))
                .isEqualTo(Duration.ofHours(25));
    }

    @Test
    void labelsOneDay() {
        assertThat(new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 9)).label()).isEqualTo("9 Nov 2026");
    }

    @Test
    void labelsDaysOfOneMonthWithTheMonthOnce() {
        assertThat(new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 15)).label())
                .isEqualTo("9\u201315 Nov 2026");
    }

    @Test
    void labelsDaysAcrossMonthsWithBothMonths() {
        assertThat(new Period(LocalDate.of(2026, 10, 28), LocalDate.of(2026, 11, 3)).label())
                .isEqualTo("28 Oct \u2013 3 Nov 2026");
    }

    @Test
    void labelsDaysAcrossYearsWithBothYears() {
        assertThat(new Period(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 5)).label())
                .isEqualTo("30 Dec 2026 \u2013 5 Jan 2027");
    }

    @Test
    void labelsSeptemberWithThreeLetters() {
        assertThat(new Period(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30)).label())
                .isEqualTo("1\u201330 Sep 2026");
    }

    @Test
    void refusesToEndBeforeItStarts() {
        assertThatThrownBy(() -> new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
