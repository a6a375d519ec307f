package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails mid-way (a fault injected into its writer after two chunks of two rows) leaves no
 * file that looks complete; restarted, it yields exactly the rows and checksum of an uninterrupted run.
 */
// Both writer hooks in both classes (each inert until its test arms it), so that they share one context.
@SpringBootTest(properties = "stagedoor.reports.chunk-size=2")
@Import({ ReportJobIntegrationTests.FixedClock.class, RunRestartIntegrationTests.FaultInjection.class,
        RunStopIntegrationTests.Gate.class })
class RunRestartIntegrationTests extends VenueIntegrationTest {

    /** Chunks to let through before the injected fault; negative: no fault. */
    static final AtomicInteger chunksBeforeFault = new AtomicInteger(-1);

    @AfterEach
    void noFault() {
        chunksBeforeFault.set(-1);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aRestartedRunYieldsExactlyTheFileOfAnUninterruptedRun(OutputFormat format) throws IOException {
        RunRequest request = new RunRequest("facilitated-sales", null, Map.of("period", "2026-10-01..2026-10-07"),
                format, "tests");
        ReportRun uninterrupted = launcher.run(request);
        assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(uninterrupted.rowCount()).isEqualTo(9);

        chunksBeforeFault.set(2);
        ReportRun failed = launcher.run(request);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).contains("injected fault");
        assertThat(failed.location()).isNull();
        assertThat(filesOfRun(failed)).isEmpty();

        ReportRun restarted = launcher.restart(failed.id());

        assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(restarted.rowCount()).isEqualTo(9);
        assertThat(restarted.sha256()).isEqualTo(Checksums.sha256(Path.of(restarted.location())));
        if (format == OutputFormat.CSV) {
            assertThat(restarted.sha256()).isEqualTo(uninterrupted.sha256());
            assertThat(Files.readAllBytes(Path.of(restarted.location())))
                    .isEqualTo(Files.readAllBytes(Path.of(uninterrupted.location())));
        }
        else {
            // Two runs of the same rows: the same workbook but for the run number on the About sheet.
            assertThat(Spreadsheets.entriesBesideRunNumber(Path.of(restarted.location())))
                    .isEqualTo(Spreadsheets.entriesBesideRunNumber(Path.of(uninterrupted.location())));
        }
        assertThat(filesOfRun(restarted)).containsExactly(Path.of(restarted.location()).getFileName().toString());
        // A completed run is not executed again.
        assertThat(jdbc.sql("select count(*) from batch_job_execution").query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aRestartedPartnerListHasExactlyTheLedgerOfItsFile() throws IOException {
        // covers R-6, P-8: the first attempt wrote one chunk of ledger entries before failing
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel)
                select id, 1, 'YES', '2026-10-01 10:00:00+00', 'BOX_OFFICE' from customer where id in (3, 5)
                """).update();
        RunRequest request = new RunRequest("customer-list", 1L, Map.of("list", """
                {"name": "Everyone", "segments": [{"type": "has-email"}, {"operator": "OR", "type": "has-email",
                 "value": false}], "columns": ["id"]}
                """), OutputFormat.CSV, "tests");
        chunksBeforeFault.set(1);
        ReportRun failed = launcher.run(request);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(jdbc.sql("select count(*) from sharing_ledger where run_id = :run").param("run", failed.id())
                .query(Long.class).single()).isEqualTo(2);

        ReportRun restarted = launcher.restart(failed.id());

        assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Files.readAllLines(Path.of(restarted.location())).stream().skip(1)
                .map(line -> line.replace("\"", "")).toList()).containsExactly("1", "3", "4", "5", "6");
        assertThat(jdbc.sql("select customer_id from sharing_ledger where run_id = :run order by customer_id")
                .param("run", restarted.id()).query(Long.class).list()).containsExactly(1L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aRunWhoseLedgerCannotBeWrittenFailsWithoutAFileAndItsRestartCompletesTheLedger() throws IOException {
        // covers R-6: the ledger is written beside the file, on a connection of its own; the database refusing it
        // (a trigger, standing for a full disk or a lost connection) must fail the run, not let it complete
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel)
                select id, 1, 'YES', '2026-10-01 10:00:00+00', 'BOX_OFFICE' from customer where id in (3, 5)
                """).update();
        jdbc.sql("""
                create function refuse_ledger() returns trigger language plpgsql as $$
                begin
                    raise exception 'the ledger is refused (test)';
                end $$
                """).update();
        jdbc.sql("create trigger refuse_ledger before insert on sharing_ledger for each statement"
                + " execute function refuse_ledger()").update();
        RunRequest request = new RunRequest("customer-list", 1L, Map.of("list", """
                {"name": "Everyone", "segments": [{"type": "has-email"}, {"operator": "OR", "type": "has-email",
                 "value": false}], "columns": ["id"]}
                """), OutputFormat.CSV, "tests");
        ReportRun failed;
        try {
            failed = launcher.run(request);
        }
        finally {
            jdbc.sql("drop trigger refuse_ledger on sharing_ledger").update();
            jdbc.sql("drop function refuse_ledger()").update();
        }

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).contains("the ledger is refused (test)");
        assertThat(filesOfRun(failed)).isEmpty();
        assertThat(jdbc.sql("select count(*) from run_manifest where run_id = :run").param("run", failed.id())
                .query(Long.class).single()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("the run's ledger thread ends with its execution").doesNotContain("ledger-run-" + failed.id());

        ReportRun restarted = launcher.restart(failed.id());

        assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(jdbc.sql("select customer_id from sharing_ledger where run_id = :run order by customer_id")
                .param("run", restarted.id()).query(Long.class).list()).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("ledger-run-" + restarted.id());
    }

    private Stream<String> filesOfRun(ReportRun run) throws IOException {
        try (Stream<Path> files = Files.list(settings.directory())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("run-" + run.id() + "."))
                    .toList().stream();
        }
    }

    /** Wraps the step's writer so that it throws once after the allowed number of chunks. */
    // Imported, not annotated: a nested @TestConfiguration would be added to this class's context alone.
    static class FaultInjection {

        @Bean
        static BeanPostProcessor faultInjectingWriter() {
            return RowWriterHook.before(() -> {
                if (chunksBeforeFault.getAndDecrement() == 0) {
                    throw new IllegalStateException("injected fault");
                }
            });
        }
    }
}
