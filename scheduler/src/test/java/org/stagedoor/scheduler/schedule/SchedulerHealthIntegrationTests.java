package org.stagedoor.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.scheduler.SavedDefinitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scheduler that silently stopped firing must not look healthy. */
class SchedulerHealthIntegrationTests extends SchedulerNodeIntegrationTest {

    @Autowired
    private SavedReports savedReports;

    @Autowired
    private Schedules schedules;

    @Autowired
    private SchedulerHealthIndicator health;

    @Test
    void isUpWhileTheNodeFires() {
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isDownWhenAnEnabledScheduleIsOverdueAndUpAgainOnceItFired() throws SchedulerException {
        // Far enough ahead that the schedule is stored before its second has passed: with 1 s, a slow create on a
        // loaded machine left the trigger's next fire for tomorrow, and nothing was ever overdue.
        ZonedDateTime at = Instant.now().plusSeconds(3).atZone(ZoneId.of("Europe/London"));
        scheduler.standby();
        long sales = SavedDefinitions.fixed(savedReports, "partner-event-sales",
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV);
        schedules.create(new ScheduleRequest("Weekly sales", sales, Map.of(), null,
                When.cron(at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * *"), "Europe/London",
                MisfirePolicy.SKIP, FanOut.ONE_PARTNER, 1L, null, false, List.of("a@venue.example"), true, "tests"));

        // The margin is 3 s in these tests.
        await().atMost(Duration.ofSeconds(15)).until(() -> health.health(true).getStatus().equals(Status.DOWN)
                && ((Number) health.health(true).getDetails().get("overdueTriggers")).intValue() == 1);
        Health down = health.health(true);
        assertThat(down.getDetails().get("reason").toString()).contains("no node is firing schedules");

        scheduler.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> health.health(true).getStatus().equals(Status.UP));
    }

    @Test
    void isDownWhenThisNodeShouldFireAndDoesNot() throws SchedulerException {
        scheduler.standby();

        Health down = health.health(true);

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("reason").toString()).contains("should fire schedules and is not");
    }
}
