package org.stagedoor.scheduler.schedule;

import java.time.Clock;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.run.CheckedRequest;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunRequestCheck;

/**
 * Runs of reports executed by the schedule cluster: recorded here, queued as a one-shot Quartz trigger in
 * the same transaction, and executed by whichever node takes the trigger. If that node dies mid-run,
 * Quartz hands the trigger to another node, which takes the run over (its job execution restarted). Called
 * inside a transaction of its caller's (a schedule's fire), it records and queues in that transaction.
 */
@Service
public class ClusteredRuns {

    private static final Logger log = LoggerFactory.getLogger(ClusteredRuns.class);

    private final RunRequestCheck requestCheck;

    private final ReportLauncher launcher;

    private final RunRecords records;

    private final ScheduleTriggers triggers;

    private final ScheduledRunDeliveries deliveries;

    private final Clock clock;

    private final TransactionTemplate transaction;

    private final String node;

    ClusteredRuns(RunRequestCheck requestCheck, ReportLauncher launcher, RunRecords records, ScheduleTriggers triggers,
            ScheduledRunDeliveries deliveries, Clock clock, PlatformTransactionManager transactions,
            Scheduler scheduler) throws SchedulerException {
        this.requestCheck = requestCheck;
        this.launcher = launcher;
        this.records = records;
        this.triggers = triggers;
        this.deliveries = deliveries;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.node = scheduler.getSchedulerInstanceId();
    }

    /**
     * Validates and records a run and queues it on the cluster; returns its QUEUED record. An invalid
     * request fails with every problem named, and nothing is recorded.
     */
    public ReportRun submit(RunRequest request) {
        // Checked before the transaction: a refusal thrown through it would mark a caller's transaction (a schedule's
        // fire, which goes on with its other partner companies) rollback-only.
        CheckedRequest checked = requestCheck.check(request);
        return transaction.execute(status -> {
            ReportRun run = launcher.record(checked);
            try {
                triggers.scheduleRun(run.id(), clock.instant());
            }
            catch (SchedulerException ex) {
                throw new IllegalStateException("Could not queue run " + run.id(), ex);
            }
            return run;
        });
    }

    /**
     * Puts a FAILED or STOPPED run back in the queue and queues it on the cluster, in one transaction; whichever node
     * takes it restarts its job where it left off, and it ends with the rows of an uninterrupted run. Returns its
     * QUEUED record.
     *
     * @throws InvalidRequestException when there is no such run, or it is neither FAILED nor STOPPED
     */
    public ReportRun restart(long runId) {
        return transaction.execute(status -> {
            ReportRun run = launcher.requeue(runId);
            try {
                triggers.scheduleRestart(runId, clock.instant());
            }
            catch (SchedulerException ex) {
                throw new IllegalStateException("Could not queue the restart of run " + runId, ex);
            }
            return run;
        });
    }

    /** Executes a queued run on this node; {@code recovering}: its first node died while running it. */
    void execute(long runId, boolean recovering) {
        ReportRun run = records.get(runId);
        log.info("Run {} ({}) taken by node {}{}", runId, run.status(), node, recovering ? ", recovering" : "");
        switch (run.status()) {
            // Recovering, it may have been claimed by the node that died before its job execution started.
            case QUEUED -> {
                if (recovering) {
                    launcher.recoverAbandoned(runId);
                }
                else {
                    launcher.execute(runId);
                }
            }
            case RUNNING -> {
                if (recovering) {
                    log.info("Taking over run {} from a node that stopped", runId);
                    launcher.recoverAbandoned(runId);
                }
                else {
                    log.warn("Run {} is already running; not started twice", runId);
                }
            }
            // Finished before its node died: what it delivers was recorded when it finished; recording
            // again is harmless and covers a node that died in between.
            default -> transaction.executeWithoutResult(status -> deliveries.record(run));
        }
    }
}
