package org.stagedoor.batch.run;

import java.time.Duration;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.metrics.OperationsMeters;

/**
 * Keeps the run record in step with its job execution: RUNNING, then COMPLETED, FAILED or STOPPED. The
 * outcome and what {@link RunFinished} listeners write with it commit in one transaction.
 */
@Component
class RunStatusListener implements JobExecutionListener {

    private static final int MESSAGE_LIMIT = 2000;

    /**
     * The job execution started by the current thread: jobs run in the thread that starts them, so the launcher
     * learns which execution is its own even when starting ends in an exception (the database gone).
     */
    private static final ThreadLocal<Long> STARTED_HERE = new ThreadLocal<>();

    private final RunRecords records;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transaction;

    private final OperationsMeters meters;

    private final ReportSettings settings;

    RunStatusListener(RunRecords records, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            OperationsMeters meters, ReportSettings settings) {
        this.records = records;
        this.settings = settings;
        this.events = events;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        STARTED_HERE.set(execution.getId());
        records.started(runId(execution), execution.getId());
        meters.runStarted(report(execution));
    }

    /** The execution the current thread's last job start began, or null; and forgets it. */
    static Long takeStartedHere() {
        Long id = STARTED_HERE.get();
        STARTED_HERE.remove();
        return id;
    }

    @Override
    public void afterJob(JobExecution execution) {
        long runId = runId(execution);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            RunFile.removePartial(settings.directory(), records.get(runId));
        }
        transaction.executeWithoutResult(status -> {
            finish(runId, execution);
            events.publishEvent(new RunFinished(records.get(runId)));
        });
        ReportRun run = records.get(runId);
        // The record's times, not the execution's: its end time is set only after its listeners.
        Duration took = run.startedAt() == null || run.finishedAt() == null ? Duration.ZERO
                : Duration.between(run.startedAt(), run.finishedAt());
        meters.runEnded(run.reportId(), run.status().name().toLowerCase(Locale.ROOT), took,
                run.status() == RunStatus.COMPLETED && run.rowCount() != null ? run.rowCount() : 0,
                run.status() == RunStatus.COMPLETED && run.fileSize() != null ? run.fileSize() : 0);
    }

    private static String report(JobExecution execution) {
        return execution.getJobParameters().getString("report");
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
