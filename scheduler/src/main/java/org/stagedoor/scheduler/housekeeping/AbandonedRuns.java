package org.stagedoor.scheduler.housekeeping;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;

/**
 * Looks, at start and then every {@code stagedoor.scheduler.abandoned-runs-check}, for runs whose process died,
 * whoever started them (a {@code run-report} command, a portal or scheduler node), and marks them failed, to be
 * restarted ({@link ReportLauncher#failAbandoned(Duration)}). On every node that fires schedules: several looking at
 * once is harmless, as each run is taken by one of them only (its lock). Its own thread, as the delivery poller's,
 * so that it waits behind no other work and adds no trigger the scheduler's health would watch.
 */
class AbandonedRuns implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AbandonedRuns.class);

    private final ReportLauncher launcher;

    private final Duration every;

    private final Duration grace;

    private ThreadPoolTaskScheduler scheduler;

    AbandonedRuns(ReportLauncher launcher, Duration every, Duration grace) {
        this.launcher = launcher;
        this.every = every;
        this.grace = grace;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("abandoned-runs-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::pass, every);
    }

    private void pass() {
        try {
            for (ReportRun run : launcher.failAbandoned(grace)) {
                log.warn("Run {} of {} was left unfinished by a process that stopped: marked failed; restart it from"
                        + " the console", run.id(), run.reportId());
            }
        }
        catch (RuntimeException ex) {
            // The next pass tries again; an exception escaping would end the schedule.
            log.error("Looking for runs left by stopped processes failed", ex);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
