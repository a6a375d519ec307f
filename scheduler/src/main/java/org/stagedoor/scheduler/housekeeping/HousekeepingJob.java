package org.stagedoor.scheduler.housekeeping;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.stagedoor.batch.run.Housekeeping;

/** Quartz's entry for the nightly housekeeping: one node at a time runs it. */
@DisallowConcurrentExecution
class HousekeepingJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(HousekeepingJob.class);

    private final Housekeeping housekeeping;

    HousekeepingJob(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            log.info("Housekeeping deleted {} expired run file(s)", housekeeping.deleteExpiredFiles());
        }
        catch (RuntimeException ex) {
            throw new JobExecutionException("Housekeeping failed", ex);
        }
    }
}
