package org.stagedoor.scheduler.schedule;

import java.time.Instant;

import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Quartz's entry for a schedule's fire: hands it to {@link ScheduleFiring} with the fire's data. */
class ScheduleFireJob implements Job {

    enum Kind {
        /** A fire at a time the schedule names. */
        SCHEDULED,
        /** An administrator's "run now". */
        RUN_NOW
    }

    private final ScheduleFiring firing;

    ScheduleFireJob(ScheduleFiring firing) {
        this.firing = firing;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        // A recovered fire carries its original trigger's data, so it is recognised as the same fire.
        JobDataMap data = context.getMergedJobDataMap();
        try {
            firing.fire(new ScheduleFiring.Fire(data.getLong(ScheduleTriggers.SCHEDULE_ID),
                    Instant.ofEpochMilli(data.getLong(ScheduleTriggers.DUE_AT)),
                    Kind.valueOf(data.getString(ScheduleTriggers.KIND)), context.getFireTime().toInstant(),
                    data.getString(ScheduleTriggers.REQUESTED_BY)));
        }
        catch (RuntimeException ex) {
            throw new JobExecutionException("Fire of schedule " + data.get(ScheduleTriggers.SCHEDULE_ID) + " failed", ex);
        }
    }
}
