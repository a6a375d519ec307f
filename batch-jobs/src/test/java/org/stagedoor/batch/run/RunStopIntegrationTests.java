package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stopping a running run: its job stops at the next chunk boundary, the run is recorded STOPPED with no file
 * left behind, and a restart yields the file of an uninterrupted run. The run is held inside its first chunk
 * (a gate in its writer) while it is asked to stop, so the stop always finds it running.
 */
// Both writer hooks in both classes (each inert until its test arms it), so that they share one context.
@SpringBootTest(properties = "stagedoor.reports.chunk-size=2")
@Import({ ReportJobIntegrationTests.FixedClock.class, RunRestartIntegrationTests.FaultInjection.class,
        RunStopIntegrationTests.Gate.class })
class RunStopIntegrationTests extends VenueIntegrationTest {

    private static final AtomicBoolean armed = new AtomicBoolean();

    private static volatile CountDownLatch entered = new CountDownLatch(1);

    private static volatile CountDownLatch release = new CountDownLatch(0);

    private static final RunRequest REQUEST = new RunRequest("facilitated-sales", null,
            Map.of("period", "2026-10-01..2026-10-07"), OutputFormat.CSV, "tests");

    @Autowired
    RunRecords records;

    @AfterEach
    void openTheGate() {
        armed.set(false);
        release.countDown();
    }

    @Test
    void aStoppedRunIsRecordedStoppedAndRestartsToTheFileOfAnUninterruptedRun() throws Exception {
        ReportRun uninterrupted = launcher.run(REQUEST);
        assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(uninterrupted.rowCount()).isEqualTo(9);

        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        armed.set(true);
        long runId = launcher.submit(REQUEST).id();
        assertThat(entered.await(60, TimeUnit.SECONDS)).as("the run reached its first chunk").isTrue();

        ReportRun asked = launcher.stop(runId);

        assertThat(asked.status()).isEqualTo(RunStatus.RUNNING);
        release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> records.get(runId).status() != RunStatus.RUNNING);
        ReportRun stopped = records.get(runId);
        assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(stopped.errorMessage()).isEqualTo("Stopped on request");
        assertThat(stopped.location()).isNull();
        assertThat(filesOfRun(runId)).isEmpty();
        assertThat(jdbc.sql("select status from batch_job_execution where job_execution_id = :id")
                .param("id", stopped.jobExecutionId()).query(String.class).single()).isEqualTo("STOPPED");

        ReportRun restarted = launcher.restart(runId);

        assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(restarted.rowCount()).isEqualTo(9);
        assertThat(restarted.sha256()).isEqualTo(uninterrupted.sha256())
                .isEqualTo(Checksums.sha256(Path.of(restarted.location())));
    }

    @Test
    void aRunStoppedWhileItsQueryRunsLetsTheQueryFinishAndStopsAtItsFirstChunk() throws Exception {
        RunRequest optIns = new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests");
        long runId;
        // The list reads the preference history: locked, the run waits in its query, RUNNING, until released.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table partner_preference_history in access exclusive mode");
            }
            runId = launcher.submit(optIns).id();
            await().atMost(Duration.ofSeconds(60)).until(() -> records.get(runId).status() == RunStatus.RUNNING);

            assertThat(launcher.stop(runId).status()).isEqualTo(RunStatus.RUNNING);
            assertThat(launcher.stop(runId).status()).as("asked twice, still the one stop")
                    .isEqualTo(RunStatus.RUNNING);

            Thread.sleep(500);
            assertThat(records.get(runId).status()).as("the query is left to run, not cancelled")
                    .isEqualTo(RunStatus.RUNNING);
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> records.get(runId).status() != RunStatus.RUNNING);
        assertThat(records.get(runId).status()).isEqualTo(RunStatus.STOPPED);
        ReportRun restarted = launcher.restart(runId);
        assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(restarted.rowCount()).isEqualTo(launcher.run(optIns).rowCount()).isPositive();
    }

    @Test
    void onlyARunningRunCanBeStopped() {
        ReportRun completed = launcher.run(REQUEST);

        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> launcher.stop(completed.id()))
                .satisfies(ex -> {
                    assertThat(ex.errors()).extracting(FieldError::field).containsExactly("run");
                    assertThat(ex.getMessage()).endsWith("is completed; only a running run can be stopped");
                });
        assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> launcher.stop(completed.id() + 1000))
                .withMessageContaining("no run with id");
        assertThat(records.get(completed.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    private List<String> filesOfRun(long runId) throws IOException {
        try (Stream<Path> files = Files.list(settings.directory())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("run-" + runId + "."))
                    .toList();
        }
    }

    /** Holds the first chunk of an armed run in its writer until the test releases it. */
    // Imported, not annotated: a nested @TestConfiguration would be added to this class's context alone.
    static class Gate {

        @Bean
        static BeanPostProcessor gatedWriter() {
            return RowWriterHook.before(() -> {
                if (armed.getAndSet(false)) {
                    entered.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
    }
}
