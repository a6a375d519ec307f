package org.stagedoor.scheduler.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

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
 * {@code error <exception>}). Its settings come as arguments.
 */
public final class FaultNodeMain {

    static final String ANSWER = "fault-node> ";

    private FaultNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        ConfigurableApplicationContext context = SpringApplication.run(SchedulerTestApplication.class, args);
        ReportLauncher launcher = context.getBean(ReportLauncher.class);
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

    private static void answer(String line) {
        System.out.println(ANSWER + line);
        System.out.flush();
    }
}
