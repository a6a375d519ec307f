package org.stagedoor.scheduler.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.JobListenerSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import org.stagedoor.SchedulerTestApplication;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.run.ReportLauncher;

/**
 * Another node in a process of its own, for the fault tests: the test can kill it (SIGKILL) at any moment. It
 * takes commands on standard input, one a line ({@code execute|restart|recover <run id> [<epoch millis>]}), runs
 * each in its main thread, at the instant given if there is one, and answers each on standard output with a line
 * starting {@value #ANSWER}: the command, the run id and the outcome (the run's status, {@code refused <why>} or
 * {@code error <exception>}). Its settings come as arguments; {@value #HOLD_FIRST_FIRE} makes it hold the end of
 * a fire.
 */
public final class FaultNodeMain {

    static final String ANSWER = "fault-node> ";

    /**
     * {@code true}: the first schedule's fire this node executes does its work (commits) and then never tells the
     * cluster it ended; killed, the node leaves a fire done that Quartz delivers again. It holds one of the node's
     * threads meanwhile.
     */
    static final String HOLD_FIRST_FIRE = "fault-node.hold-first-fire";

    private FaultNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        ConfigurableApplicationContext context = SpringApplication.run(SchedulerTestApplication.class, args);
        ReportLauncher launcher = context.getBean(ReportLauncher.class);
        if (context.getEnvironment().getProperty(HOLD_FIRST_FIRE, Boolean.class, false)) {
            try {
                // The schedules' jobs ("schedules" is ScheduleTriggers.SCHEDULES): their fires only.
                context.getBean(Scheduler.class).getListenerManager()
                        .addJobListener(new HoldFirstFire(), GroupMatcher.jobGroupEquals("schedules"));
            }
            catch (SchedulerException ex) {
                throw new IllegalStateException("Could not add the listener that holds a fire", ex);
            }
        }
        answer("ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] command = line.trim().split(" ");
            long runId = Long.parseLong(command[1]);
            if (command.length > 2) {
                awaitInstant(Long.parseLong(command[2]));
            }
            String outcome;
            try {
                outcome = switch (command[0]) {
                    case "execute" -> launcher.execute(runId).status().name();
                    case "restart" -> launcher.restart(runId).status().name();
                    case "recover" -> launcher.recoverAbandoned(runId).status().name();
                    default -> throw new IllegalArgumentException("unknown command " + command[0]);
                };
            }
            catch (InvalidRequestException ex) {
                outcome = "refused " + ex.getMessage();
            }
            catch (RuntimeException ex) {
                outcome = "error " + ex;
            }
            answer(command[0] + " " + runId + " " + outcome);
        }
        // Standard input closed: the test is done with this node.
        context.close();
    }

    /**
     * Returns at the given wall-clock instant, to the millisecond: both processes of a race read the same clock.
     * Sleeps most of the way and spins the last milliseconds, as sleeping overshoots by a millisecond or more.
     */
    static void awaitInstant(long epochMillis) {
        long sleep = epochMillis - System.currentTimeMillis() - 3;
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        while (System.currentTimeMillis() < epochMillis) {
            Thread.onSpinWait();
        }
    }

    /** Holds a fire between its end and Quartz's record of it: listeners are told before the job store. */
    private static final class HoldFirstFire extends JobListenerSupport {

        private final AtomicBoolean held = new AtomicBoolean();

        @Override
        public String getName() {
            return "fault-node-hold-first-fire";
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
            if (held.compareAndSet(false, true)) {
                try {
                    // Until the node is killed.
                    new CountDownLatch(1).await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void answer(String line) {
        System.out.println(ANSWER + line);
        System.out.flush();
    }
}
