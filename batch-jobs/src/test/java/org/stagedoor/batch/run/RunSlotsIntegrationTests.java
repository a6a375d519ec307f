package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Six partner lists started at once on one node, as four Quartz threads and two queued runs can, on the default
 * pool of ten connections: each holds four while it writes, so without run slots they starve each other of
 * connections (docs/decisions/0006-run-slots.md). On the hand-built venue (venue.sql).
 */
@SpringBootTest(properties = { "stagedoor.reports.concurrent-runs=2", "spring.datasource.hikari.maximum-pool-size=10",
        "spring.datasource.hikari.connection-timeout=3000" })
class RunSlotsIntegrationTests extends VenueIntegrationTest {

    @Autowired
    RunSlots slots;

    private final ExecutorService callers = Executors.newFixedThreadPool(6);

    @AfterEach
    void stopCallers() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void sixPartnerListsStartedAtOnceRunTwoAtATimeAndAllComplete() throws Exception {
        ReportRun alone = launcher.run(optIn());
        assertThat(alone.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(alone.rowCount()).isPositive();

        List<Future<ReportRun>> runs = new ArrayList<>();
        try (Connection lock = holdPreferenceHistory()) {
            for (int i = 0; i < 6; i++) {
                runs.add(callers.submit(() -> launcher.run(optIn())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> slots.waiting() == 4);
            // Two runs reading: each one's statement, and its ledger's withdrawal notices found meanwhile.
            await().atMost(Duration.ofSeconds(30)).until(() -> lockWaiters() == 4);
            // Longer than a connection's wait: the ones waiting for a slot hold none and time nothing out.
            Thread.sleep(4_000);
            assertThat(slots.waiting()).isEqualTo(4);
            assertThat(lockWaiters()).isEqualTo(4);
            lock.rollback();
        }

        for (Future<ReportRun> run : runs) {
            ReportRun finished = run.get(60, TimeUnit.SECONDS);
            assertThat(finished.status()).as(finished.errorMessage()).isEqualTo(RunStatus.COMPLETED);
            assertThat(finished.rowCount()).isEqualTo(alone.rowCount());
            assertThat(finished.sha256()).isNotNull();
        }
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void aRunCancelledWhileItWaitsForASlotStopsWithoutReadingARow() throws Exception {
        List<Future<ReportRun>> runs = new ArrayList<>();
        long waiting;
        try (Connection lock = holdPreferenceHistory()) {
            for (int i = 0; i < 3; i++) {
                runs.add(callers.submit(() -> launcher.run(optIn())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> slots.waiting() == 1 && lockWaiters() == 4);
            // RUNNING like the two reading, but no step started: the one waiting for a slot.
            await().atMost(Duration.ofSeconds(30)).until(() -> runningWithoutAStep().size() == 1);
            waiting = runningWithoutAStep().get(0);

            launcher.cancel(waiting, "tests");
            lock.rollback();
        }

        List<ReportRun> finished = new ArrayList<>();
        for (Future<ReportRun> run : runs) {
            finished.add(run.get(60, TimeUnit.SECONDS));
        }
        assertThat(finished).filteredOn(run -> run.id() == waiting).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.STOPPED);
            assertThat(run.location()).isNull();
        });
        assertThat(finished).filteredOn(run -> run.id() != waiting).extracting(ReportRun::status)
                .containsExactly(RunStatus.COMPLETED, RunStatus.COMPLETED);
        assertThat(jdbc.sql("""
                select count(*) from batch_step_execution s join report_run r on r.job_execution_id = s.job_execution_id
                 where r.id = :run
                """).param("run", waiting).query(Long.class).single()).as("steps the cancelled run started").isZero();
        assertThat(slots.waiting()).isZero();
    }

    /** Held, the preference history makes every started run wait mid-query with its connections taken. */
    private Connection holdPreferenceHistory() throws SQLException {
        Connection lock = dataSource.getConnection();
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
            statement.execute("lock table partner_preference_history in access exclusive mode");
        }
        return lock;
    }

    private List<Long> runningWithoutAStep() {
        return jdbc.sql("""
                select r.id from report_run r
                 where r.status = 'RUNNING' and r.job_execution_id is not null
                   and not exists (select 1 from batch_step_execution s where s.job_execution_id = r.job_execution_id)
                """).query(Long.class).list();
    }

    private static RunRequest optIn() {
        return new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests");
    }

    private long lockWaiters() {
        return jdbc.sql("""
                select count(*) from pg_locks l join pg_class c on c.oid = l.relation
                 where c.relname = 'partner_preference_history' and not l.granted
                """).query(Long.class).single();
    }
}
