package org.stagedoor.batch.run;

import java.sql.SQLException;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * How many report runs execute at once on this node, whoever started them (the portal's queue, a schedule's Quartz
 * threads, the command line): {@link ReportSettings#concurrentRuns()}. A run beyond them waits for a slot before its
 * first step, holding no database connection; it shows RUNNING meanwhile, and a cancel stops it before it reads.
 *
 * <p>A partner company's run holds four connections while it writes: the cursor's, the chunk's transaction and
 * the ledger's two writers ({@link LedgerLoader}); runs that together need more than the pool holds starve each
 * other until they fail. So a node refuses to start with fewer connections than its runs need and a few to spare
 * (docs/decisions/0006-run-slots.md).
 */
@Component
class RunSlots implements JobExecutionListener {

    /** A partner run's cursor, chunk transaction and ledger writers. */
    static final int CONNECTIONS_PER_RUN = 2 + LedgerLoader.WRITERS;

    /** Left over for the pages, the scheduler and the mail sender while every slot is taken. */
    static final int CONNECTIONS_TO_SPARE = 2;

    private static final Logger log = LoggerFactory.getLogger(RunSlots.class);

    /** beforeJob and afterJob run in the job's thread: whether that thread holds a slot. */
    private static final ThreadLocal<Boolean> HELD = new ThreadLocal<>();

    private final int concurrentRuns;

    private final Semaphore slots;

    private final JobRepository jobRepository;

    RunSlots(ReportSettings settings, DataSource dataSource, JobRepository jobRepository) throws SQLException {
        this.jobRepository = jobRepository;
        int runs = settings.concurrentRuns();
        if (runs < 1) {
            throw new IllegalStateException("stagedoor.reports.concurrent-runs must be at least 1, not " + runs);
        }
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            int pool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            int needed = connectionsNeeded(runs);
            if (pool < needed) {
                throw new IllegalStateException(
                        "stagedoor.reports.concurrent-runs=" + runs + " needs at least " + needed
                        + " database connections (" + CONNECTIONS_PER_RUN + " a run and " + CONNECTIONS_TO_SPARE
                        + " to spare); spring.datasource.hikari.maximum-pool-size is " + pool);
            }
        }
        this.concurrentRuns = runs;
        this.slots = new Semaphore(runs, true);
    }

    static int connectionsNeeded(int concurrentRuns) {
        return concurrentRuns * CONNECTIONS_PER_RUN + CONNECTIONS_TO_SPARE;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        if (slots.tryAcquire()) {
            HELD.set(Boolean.TRUE);
            return;
        }
        log.info("Run {} waits for a slot: this node runs {} at a time", execution.getJobParameters()
                .getLong(ReportJobConfiguration.RUN_ID), concurrentRuns);
        try {
            slots.acquire();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a run slot (the node is stopping)", ex);
        }
        HELD.set(Boolean.TRUE);
        // Cancelled while it waited (ReportLauncher.cancel marks the stored execution STOPPING): the update brings
        // that status into this execution, and the job then stops before its first step reads a row.
        jobRepository.update(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (Boolean.TRUE.equals(HELD.get())) {
            HELD.remove();
            slots.release();
        }
    }

    /** Runs waiting for a slot now. */
    int waiting() {
        return slots.getQueueLength();
    }
}
