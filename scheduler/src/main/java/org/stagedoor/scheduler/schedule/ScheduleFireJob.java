package org.stagedoor.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;

import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

import org.stagedoor.batch.metrics.OperationsMeters;

/** Quartz's entry for a schedule's fire: hands it to {@link ScheduleFiring} with the fire's data. */
class ScheduleFireJob implements Job {

    enum Kind {
        /** A fire at a time the schedule names. */
        SCHEDULED,
        /** An administrator's "run now". */
        RUN_NOW
    }

    private final ScheduleFiring firing;

    private final OperationsMeters meters;

    ScheduleFireJob(ScheduleFiring firing, OperationsMeters meters) {
        this.firing = firing;
        this.meters = meters;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        // A recovered fire carries its original trigger's data, so it is recognised as the same fire.
        JobDataMap data = context.getMergedJobDataMap();
        Instant dueAt = Instant.ofEpochMilli(data.getLong(ScheduleTriggers.DUE_AT));
        Kind kind = Kind.valueOf(data.getString(ScheduleTriggers.KIND));
        Instant firedAt = context.getFireTime().toInstant();
        // Against the schedule's own due time, not the trigger's: a fire recovered by another node is late by as
        // long as its first node was gone.
        if (kind == Kind.SCHEDULED) {
            meters.scheduleLateness(Duration.between(dueAt, firedAt));
        }
        try {
            firing.fire(new ScheduleFiring.Fire(data.getLong(ScheduleTriggers.SCHEDULE_ID), dueAt, kind, firedAt,
                    data.getString(ScheduleTriggers.REQUESTED_BY)));
        }
        catch (RuntimeException ex) {
            throw new JobExecutionException("Fire of schedule " + data.get(ScheduleTriggers.SCHEDULE_ID) + " failed",
                    ex);
        }
    }
}
