package org.stagedoor.scheduler.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.SavedDefinitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Editing, pausing and deleting schedules change their row and their Quartz job together. */
class ScheduleOperationsIntegrationTests extends SchedulerNodeIntegrationTest {

    @Autowired
    private SavedReports savedReports;

    @Autowired
    private Schedules schedules;

    @Test
    void editingAScheduleMovesItsNextFireAndKeepsOneTrigger() throws SchedulerException {
        Schedule schedule = schedules.create(request(When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0))));

        Schedule edited = schedules.update(schedule.id(),
                request(When.weeklyOn(DayOfWeek.FRIDAY, LocalTime.of(18, 0))));

        assertThat(edited.cronExpression()).isEqualTo("0 0 18 * * FRI");
        assertThat(schedules.nextFire(edited).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(schedules.nextFire(edited).toLocalTime()).isEqualTo(LocalTime.of(18, 0));
        assertThat(scheduler.getTriggersOfJob(ScheduleTriggers.jobKey(schedule.id()))).hasSize(1);
    }

    @Test
    void aPausedScheduleShowsNoNextFireAndItsTriggerIsPaused() throws SchedulerException {
        Schedule schedule = schedules.create(request(When.dailyAt(LocalTime.of(6, 0))));

        Schedule paused = schedules.pause(schedule.id());

        assertThat(paused.enabled()).isFalse();
        assertThat(schedules.nextFire(paused)).isNull();
        Trigger trigger = scheduler.getTriggersOfJob(ScheduleTriggers.jobKey(schedule.id())).get(0);
        assertThat(scheduler.getTriggerState(trigger.getKey())).isEqualTo(Trigger.TriggerState.PAUSED);

        Schedule resumed = schedules.resume(schedule.id());
        assertThat(schedules.nextFire(resumed)).isNotNull();
        assertThat(scheduler.getTriggerState(trigger.getKey())).isEqualTo(Trigger.TriggerState.NORMAL);
    }

    @Test
    void aScheduleCreatedPausedDoesNotFireUntilResumed() throws SchedulerException {
        ScheduleRequest request = request(When.dailyAt(LocalTime.of(6, 0)));
        Schedule schedule = schedules.create(new ScheduleRequest(request.name(), request.savedReport(),
                request.parameters(), request.format(), request.when(), null, null, request.fanOut(),
                request.partnerCompanyId(), null, false, request.recipients(), false, "tests"));

        Trigger trigger = scheduler.getTriggersOfJob(ScheduleTriggers.jobKey(schedule.id())).get(0);
        assertThat(scheduler.getTriggerState(trigger.getKey())).isEqualTo(Trigger.TriggerState.PAUSED);
    }

    @Test
    void aDeletedScheduleLeavesQuartzButKeepsItsRowForTheRecord() throws SchedulerException {
        Schedule schedule = schedules.create(request(When.dailyAt(LocalTime.of(6, 0))));

        schedules.delete(schedule.id());

        assertThat(scheduler.checkExists(ScheduleTriggers.jobKey(schedule.id()))).isFalse();
        assertThat(schedules.find(schedule.id())).isEmpty();
        assertThat(schedules.list()).isEmpty();
        assertThat(jdbc.sql("select deleted_at is not null from schedule where id = :id").param("id", schedule.id())
                .query(Boolean.class).single()).isTrue();
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> schedules.resume(schedule.id()));
    }

    private ScheduleRequest request(When when) {
        long weeklySales = SavedDefinitions.fixed(savedReports, "partner-event-sales",
                Map.of("period", "previous-week"), OutputFormat.XLSX);
        return new ScheduleRequest("Weekly sales", weeklySales, Map.of(), null, when, null, null, FanOut.ONE_PARTNER,
                1L, null, false, List.of("marketing@venue.example"), true, "tests");
    }
}
