package org.stagedoor.scheduler.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Covers R-4: schedules fire at set times in their own time zone, across daylight-saving changes. */
class FireTimesTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void dailyAt0130FiresOnceOnTheDayClocksGoForwardAnHourLater() {
        // 28 Mar 2027: 01:00 GMT becomes 02:00 BST, so 01:30 does not exist that day.
        FireTimes fireTimes = FireTimes.of("0 30 1 * * *", LONDON);

        assertThat(fireTimes.preview(Instant.parse("2027-03-26T12:00:00Z"), 3)).extracting(ZonedDateTime::toInstant)
                .containsExactly(Instant.parse("2027-03-27T01:30:00Z"), // 01:30 GMT
                        Instant.parse("2027-03-28T01:30:00Z"), // 02:30 BST: the gap's hour later
                        Instant.parse("2027-03-29T00:30:00Z")); // 01:30 BST
    }

    @Test
    void dailyAt0130FiresOnceOnTheDayClocksGoBackAtTheFirst0130() {
        // 25 Oct 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice that day.
        FireTimes fireTimes = FireTimes.of("0 30 1 * * *", LONDON);

        assertThat(fireTimes.preview(Instant.parse("2026-10-24T12:00:00Z"), 2)).extracting(ZonedDateTime::toInstant)
                .containsExactly(Instant.parse("2026-10-25T00:30:00Z"), // 01:30 BST, the first of the two
                        Instant.parse("2026-10-26T01:30:00Z"));
        // Asked again from between the two 01:30s (as a node would after the first fire), the second is not a fire.
        assertThat(fireTimes.next(Instant.parse("2026-10-25T00:30:00Z"))).isEqualTo("2026-10-26T01:30:00Z");
        assertThat(fireTimes.next(Instant.parse("2026-10-25T01:10:00Z"))).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void dailyScheduleFiresExactlyOnceOnEveryDayOfTwoYears() {
        FireTimes fireTimes = FireTimes.of("0 30 1 * * *", LONDON);
        Map<LocalDate, Integer> firesPerDay = new TreeMap<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        while ((at = fireTimes.next(at)).isBefore(Instant.parse("2028-01-01T00:00:00Z"))) {
            firesPerDay.merge(at.atZone(LONDON).toLocalDate(), 1, Integer::sum);
        }

        assertThat(firesPerDay).hasSize(730);
        assertThat(firesPerDay.values()).containsOnly(1);
    }

    @Test
    void readsTimesOnTheWallClockOfTheScheduleZone() {
        FireTimes newYork = FireTimes.of(When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)).expression(),
                ZoneId.of("America/New_York"));

        // Monday 23 Nov 2026, 07:00 EST = 12:00 UTC; the US changes clocks on other days than the UK.
        assertThat(newYork.next(Instant.parse("2026-11-22T00:00:00Z"))).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(newYork.next(Instant.parse("2027-03-16T00:00:00Z"))).isEqualTo("2027-03-22T11:00:00Z");
    }

    @Test
    void acceptsTheFiveFieldsOfACrontabAsFiringAtSecondZero() {
        FireTimes fireTimes = FireTimes.of("30 7 * * MON-FRI", LONDON);

        assertThat(fireTimes.expression()).isEqualTo("0 30 7 * * MON-FRI");
        assertThat(fireTimes.next(Instant.parse("2026-11-21T00:00:00Z"))).isEqualTo("2026-11-23T07:30:00Z");
    }

    @Test
    void presetsBecomeCronExpressions() {
        assertThat(When.dailyAt(LocalTime.of(6, 15)).expression()).isEqualTo("0 15 6 * * *");
        assertThat(When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)).expression()).isEqualTo("0 0 7 * * MON");
        assertThat(When.monthlyOn(1, LocalTime.of(8, 0)).expression()).isEqualTo("0 0 8 1 * *");
        assertThat(When.monthlyOn(-1, LocalTime.of(8, 0)).expression()).isEqualTo("0 0 8 L * *");
        List<ZonedDateTime> lastDays = FireTimes.of(When.monthlyOn(-1, LocalTime.of(8, 0)).expression(), LONDON)
                .preview(Instant.parse("2027-01-15T00:00:00Z"), 2);
        assertThat(lastDays).extracting(ZonedDateTime::toLocalDate)
                .containsExactly(LocalDate.of(2027, 1, 31), LocalDate.of(2027, 2, 28));
    }

    @Test
    void refusesTextThatIsNotACronExpression() {
        assertThatIllegalArgumentException().isThrownBy(() -> FireTimes.of("every monday", LONDON));
        assertThatIllegalArgumentException().isThrownBy(() -> FireTimes.of("0 61 7 * * *", LONDON));
        assertThatIllegalArgumentException().isThrownBy(() -> FireTimes.of(" ", LONDON));
    }

    @Test
    void refusesAMonthlyDaySomeMonthsLack() {
        assertThatIllegalArgumentException().isThrownBy(() -> When.monthlyOn(31, LocalTime.NOON).expression())
                .withMessageContaining("1 to 28, or -1 for the last day");
        assertThatIllegalArgumentException().isThrownBy(() -> new When(null, When.Frequency.WEEKLY, LocalTime.NOON,
                null, null).expression()).withMessageContaining("day of the week");
    }
}
