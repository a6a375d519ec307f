package org.stagedoor.scheduler.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes start, or restart, the same run at the same instant, over and over: each time exactly one job
 * execution runs, the run ends COMPLETED, and the other caller is turned away (or finds it taken) without an error.
 * Runs are of a cheap report on the hand-built venue, so a race takes milliseconds. 200 races of each kind; 1,000 in
 * the long variant.
 */
class RacingStartsIntegrationTests extends FaultNodeIntegrationTest {

    private static final int RACES = LONG ? 1000 : 200;

    /** Far enough ahead for the command to reach the other node; both then start at this same millisecond. */
    private static final long LEAD_MILLIS = 25;

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecords records;

    @BeforeEach
    void faultInjection() {
        FailingRuns.install(jdbc);
    }

    @AfterEach
    void noFaultInjection() {
        FailingRuns.uninstall(jdbc);
    }

    @Test
    void twoProcessesStartingTheSameRunAtOnceStartOneExecution() throws Exception {
        OtherNode other = startOtherNode();
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            runs.add(launcher.record(request(i)).id());
        }

        other.awaitReady();
        Map<String, Integer> outcomes = race(other, "execute", runs, launcher::execute);

        for (long run : runs) {
            assertThat(records.get(run).status()).as("run %d", run).isEqualTo(RunStatus.COMPLETED);
            assertThat(FailingRuns.executions(jdbc, run)).as("job executions of run %d", run)
                    .containsExactly("COMPLETED");
        }
        // The loser finds the run taken: still QUEUED (claimed, starting), RUNNING, or already COMPLETED.
        assertThat(outcomes.keySet()).as("outcomes").allMatch(outcome -> outcome.matches("(QUEUED|RUNNING|COMPLETED)"));
    }

    @Test
    void twoProcessesRestartingTheSameFailedRunAtOnceStartOneExecution() throws Exception {
        OtherNode other = startOtherNode();
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            long run = launcher.record(request(i)).id();
            FailingRuns.fail(jdbc, run);
            assertThat(launcher.execute(run).errorMessage()).contains("injected fault in run " + run);
            runs.add(run);
        }
        FailingRuns.failNone(jdbc);
        other.awaitReady();

        Map<String, Integer> outcomes = race(other, "restart", runs, launcher::restart);

        for (long run : runs) {
            assertThat(records.get(run).status()).as("run %d", run).isEqualTo(RunStatus.COMPLETED);
            assertThat(FailingRuns.executions(jdbc, run)).as("job executions of run %d", run)
                    .containsExactly("FAILED", "COMPLETED");
        }
        assertThat(outcomes.keySet()).as("outcomes").allMatch(outcome -> outcome.matches("COMPLETED|refused.*"));
        assertThat(outcomes.get("COMPLETED")).as("one restart each").isEqualTo(RACES);
    }

    /**
     * Races this process against the other node on each run, at an instant both wait for; returns how often each
     * outcome came back, from either side: the run's status, "refused" (InvalidRequestException) or "error …".
     */
    private Map<String, Integer> race(OtherNode other, String command, List<Long> runs, LongFunction<ReportRun> here)
            throws InterruptedException {
        Map<String, Integer> outcomes = new TreeMap<>();
        long started = System.nanoTime();
        for (long run : runs) {
            long at = System.currentTimeMillis() + LEAD_MILLIS;
            other.send(command + " " + run + " " + at);
            FaultNodeMain.awaitInstant(at);
            String mine;
            try {
                mine = here.apply(run).status().name();
            }
            catch (InvalidRequestException ex) {
                mine = "refused";
            }
            catch (RuntimeException ex) {
                mine = "error " + ex;
            }
            String theirs = other.answer(ANSWER_TIMEOUT);
            assertThat(theirs).as("the other node's answer").startsWith(command + " " + run + " ");
            theirs = theirs.substring((command + " " + run + " ").length());
            theirs = theirs.startsWith("refused ") ? "refused" : theirs;
            outcomes.merge("here " + mine, 1, Integer::sum);
            outcomes.merge("there " + theirs, 1, Integer::sum);
        }
        System.out.printf("%d %s races in %d ms; outcomes: %s%n", runs.size(), command,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), outcomes);
        Map<String, Integer> merged = new TreeMap<>();
        outcomes.forEach((outcome, times) -> merged.merge(outcome.substring(outcome.indexOf(' ') + 1), times,
                Integer::sum));
        return merged;
    }

    private static RunRequest request(int i) {
        return new RunRequest("partner-event-sales", 1L + i % 2, Map.of("period", "2026-10-05..2026-10-11"),
                OutputFormat.CSV, "tests");
    }
}
