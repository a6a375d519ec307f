package org.stagedoor.scheduler.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A large run, executed by a node in another process, is killed with SIGKILL at random moments while it writes its
 * rows: 3 times, or 20 in the long variant. Each time a fresh node takes over the abandoned run (as Quartz's
 * recovery of a dead node's trigger does), and after the last kill this node does. The run ends COMPLETED, with
 * exactly the rows, bytes and SHA-256 of an uninterrupted run of the same request and cut-off, one COMPLETED job
 * execution, and no partial file left behind.
 *
 * <p>The moments are drawn from a seeded random: the seed is printed, and {@code -Dstagedoor.faults.seed=...}
 * replays a run's kills.
 */
class CrashMidRunIntegrationTests extends LargeVenueFaultTest {

    private static final int KILLS = LONG ? 20 : 3;

    /** 147,030 rows in the period (31 MB of CSV): a run of a few seconds in the other node. */
    private static final RunRequest REQUEST = request("tests");

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aRunKilledAtRandomMomentsAndTakenOverYieldsTheFileOfAnUninterruptedRun() throws Exception {
        long seed = Long.getLong("stagedoor.faults.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("Crash mid-run: %d kills, seed %d (-Dstagedoor.faults.seed=%d replays them)%n", KILLS, seed,
                seed);
        // Starting while the uninterrupted run runs here.
        OtherNode node = startOtherNode();
        ReportRun run = launcher.record(REQUEST);
        ReportRun reference = launcher.record(REQUEST);
        // The cut-off is in the file: the uninterrupted run reads the data as it stood at the same instant.
        jdbc.sql("update report_run set cutoff_at = :cutoff where id = :id")
                .param("cutoff", Timestamp.from(run.cutoffAt())).param("id", reference.id()).update();
        long started = System.nanoTime();
        ReportRun uninterrupted = launcher.execute(reference.id());
        long uninterruptedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
        long rows = uninterrupted.rowCount();
        assertThat(rows).as("rows of the uninterrupted run").isGreaterThan(100_000);
        System.out.printf("Uninterrupted run: %,d rows, %,d bytes in %d ms in this process%n", rows,
                uninterrupted.fileSize(), uninterruptedMillis);

        node.awaitReady();
        node.send("execute " + run.id());
        Long killedExecution = null;
        for (int kill = 1; kill <= KILLS; kill++) {
            // The next node starts meanwhile, as a live node of the cluster would be there to take over.
            OtherNode next = kill < KILLS ? startOtherNode() : null;
            long target = (long) (rows * (0.05 + 0.9 * random.nextDouble()));
            Long previous = killedExecution;
            // The moment: once this attempt's own execution has written the target number of rows (or, too late,
            // the run completed).
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
                ReportRun current = records.get(run.id());
                return current.status() == RunStatus.COMPLETED || current.status() == RunStatus.RUNNING
                        && current.jobExecutionId() != null && !current.jobExecutionId().equals(previous)
                        && rowsWritten(run.id()) >= target;
            });
            node.kill();
            ReportRun killed = records.get(run.id());
            killedExecution = killed.jobExecutionId();
            System.out.printf("Kill %d: at %,d rows written (target %,d), job execution %d%n", kill,
                    rowsWritten(run.id()), target, killedExecution);
            assertThat(killed.status()).as("killed mid-run").isEqualTo(RunStatus.RUNNING);
            if (next != null) {
                // The node is dead: taking its run over is legitimate (Quartz would hand it to a live node).
                next.awaitReady();
                next.send("recover " + run.id());
                node = next;
            }
        }
        started = System.nanoTime();
        ReportRun recovered = launcher.recoverAbandoned(run.id());
        System.out.printf("Taken over by this node after the last kill: %s in %d ms%n", recovered.status(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        assertThat(recovered.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(recovered.rowCount()).isEqualTo(rows);
        Path file = Path.of(recovered.location());
        assertThat(sha256(file)).isEqualTo(recovered.sha256()).isEqualTo(uninterrupted.sha256())
                .isEqualTo(sha256(Path.of(uninterrupted.location())));
        assertThat(Files.mismatch(file, Path.of(uninterrupted.location()))).as("first differing byte").isEqualTo(-1);
        assertThat(filesOfRun(run.id())).as("no partial file left").containsExactly(file.getFileName().toString());
        // One execution per attempt: each killed one recovered as FAILED, and the last one COMPLETED, once.
        List<String> executions = jdbc.sql("""
                select e.status from batch_job_execution e
                  join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                 where p.parameter_name = 'runId' and p.parameter_value = cast(:run as varchar)
                 order by e.job_execution_id
                """).param("run", run.id()).query(String.class).list();
        assertThat(executions).hasSize(KILLS + 1).endsWith("COMPLETED").filteredOn("COMPLETED"::equals).hasSize(1);
        assertThat(executions.subList(0, KILLS)).containsOnly("FAILED");
    }

    /** Rows the run's current job execution has committed to its file. */
    private long rowsWritten(long runId) {
        return jdbc.sql("""
                select coalesce(max(s.write_count), 0) from report_run r
                  join batch_step_execution s on s.job_execution_id = r.job_execution_id
                 where r.id = :run and s.step_name = 'reportRowsStep'
                """).param("run", runId).query(Long.class).single();
    }

    private List<String> filesOfRun(long runId) throws IOException {
        try (Stream<Path> files = Files.list(reportSettings.directory())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("run-" + runId + ".")).toList();
        }
    }

    /** Computed here, independently of the code under test. */
    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
