package org.stagedoor.batch.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Keeps the run record in step with its job execution: RUNNING, then COMPLETED, FAILED or STOPPED. */
@Component
class RunStatusListener implements JobExecutionListener {

    private static final int MESSAGE_LIMIT = 2000;

    private final RunRecords records;

    RunStatusListener(RunRecords records) {
        this.records = records;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        records.started(runId(execution), execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            records.finished(runId(execution), RunStatus.COMPLETED, null);
        }
        else if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
            records.finished(runId(execution), RunStatus.STOPPED, "Stopped on request");
        }
        else {
            records.finished(runId(execution), RunStatus.FAILED, failure(execution));
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
