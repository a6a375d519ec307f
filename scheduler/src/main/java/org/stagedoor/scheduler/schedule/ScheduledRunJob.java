package org.stagedoor.scheduler.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Quartz's entry for one report run: executes it, or takes it over when its first node died. */
class ScheduledRunJob implements Job {

    private final ClusteredRuns runs;

    ScheduledRunJob(ClusteredRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        long runId = context.getMergedJobDataMap().getLong(ScheduleTriggers.RUN_ID);
        try {
            // isRecovering: Quartz gives this to another node only once the first stopped checking in.
            runs.execute(runId, context.isRecovering());
        }
        catch (RuntimeException ex) {
            throw new JobExecutionException("Run " + runId + " failed", ex);
        }
    }
}
