package org.stagedoor.scheduler.schedule;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Schedules in the words of the people who read them (issue 15 item 2), and cron refusals in words. */
class CronWordsTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 9 * * MON           | Every Monday at 09:00 (London time)
            0 0 7 L * *             | On the last day of each month at 07:00 (London time)
            0 30 6 * * *            | Every day at 06:30 (London time)
            0 0 7 1 * *             | On the 1st of each month at 07:00 (London time)
            0 0 7 22 * *            | On the 22nd of each month at 07:00 (London time)
            0 0 7 * * *             | Every day at 07:00 (London time)
            30 15 7 * * *           | Every day at 07:15:30 (London time)
            0 0 9 * * MON-FRI       | Every weekday (Monday to Friday) at 09:00 (London time)
            0 0 9 * * 1-5           | Every weekday (Monday to Friday) at 09:00 (London time)
            0 0 9 * * FRI,MON,WED   | Every Monday, Wednesday and Friday at 09:00 (London time)
            0 0 9 ? * SUN           | Every Sunday at 09:00 (London time)
            0 0 9 * * 0             | Every Sunday at 09:00 (London time)
            0 0 9,17 * * *          | Every day at 09:00 and 17:00 (London time)
            0 0 9 1,15 * *          | On the 1st and 15th of each month at 09:00 (London time)
            0 0 9 1 1 *             | On the 1st of January at 09:00 (London time)
            0 0 9 1 JAN,JUL *       | On the 1st of January and July at 09:00 (London time)
            0 0 9 * 4-9 MON         | Every Monday from April to September at 09:00 (London time)
            0 0 8 ? * MON#1         | On the first Monday of each month at 08:00 (London time)
            0 0 8 ? * FRIL          | On the last Friday of each month at 08:00 (London time)
            0 0 8 LW * *            | On the last weekday of each month at 08:00 (London time)
            0 0 8 15W * *           | On the weekday nearest the 15th of each month at 08:00 (London time)
            0 0 8 L-2 * *           | On 2 days before the last day of each month at 08:00 (London time)
            0 */15 * * * *          | Every 15 minutes (London time)
            0 0/30 9-17 * * MON-FRI | Every weekday (Monday to Friday), every 30 minutes from 09:00 to 17:59 (London \
            time)
            0 0 * * * *             | Every hour, on the hour (London time)
            0 5 9-17 * * *          | Every hour from 09:05 to 17:05 (London time)
            0 0 */2 * * *           | Every 2 hours from 00:00 (London time)
            0 9 * * MON             | Every Monday at 09:00 (London time)
            0 0 7 * *               | On the 7th of each month at 00:00 (London time)
            @daily                  | Every day at 00:00 (London time)
            @weekly                 | Every Sunday at 00:00 (London time)
            0 0 9 13 * FRI          | On the 13th of each month, when it is a Friday at 09:00 (London time)
            0 1-7 9 * * *           | Custom times: 0 1-7 9 * * * (London time)
            """)
    void aCronExpressionIsReadInWords(String cron, String words) {
        assertThat(CronWords.describe(cron, LONDON)).isEqualTo(words);
    }

    @Test
    void theZoneIsNamedAsPeopleNameIt() {
        assertThat(CronWords.zone(ZoneId.of("America/New_York"))).isEqualTo("New York time");
        assertThat(CronWords.zone(ZoneId.of("Europe/Paris"))).isEqualTo("Paris time");
        assertThat(CronWords.zone(ZoneId.of("UTC"))).isEqualTo("UTC");
        assertThat(CronWords.zone(ZoneId.of("Z"))).isEqualTo("UTC");
        assertThat(CronWords.zone(ZoneId.of("+02:00"))).isEqualTo("UTC+02:00");
    }

    @Test
    void aMomentIsWrittenInItsOwnZone() {
        assertThat(CronWords.moment(ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, LONDON)))
                .isEqualTo("Monday 7 December 2026 at 09:00 (London time)");
        assertThat(CronWords.moment(null)).isNull();
    }

    @ParameterizedTest(name = "{0} is refused with \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0 61 7 * * MON      | That is not a valid schedule: the minute must be 0–59
            60 0 7 * * MON      | That is not a valid schedule: the second must be 0–59
            0 0 24 * * *        | That is not a valid schedule: the hour must be 0–23
            0 0 7 32 * *        | That is not a valid schedule: the day of the month must be 1–31, L (the last day) or \
            W (the nearest weekday)
            0 0 7 0 * *         | That is not a valid schedule: the day of the month must be 1–31, L (the last day) or \
            W (the nearest weekday)
            0 0 7 * 13 *        | That is not a valid schedule: the month must be 1–12 or JAN–DEC
            0 0 7 * FOO *       | That is not a valid schedule: the month must be 1–12 or JAN–DEC
            0 0 7 * * MONDAY    | That is not a valid schedule: the day of the week must be 0–7 or MON–SUN (0 and 7 \
            are Sunday)
            0 0 7 * * 8         | That is not a valid schedule: the day of the week must be 0–7 or MON–SUN (0 and 7 \
            are Sunday)
            0 */0 7 * * *       | That is not a valid schedule: the step after / in the minute must be a whole number \
            above 0
            whenever            | That is not a valid schedule: it has 1 part; give six (second minute hour \
            day-of-month month day-of-week), or five without the second
            0 0 7 * * * *       | That is not a valid schedule: it has 7 parts; give six (second minute hour \
            day-of-month month day-of-week), or five without the second
            @sometimes          | That is not a valid schedule: the shortcuts are @hourly, @daily, @weekly, @monthly \
            and @yearly
            """)
    void anExpressionThatIsNotOneIsRefusedInWords(String cron, String problem) {
        assertThat(CronWords.problem(cron)).isEqualTo(problem);
    }

    @Test
    void anEmptyExpressionIsRefusedWithAnExample() {
        assertThat(CronWords.problem(" ")).isEqualTo("That is not a valid schedule: it is empty; give six parts"
                + " (second minute hour day-of-month month day-of-week), for example 0 0 9 * * MON for every Monday"
                + " at 09:00");
    }

    @Test
    void theExpressionsThePresetsMakeAreAccepted() {
        assertThat(CronWords.problem("0 0 7 * * MON")).isNull();
        assertThat(CronWords.problem("0 30 6 L * *")).isNull();
        assertThat(CronWords.problem("0 0 9 * * MON-FRI")).isNull();
        assertThat(CronWords.problem("@monthly")).isNull();
    }
}
