package org.stagedoor.batch.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.metrics.OperationsMeters;
import org.stagedoor.batch.output.RunLogging;
import org.stagedoor.booking.Sha256;

/**
 * The life of a run: records a checked request ({@link RunRequestCheck}) as a QUEUED run, starts its Spring Batch job
 * (exactly once, whoever asks), stops, cancels and restarts it, and takes over one whose node died. A request that
 * cannot be accepted fails with every problem named, before anything is recorded or written.
 */
@Service
public class ReportLauncher {

    private static final Logger log = LoggerFactory.getLogger(ReportLauncher.class);

    /** Spring Batch keeps a parameter's value in 2,500 characters; longer ones are kept as a checksum. */
    private static final int MAX_PARAMETER_LENGTH = 500;

    /** How long a cancel waits for a run another caller claimed to get its job execution. */
    private static final Duration CLAIM_TO_START = Duration.ofSeconds(10);

    private final RunRequestCheck check;

    private final RunRecords records;

    private final JobOperator jobOperator;

    private final Job reportJob;

    private final JobRepository jobRepository;

    private final TaskExecutor executor;

    private final JdbcClient jdbc;

    private final ReportSettings settings;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transaction;

    private final RunOwners owners;

    private final OperationsMeters meters;

    ReportLauncher(RunRequestCheck check, RunRecords records, JobOperator jobOperator,
            @Qualifier(ReportJobConfiguration.JOB_NAME) Job reportJob, JobRepository jobRepository,
            @Qualifier(ReportJobConfiguration.EXECUTOR) TaskExecutor executor, JdbcClient jdbc,
            ReportSettings settings, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            RunOwners owners, OperationsMeters meters) {
        this.owners = owners;
        this.meters = meters;
        this.check = check;
        this.records = records;
        this.jobOperator = jobOperator;
        this.reportJob = reportJob;
        this.jobRepository = jobRepository;
        this.executor = executor;
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs the report to the end in this thread and returns its record (COMPLETED, or FAILED with the reason). */
    public ReportRun run(RunRequest request) {
        return execute(accept(request));
    }

    /** Records the run and starts it in the background; the record shows its progress. */
    ReportRun submit(RunRequest request) {
        long runId = accept(request);
        executor.execute(() -> execute(runId));
        return records.get(runId);
    }

    /**
     * Validates and records a QUEUED run without starting it, for a caller that starts it elsewhere with
     * {@link #execute(long)} (a scheduler node, say).
     */
    public ReportRun record(RunRequest request) {
        return record(check.check(request));
    }

    /** Records a checked request as a QUEUED run, as {@link #record(RunRequest)} does. */
    public ReportRun record(CheckedRequest checked) {
        return records.get(create(checked));
    }

    /**
     * Runs a recorded QUEUED run to the end in this thread. A run that is no longer QUEUED, or that another
     * caller has claimed, is left as it is (another caller got to it), and its record returned.
     *
     * <p>Of callers asking at once, on one node or several, exactly one starts it: it is claimed with one
     * conditional update first. Spring Batch alone does not ensure that: it looks for the job instance and then
     * creates it and its execution in separate transactions, so the loser of two simultaneous starts failed on
     * the instance's unique key, or found the winner's execution running or complete, and recorded the run
     * FAILED over the winner's outcome (racing-starts fault test).
     */
    public ReportRun execute(long runId) {
        if (records.claimQueued(runId)) {
            startJob(runId);
        }
        return records.get(runId);
    }

    /**
     * Takes over a run left RUNNING by a node that died: its job execution is marked FAILED and restarted,
     * so that it ends with the rows of an uninterrupted run. Only for a caller that knows the node running it
     * is gone (Quartz recovers a job only after its node stopped checking in); a run on a live node must never
     * be taken over.
     */
    public ReportRun recoverAbandoned(long runId) {
        ReportRun run = records.get(runId);
        if (run.status() == RunStatus.QUEUED && records.claimQueued(runId)) {
            startJob(runId);
            return records.get(runId);
        }
        // Still QUEUED: the dead node had claimed it and died before or just after creating its job execution.
        run = records.get(runId);
        if (run.status() != RunStatus.RUNNING && run.status() != RunStatus.QUEUED) {
            return run;
        }
        // The job repository's last execution, not the record's: the node may have died between creating an
        // execution and recording it (or, restarting, between claiming the run and creating one).
        JobInstance instance = jobRepository.getJobInstance(reportJob.getName(), jobParameters(run));
        JobExecution abandoned = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (abandoned != null && abandoned.isRunning()) {
            jobOperator.recover(abandoned);
        }
        if (run.status() == RunStatus.RUNNING) {
            records.finished(runId, RunStatus.FAILED, "The node running it stopped; taken over by another node");
        }
        // Starting the job with the run's parameters restarts its failed execution, or starts it if there was none.
        startJob(runId);
        return records.get(runId);
    }

    /**
     * Marks FAILED every run whose process died, whoever started it (a command, a portal or scheduler node), so that
     * it can be restarted: a run RUNNING, or claimed to start, whose lock no living process holds ({@link RunOwners})
     * and whose job has committed nothing for {@code grace}. The grace leaves a scheduler node's run to Quartz, which
     * hands it to a live node within seconds of its node's death ({@link #recoverAbandoned(long)}), and that node takes
     * the lock again. Its job execution is marked FAILED and its partial file deleted. Returns the runs marked.
     */
    @SuppressWarnings("try") // the try is there for its close(); the resource is never read
    public List<ReportRun> failAbandoned(Duration grace) {
        List<Long> candidates = jdbc.sql("""
                select r.id from report_run r
                  left join batch_job_execution e on e.job_execution_id = r.job_execution_id
                 where (r.status = 'RUNNING' or (r.status = 'QUEUED' and r.started_at is not null))
                   and coalesce((select max(s.last_updated) from batch_step_execution s
                                  where s.job_execution_id = r.job_execution_id), e.last_updated, r.started_at)
                       < now() - make_interval(secs => :grace)
                 order by r.id
                """).param("grace", grace.toMillis() / 1000.0).query(Long.class).list();
        List<ReportRun> failed = new ArrayList<>();
        for (long runId : candidates) {
            Optional<RunOwners.Held> taken = owners.takeIfOwnerGone(runId);
            if (taken.isEmpty()) {
                continue;
            }
            try (RunOwners.Held held = taken.get(); MDC.MDCCloseable logged = RunLogging.forRun(runId)) {
                failAbandoned(records.get(runId)).ifPresent(failed::add);
            }
        }
        return failed;
    }

    /** Fails one run no living process holds, if it is still running or claimed (checked again, holding it). */
    private Optional<ReportRun> failAbandoned(ReportRun run) {
        boolean claimed = run.status() == RunStatus.QUEUED && run.startedAt() != null;
        if (run.status() != RunStatus.RUNNING && !claimed) {
            return Optional.empty();
        }
        JobInstance instance = jobRepository.getJobInstance(reportJob.getName(), jobParameters(run));
        JobExecution abandoned = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (abandoned != null && abandoned.isRunning()) {
            jobOperator.recover(abandoned);
        }
        String reason = "The program running it stopped before it finished (it was ended, or its computer went"
                + " down); restart it to finish it";
        transaction.executeWithoutResult(status -> {
            records.finished(run.id(), RunStatus.FAILED, reason);
            events.publishEvent(new RunFinished(records.get(run.id())));
        });
        RunFile.removePartial(settings.directory(), run);
        log.warn("Run {} was left {} by a process that stopped; marked failed, to be restarted", run.id(),
                claimed ? "starting" : "running");
        ReportRun failed = records.get(run.id());
        meters.runEnded(run.reportId(), "failed", run.startedAt() == null || failed.finishedAt() == null ? Duration.ZERO
                : Duration.between(run.startedAt(), failed.finishedAt()), 0, 0);
        return Optional.of(failed);
    }

    /**
     * Cancels a run on request (a partner user's Cancel; unlike {@link #stop(long)}, it never refuses). A QUEUED run is
     * marked STOPPED (with {@link RunFinished} published in that transaction) and never starts. A RUNNING run's job
     * execution is marked STOPPING in the job repository, so the node running it, this one or another, stops it at its
     * next chunk boundary; the run then ends STOPPED and its partial file is deleted. The record returned may still say
     * RUNNING until then. A run whose rows are all written (finalising its file) and a run that has finished are left
     * as they are.
     */
    public ReportRun cancel(long runId, String reason) {
        ReportRun run = records.find(runId)
                .orElseThrow(() -> new InvalidRequestException("run", "no run with id " + runId));
        if (run.status() == RunStatus.QUEUED) {
            boolean stopped = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!records.stopQueued(runId, reason)) {
                    return false;
                }
                events.publishEvent(new RunFinished(records.get(runId)));
                return true;
            }));
            if (stopped) {
                return records.get(runId);
            }
            // Taken by a node meanwhile: stop it as a running one, once its job execution exists.
            run = awaitJobExecution(runId);
        }
        if (run.status() == RunStatus.RUNNING && run.jobExecutionId() != null && !rowsWritten(run)) {
            JobExecution execution = jobRepository.getJobExecution(run.jobExecutionId());
            if (execution != null && execution.isRunning()) {
                // If it finished while being asked to stop, its outcome stands.
                markStopping(execution);
            }
        }
        return records.get(runId);
    }

    /**
     * A claimed run shows RUNNING with its job execution within milliseconds; a few seconds bound the wait should
     * its node have died after claiming it.
     */
    private ReportRun awaitJobExecution(long runId) {
        long deadline = System.nanoTime() + CLAIM_TO_START.toNanos();
        ReportRun run = records.get(runId);
        while (run.status() == RunStatus.QUEUED && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            run = records.get(runId);
        }
        return run;
    }

    /** Whether the run's rows step has written every row: it is finalising its file, and is left to complete. */
    private boolean rowsWritten(ReportRun run) {
        return jdbc.sql("""
                select status from batch_step_execution
                 where job_execution_id = :execution and step_name = :step
                 order by step_execution_id desc limit 1
                """).param("execution", run.jobExecutionId()).param("step", ReportJobConfiguration.ROWS_STEP)
                .query(String.class).optional().filter("COMPLETED"::equals).isPresent();
    }

    /**
     * Restarts a FAILED or STOPPED run in this thread, where its job left off; the result is that of an uninterrupted
     * run. It is put back in the queue ({@link #requeue(long)}) and started as any queued run.
     */
    public ReportRun restart(long runId) {
        requeue(runId);
        return execute(runId);
    }

    /**
     * Puts a FAILED or STOPPED run back in the queue, QUEUED, for whoever then starts it with {@link #execute(long)}
     * (this thread, or the scheduler node that takes its trigger). Starting it with its parameters restarts its job
     * instance: the steps it completed are not run again, and it ends with the rows of an uninterrupted run.
     *
     * <p>Of callers asking at once, exactly one puts it back: it changes with one conditional update, on its status
     * and job execution as read. Spring Batch alone does not ensure it: it checks that no execution of the instance
     * runs and then creates one in separate transactions, so two callers restarting at once both started one.
     *
     * @throws InvalidRequestException when there is no such run, it is neither FAILED nor STOPPED, or it changed
     */
    public ReportRun requeue(long runId) {
        ReportRun run = records.find(runId)
                .orElseThrow(() -> new InvalidRequestException("run", "no run with id " + runId));
        if (run.status() != RunStatus.FAILED && run.status() != RunStatus.STOPPED) {
            throw new InvalidRequestException("run", "run " + runId + " is " + inWords(run.status())
                    + "; only a failed or stopped run can be restarted (running a report again is a new run)");
        }
        // A run that failed before its job started names none; started again, its job starts from the beginning.
        if (run.jobExecutionId() != null && jobRepository.getJobExecution(run.jobExecutionId()) == null) {
            throw new IllegalStateException("Run " + runId + " names job execution " + run.jobExecutionId()
                    + ", which the job repository does not hold");
        }
        if (!records.requeue(runId, run.status(), run.jobExecutionId())) {
            throw new InvalidRequestException("run", "run " + runId + " changed while it was being restarted (it is "
                    + inWords(records.get(runId).status()) + " now); only a failed or stopped run can be restarted");
        }
        return records.get(runId);
    }

    /**
     * Asks a RUNNING run to stop: its job execution is marked STOPPING in the job repository, which the rows step
     * reads at every chunk it commits; the job then ends STOPPED (its partial file deleted, the run recorded
     * STOPPED), and {@link #restart(long)} can run it again. Returns the record as it stands when asked (usually
     * still RUNNING).
     *
     * <p>Not {@code JobOperator.stop}: in Spring Batch 6.0 it closes the running step's step scope from the calling
     * thread ({@code StepSynchronizationManager.release()} on the context it shares with the running step), which
     * closes the step-scoped cursor reader under the running query, so the run ended FAILED ("canceling statement
     * due to user request") instead of STOPPED; it also writes the running step's execution from the calling
     * thread, racing the step's own writes, and records the job as ended while it is still running.
     *
     * @throws InvalidRequestException when there is no such run, or it is not running
     */
    public ReportRun stop(long runId) {
        ReportRun run = records.find(runId)
                .orElseThrow(() -> new InvalidRequestException("run", "no run with id " + runId));
        if (run.status() != RunStatus.RUNNING || run.jobExecutionId() == null) {
            throw new InvalidRequestException("run", "run " + runId + " is " + inWords(run.status())
                    + "; only a running run can be stopped");
        }
        JobExecution execution = jobRepository.getJobExecution(run.jobExecutionId());
        if (execution == null) {
            throw new IllegalStateException("Run " + runId + " names job execution " + run.jobExecutionId()
                    + ", which the job repository does not hold");
        }
        if (execution.getStatus() == BatchStatus.STOPPING) {
            return run;
        }
        if (!execution.isRunning()) {
            throw new InvalidRequestException("run", "run " + runId + " is not running any more (its job is "
                    + execution.getStatus() + ")");
        }
        if (!markStopping(execution)) {
            throw new InvalidRequestException("run", "run " + runId + " changed while it was being stopped; try again");
        }
        return records.get(runId);
    }

    /**
     * Marks a running job execution STOPPING in the job repository; the step reads it at its next chunk commit
     * (SimpleJobRepository.update), on whichever node runs it, and the job ends STOPPED. What JobOperator.stop
     * does, without also writing the running step's execution from this thread: Spring Batch 6.0 does that
     * concurrently with the thread running the step, which then fails on its next chunk with an
     * OptimisticLockingFailureException and ends FAILED (spring-batch#5120, #5484).
     *
     * @return false when the job wrote its execution in between (the update reads the stored version first)
     */
    private boolean markStopping(JobExecution execution) {
        execution.setStatus(BatchStatus.STOPPING);
        try {
            jobRepository.update(execution);
            return true;
        }
        catch (OptimisticLockingFailureException ex) {
            log.debug("Job execution {} changed while it was being stopped", execution.getId(), ex);
            return false;
        }
    }

    private long accept(RunRequest request) {
        return create(check.check(request));
    }

    private long create(CheckedRequest checked) {
        return records.create(checked.request(), checked.resolved(), checked.cutoff());
    }

    /**
     * Runs the run's job in this thread, holding the run ({@link RunOwners}) from before it is marked RUNNING until it
     * has ended, with the run id in every line it logs.
     */
    @SuppressWarnings("try") // the try is there for its close(); the resource is never read
    private void startJob(long runId) {
        try (MDC.MDCCloseable logged = RunLogging.forRun(runId)) {
            RunOwners.Held owned;
            try {
                owned = owners.hold(runId);
            }
            catch (DataAccessException | TransactionException ex) {
                couldNotStart(runId, ex);
                return;
            }
            try (owned) {
                startHeldJob(runId);
            }
        }
    }

    private void couldNotStart(long runId, Exception ex) {
        try {
            records.finished(runId, RunStatus.FAILED, "The run could not start: " + ex.getMessage());
        }
        catch (DataAccessException | TransactionException unrecorded) {
            log.warn("Run {} ended and its outcome could not be recorded: {}", runId, unrecorded.getMessage());
        }
    }

    private void startHeldJob(long runId) {
        JobParameters parameters = jobParameters(records.get(runId));
        // A job that starts records its own outcome (RunStatusListener); one that cannot start is recorded here.
        try {
            jobOperator.start(reportJob, parameters);
        }
        catch (JobExecutionException | DataAccessException | TransactionException ex) {
            couldNotStart(runId, ex);
        }
        Long started = RunStatusListener.takeStartedHere();
        if (started != null) {
            settleAfterOutage(runId, started);
        }
    }

    /**
     * This thread's job has returned, so its run must not stay RUNNING. When the database could not be reached as it
     * ended, neither its job execution nor its record could say so, and a run left RUNNING on a node that is alive
     * would never be taken over. So this thread waits for the database (backing off, for at most
     * {@link ReportSettings#outageWait()}) and then marks both FAILED: the run can be restarted, and completes with
     * the rows of an uninterrupted run. Costs one read of the record when nothing went wrong.
     */
    private void settleAfterOutage(long runId, long executionId) {
        BackOffExecution backOff = outageBackOff().start();
        while (true) {
            try {
                ReportRun run = records.get(runId);
                JobExecution execution = jobRepository.getJobExecution(executionId);
                // Started by this thread, whose start has returned: it cannot still be running, whatever the
                // job repository was left saying.
                if (execution != null && execution.isRunning()) {
                    jobOperator.recover(execution);
                }
                // A run another node has taken since is left to it.
                if (run.status() == RunStatus.RUNNING && Long.valueOf(executionId).equals(run.jobExecutionId())) {
                    records.finished(runId, RunStatus.FAILED,
                            "The database could not be reached while the run was ending; restart it");
                    log.warn("Run {} was left RUNNING by a database outage; now FAILED, to be restarted", runId);
                }
                return;
            }
            catch (DataAccessException | TransactionException ex) {
                long wait = backOff.nextBackOff();
                if (wait == BackOffExecution.STOP) {
                    log.error("Run {} may be left RUNNING: the database did not answer for {}", runId,
                            settings.outageWait(), ex);
                    return;
                }
                try {
                    Thread.sleep(wait);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private ExponentialBackOff outageBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(15_000);
        backOff.setMaxElapsedTime(settings.outageWait().toMillis());
        return backOff;
    }

    /**
     * The run id makes each run its own job instance; the report, partner company and resolved parameters
     * are identifying too, so the job repository alone says what every execution was. A value too long for
     * the repository's column (a customer list's definition) is identified by its SHA-256.
     */
    static JobParameters jobParameters(ReportRun run) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addLong(ReportJobConfiguration.RUN_ID, run.id())
                .addString("report", run.reportId());
        if (run.partnerCompanyId() != null) {
            builder.addLong("partnerCompanyId", run.partnerCompanyId());
        }
        run.parametersResolved().forEach((name, value) -> {
            if (value.length() <= MAX_PARAMETER_LENGTH) {
                builder.addString("parameter." + name, value);
            }
            else {
                builder.addString("parameter." + name + ".sha256", Sha256.hex(value));
            }
        });
        return builder.toJobParameters();
    }

    /** A status in a refusal a person may read: "completed", not the enum's name. */
    private static String inWords(RunStatus status) {
        return status == RunStatus.QUEUED ? "waiting to start" : status.name().toLowerCase(Locale.ROOT);
    }
}
