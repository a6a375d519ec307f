package org.stagedoor.batch.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the run record in step with its job execution: RUNNING, then COMPLETED, FAILED or STOPPED. The
 * outcome and what {@link RunFinished} listeners write with it commit in one transaction.
 */
@Component
class RunStatusListener implements JobExecutionListener {

    private static final int MESSAGE_LIMIT = 2000;

    private final RunRecords records;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transaction;

    RunStatusListener(RunRecords records, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.records = records;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        records.started(runId(execution), execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        long runId = runId(execution);
        transaction.executeWithoutResult(status -> {
            finish(runId, execution);
            events.publishEvent(new RunFinished(records.get(runId)));
        });
    }

    private void finish(long runId, JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            records.finished(runId, RunStatus.COMPLETED, null);
        }
        else if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
            records.finished(runId, RunStatus.STOPPED, "Stopped on request");
        }
        else {
            records.finished(runId, RunStatus.FAILED, failure(execution));
        }
    }

    private static long runId(JobExecution execution) {
        return execution.getJobParameters().getLong(ReportJobConfiguration.RUN_ID);
    }

    private static String failure(JobExecution execution) {
        Throwable cause = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
        if (cause == null) {
            return "The run failed (" + execution.getExitStatus().getExitCode() + ")";
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) : message;
    }
}
