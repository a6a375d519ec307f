package org.stagedoor.scheduler.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run started by a process of its own that is not a node of the cluster (as {@code run-report} runs one: in its
 * own thread, with no Quartz trigger to recover it) is killed with SIGKILL halfway through its rows. A live node
 * marks it failed, deletes its partial file and leaves it restartable; while its process lived, it was left alone.
 */
class DeadCommandRunIntegrationTests extends LargeVenueFaultTest {

    private static final RunRequest REQUEST = request("command line (tests)");

    @Test
    void aRunWhoseCommandWasKilledIsMarkedFailedWithoutItsPartialFileAndRestartsToCompletion() throws Exception {
        OtherNode command = startOtherNode();
        ReportRun run = launcher.record(REQUEST);
        Path partial = reportSettings.directory().resolve("run-" + run.id() + ".csv.part");
        command.awaitReady();
        command.send("execute " + run.id());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> committedRows(run.id()) >= 20_000 && Files.exists(partial));

        assertThat(launcher.failAbandoned(Duration.ZERO)).as("its process lives: left to it").isEmpty();
        assertThat(records.get(run.id()).status()).isEqualTo(RunStatus.RUNNING);

        command.kill();
        assertThat(records.get(run.id()).status()).as("killed mid-run").isEqualTo(RunStatus.RUNNING);
        assertThat(partial).exists();

        // PostgreSQL ends the dead process's session (and frees its lock) once it sees the connection closed.
        List<ReportRun> failed = await().atMost(Duration.ofSeconds(30)).until(
                () -> launcher.failAbandoned(Duration.ZERO), marked -> !marked.isEmpty());

        assertThat(failed).extracting(ReportRun::id).containsExactly(run.id());
        ReportRun abandoned = records.get(run.id());
        assertThat(abandoned.status()).isEqualTo(RunStatus.FAILED);
        assertThat(abandoned.errorMessage()).isEqualTo("The program running it stopped before it finished (it was"
                + " ended, or its computer went down); restart it to finish it");
        assertThat(partial).doesNotExist();
        assertThat(jdbc.sql("select status from batch_job_execution where job_execution_id = :id")
                .param("id", abandoned.jobExecutionId()).query(String.class).single()).isEqualTo("FAILED");
        assertThat(launcher.failAbandoned(Duration.ZERO)).as("marked once").isEmpty();

        ReportRun restarted = launcher.restart(run.id());

        assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(restarted.rowCount()).isGreaterThan(100_000);
        assertThat(Path.of(restarted.location())).exists();
        assertThat(partial).doesNotExist();
    }

    /** Rows the run's current job execution has committed. */
    private long committedRows(long runId) {
        return jdbc.sql("""
                select coalesce(sum(s.write_count), 0) from batch_step_execution s
                 where s.job_execution_id = (select job_execution_id from report_run where id = :run)
                """).param("run", runId).query(Long.class).single();
    }
}
