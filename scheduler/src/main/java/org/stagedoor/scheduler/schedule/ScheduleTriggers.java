package org.stagedoor.scheduler.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

/**
 * The Quartz side of schedules. Each schedule is a durable Quartz job; its next fire is a one-shot
 * trigger at the time {@link FireTimes} computes, and each fire schedules the one after it (in the same
 * transaction as the fire's record). A chain of one-shot triggers rather than Quartz's CronTrigger,
 * because CronTrigger skips a time that falls in the hour clocks go forward. Runs of reports are one-shot
 * triggers of one more job, so that any node of the cluster may execute them.
 */
@Component
class ScheduleTriggers {

    static final String SCHEDULES = "schedules";

    static final String RUNS = "runs";

    static final JobKey RUN_JOB = JobKey.jobKey("report-run", RUNS);

    static final String SCHEDULE_ID = "scheduleId";

    static final String DUE_AT = "dueAt";

    static final String KIND = "kind";

    static final String RUN_ID = "runId";

    static final String REQUESTED_BY = "requestedBy";

    private final Scheduler scheduler;

    ScheduleTriggers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    static JobKey jobKey(long scheduleId) {
        return JobKey.jobKey("schedule-" + scheduleId, SCHEDULES);
    }

    /** Creates or replaces the schedule's job and its next fire; paused if the schedule is not enabled. */
    void install(Schedule schedule, Instant now) throws SchedulerException {
        JobKey key = jobKey(schedule.id());
        JobDetail job = JobBuilder.newJob(ScheduleFireJob.class)
                .withIdentity(key)
                .withDescription(schedule.name())
                .usingJobData(SCHEDULE_ID, schedule.id())
                .storeDurably()
                // Recovered on another node if this one dies mid-fire; the fire's record makes that harmless.
                .requestRecovery()
                .build();
        scheduler.addJob(job, true);
        for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
            if (ScheduleFireJob.Kind.SCHEDULED.name().equals(trigger.getJobDataMap().getString(KIND))) {
                scheduler.unscheduleJob(trigger.getKey());
            }
        }
        Instant next = schedule.fireTimes().next(now);
        if (next != null) {
            scheduleFire(schedule, next);
        }
    }

    /** The fire due at {@code dueAt}; nothing if it is already scheduled (a recovered fire scheduling it again). */
    void scheduleFire(Schedule schedule, Instant dueAt) throws SchedulerException {
        long scheduleId = schedule.id();
        TriggerKey key = TriggerKey.triggerKey("schedule-" + scheduleId + "-at-" + dueAt.toEpochMilli(), SCHEDULES);
        if (scheduler.checkExists(key)) {
            return;
        }
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(jobKey(scheduleId))
                .usingJobData(DUE_AT, dueAt.toEpochMilli())
                .usingJobData(KIND, ScheduleFireJob.Kind.SCHEDULED.name())
                .startAt(Date.from(dueAt))
                // Late fires are always delivered to the job, which applies the schedule's own misfire policy.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build());
        if (!schedule.enabled()) {
            scheduler.pauseTrigger(key);
        }
    }

    /** A fire now, on whichever node takes it first; it does not move the schedule's next fire. */
    void scheduleRunNow(long scheduleId, Instant now, String requestedBy) throws SchedulerException {
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity("schedule-" + scheduleId + "-now-" + UUID.randomUUID(), SCHEDULES)
                .forJob(jobKey(scheduleId))
                .usingJobData(DUE_AT, now.toEpochMilli())
                .usingJobData(KIND, ScheduleFireJob.Kind.RUN_NOW.name())
                .usingJobData(REQUESTED_BY, requestedBy)
                .startAt(Date.from(now))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build());
    }

    /** Runs a recorded report run on whichever node takes it first. */
    void scheduleRun(long runId, Instant now) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey("run-" + runId, RUNS);
        if (scheduler.checkExists(key)) {
            return;
        }
        queueRun(key, runId, now);
    }

    /**
     * Runs a run put back in the queue to be restarted, on whichever node takes it first. A trigger of its own: the
     * one that ran it first may not have been removed yet, and two restarts queued at once are told apart by the
     * run's record, which only one of them could put back in the queue.
     */
    void scheduleRestart(long runId, Instant now) throws SchedulerException {
        queueRun(TriggerKey.triggerKey("run-" + runId + "-restart-" + UUID.randomUUID(), RUNS), runId, now);
    }

    private void queueRun(TriggerKey key, long runId, Instant now) throws SchedulerException {
        if (scheduler.getJobDetail(RUN_JOB) == null) {
            scheduler.addJob(JobBuilder.newJob(ScheduledRunJob.class)
                    .withIdentity(RUN_JOB)
                    .withDescription("Runs one report run")
                    .storeDurably()
                    // A run whose node dies is taken over by another (its job execution restarted).
                    .requestRecovery()
                    .build(), true);
        }
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(RUN_JOB)
                .usingJobData(RUN_ID, runId)
                .startAt(Date.from(now))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build());
    }

    void pause(long scheduleId) throws SchedulerException {
        scheduler.pauseJob(jobKey(scheduleId));
    }

    void resume(long scheduleId) throws SchedulerException {
        scheduler.resumeJob(jobKey(scheduleId));
    }

    void remove(long scheduleId) throws SchedulerException {
        scheduler.deleteJob(jobKey(scheduleId));
    }

    /** When the schedule fires next, as Quartz holds it. */
    Instant nextFire(long scheduleId) throws SchedulerException {
        Instant next = null;
        for (Trigger trigger : scheduler.getTriggersOfJob(jobKey(scheduleId))) {
            Date at = trigger.getNextFireTime();
            if (at != null && ScheduleFireJob.Kind.SCHEDULED.name().equals(trigger.getJobDataMap().getString(KIND))
                    && (next == null || at.toInstant().isBefore(next))) {
                next = at.toInstant();
            }
        }
        return next;
    }

    int pendingRuns() throws SchedulerException {
        return scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(RUNS)).size();
    }
}
