package org.stagedoor.batch.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Starts the housekeeping job. The scheduler module fires it every night on one node of the cluster
 * ({@code stagedoor.scheduler.housekeeping-cron}); it can also be called on demand.
 */
@Service
public class Housekeeping {

    private final JobOperator jobOperator;

    private final Job job;

    Housekeeping(JobOperator jobOperator, @Qualifier(HousekeepingJobConfiguration.JOB_NAME) Job job) {
        this.jobOperator = jobOperator;
        this.job = job;
    }

    /** Deletes expired run files; returns how many. */
    public long deleteExpiredFiles() {
        JobExecution execution;
        try {
            execution = jobOperator.start(job, new JobParametersBuilder()
                    .addLong("requestedAt", System.currentTimeMillis())
                    .toJobParameters());
        }
        catch (JobExecutionException ex) {
            throw new IllegalStateException("Housekeeping could not start: " + ex.getMessage(), ex);
        }
        if (execution.getStatus().isUnsuccessful()) {
            throw new IllegalStateException("Housekeeping failed: " + execution.getAllFailureExceptions());
        }
        return execution.getStepExecutions().stream().mapToLong(step -> step.getWriteCount()).sum();
    }
}
