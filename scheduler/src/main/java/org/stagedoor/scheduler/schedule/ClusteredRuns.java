package org.stagedoor.scheduler.schedule;

import java.time.Clock;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;

/**
 * Runs of reports executed by the schedule cluster: recorded here, queued as a one-shot Quartz trigger in
 * the same transaction, and executed by whichever node takes the trigger. If that node dies mid-run,
 * Quartz hands the trigger to another node, which takes the run over (its job execution restarted).
 */
@Service
public class ClusteredRuns {

    private static final Logger log = LoggerFactory.getLogger(ClusteredRuns.class);

    private final ReportLauncher launcher;

    private final RunRecords records;

    private final ScheduleTriggers triggers;

    private final ScheduledRunDeliveries deliveries;

    private final Clock clock;

    private final TransactionTemplate transaction;

    private final String node;

    ClusteredRuns(ReportLauncher launcher, RunRecords records, ScheduleTriggers triggers,
            ScheduledRunDeliveries deliveries, Clock clock, PlatformTransactionManager transactions,
            Scheduler scheduler) throws SchedulerException {
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
        return transaction.execute(status -> {
            ReportRun run = launcher.record(request);
            try {
                triggers.scheduleRun(run.id(), clock.instant());
            }
            catch (SchedulerException ex) {
                throw new IllegalStateException("Could not queue run " + run.id(), ex);
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
