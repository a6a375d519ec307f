package org.stagedoor.scheduler.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.fault.FailingRuns;
import org.stagedoor.scheduler.schedule.SchedulerNodeIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Runs queued on the scheduler cluster through the one entry point: an administrator's restart of a failed run, and
 * what a schedule's fan-out does inside its own transaction.
 */
class RunStartsIntegrationTests extends SchedulerNodeIntegrationTest {

    private static final RunRequest SALES = new RunRequest("partner-event-sales", 1L,
            Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV, "tests");

    @Autowired
    RunStarts starts;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecords records;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void faultInjection() {
        FailingRuns.install(jdbc);
    }

    @AfterEach
    void noFaultInjection() {
        FailingRuns.uninstall(jdbc);
    }

    @Test
    void aRestartedFailedRunIsQueuedOnTheClusterAndCompletesWithTheRowsOfAnUninterruptedRun() throws Exception {
        scheduler.standby();
        long runId = launcher.record(SALES).id();
        FailingRuns.fail(jdbc, runId);
        assertThat(launcher.execute(runId).errorMessage()).contains("injected fault in run " + runId);
        FailingRuns.failNone(jdbc);

        ReportRun queued = starts.restart(runId);

        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queued.errorMessage()).isNull();
        assertThat(queued.startedAt()).isNull();
        assertThat(runTriggers()).singleElement().satisfies(trigger ->
                assertThat(scheduler.getTrigger(trigger).getJobDataMap().getLong("runId")).isEqualTo(runId));
        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> starts.restart(runId))
                .withMessageContaining("run " + runId
                        + " is waiting to start; only a failed or stopped run can be restarted");
        assertThat(runTriggers()).as("a refused restart queues nothing").hasSize(1);

        scheduler.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> records.get(runId).status() == RunStatus.COMPLETED);

        ReportRun restarted = records.get(runId);
        ReportRun uninterrupted = launcher.run(SALES);
        assertThat(restarted.rowCount()).isEqualTo(2).isEqualTo(uninterrupted.rowCount());
        assertThat(Files.readAllLines(Path.of(restarted.location())))
                .isEqualTo(Files.readAllLines(Path.of(uninterrupted.location())));
        assertThat(FailingRuns.executions(jdbc, runId)).containsExactly("FAILED", "COMPLETED");
        assertThat(restarted.errorMessage()).isNull();
    }

    @Test
    void aRunThatIsNeitherFailedNorStoppedIsNotRestarted() {
        ReportRun completed = launcher.run(SALES);

        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> starts.restart(completed.id()))
                .withMessageContaining("run " + completed.id() + " is completed; only a failed or stopped run can be"
                        + " restarted (running a report again is a new run)");
        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> starts.restart(completed.id() + 1000))
                .withMessageContaining("no run with id " + (completed.id() + 1000));
        assertThat(records.get(completed.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aRefusedRequestLeavesTheCallersTransactionToQueueTheOthers() throws SchedulerException {
        // What a schedule's fan-out does: in the fire's transaction, one partner company's run refused, the next
        // queued.
        scheduler.standby();
        RunRequest refused = new RunRequest("partner-event-sales", 1L, Map.of("period", "2026-10-11..2026-10-05"),
                OutputFormat.CSV, "tests");

        ReportRun queued = new TransactionTemplate(transactions).execute(status -> {
            assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> starts.queue(refused))
                    .withMessageContaining("the period ends before it starts");
            return starts.queue(SALES);
        });

        assertThat(jdbc.sql("select id from report_run").query(Long.class).list()).containsExactly(queued.id());
        assertThat(records.get(queued.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(runTriggers()).containsExactly(TriggerKey.triggerKey("run-" + queued.id(), "runs"));
    }

    private List<TriggerKey> runTriggers() throws SchedulerException {
        return List.copyOf(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("runs")));
    }
}
