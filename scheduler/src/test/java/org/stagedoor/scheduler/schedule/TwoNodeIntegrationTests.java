package org.stagedoor.scheduler.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.booking.store.TestDatabase;
import org.stagedoor.scheduler.SavedDefinitions;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.DeliverySender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scheduler nodes on one database: this test's, and a second in a process of its own that can be
 * killed abruptly (SIGKILL). Each run executes once; a run whose node dies is completed by the other,
 * and its deliveries are recorded once.
 */
class TwoNodeIntegrationTests extends SchedulerNodeIntegrationTest {

    private static final Pattern TAKEN = Pattern.compile("Run (\\d+) \\(QUEUED\\) taken by node");

    @Autowired
    private SavedReports savedReports;

    @Autowired
    private ClusteredRuns clusteredRuns;

    @Autowired
    private Schedules schedules;

    @Autowired
    private ReportLauncher launcher;

    @Autowired
    private RunRecords records;

    @Autowired
    private ReportSettings reportSettings;

    @Autowired
    private DeliverySender sender;

    private Process otherNode;

    private Path otherNodeLog;

    @AfterEach
    void stopOtherNode() throws InterruptedException {
        if (otherNode != null && otherNode.isAlive()) {
            otherNode.destroyForcibly().waitFor();
        }
    }

    @Test
    void twoHundredRunsOnTwoNodesEachExecuteExactlyOnce() throws Exception {
        startOtherNode();
        List<Long> runIds = new ArrayList<>();
        // Both nodes must take part, whatever their start-up times: with the tickets table held, each node's
        // runs wait mid-query, so the other node fills its threads first and this node, started after, takes
        // the next ones; released, the rest is shared as it comes.
        try (Connection lock = holdTickets()) {
            scheduler.standby();
            for (int i = 0; i < 200; i++) {
                runIds.add(clusteredRuns.submit(new RunRequest("partner-event-sales", 1L + i % 2,
                        Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV, "tests")).id());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !runsTakenBy(otherNodeLog).isEmpty());
            scheduler.start();
            // Claimed, not RUNNING: a node runs two at a time (RunSlots), its other threads' runs wait for a slot.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count("select count(*) from report_run where started_at is not null")
                            > runsTakenBy(otherNodeLog).size());
            lock.rollback();
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from report_run where status = 'COMPLETED'") == 200);

        // One job execution per run: none started twice, on either node.
        assertThat(count("""
                select count(*) from batch_job_execution e
                  join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                 where p.parameter_name = 'runId'
                """)).isEqualTo(200);
        assertThat(count("select count(distinct row_count) from report_run")).isEqualTo(1);
        List<Long> takenByOther = runsTakenBy(otherNodeLog);
        assertThat(takenByOther).as("the other node shared the work").isNotEmpty().hasSizeLessThan(200)
                .doesNotHaveDuplicates();
        assertThat(runIds).containsAll(takenByOther);
    }

    @Test
    void aRunWhoseNodeIsKilledIsCompletedByTheOtherAndDeliveredOnce() throws Exception {
        scheduler.standby();
        startOtherNode();
        long sales = SavedDefinitions.fixed(savedReports, "partner-event-sales",
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV);
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales", sales, Map.of(), null,
                When.cron("0 0 3 1 1 *"), null, null,
                FanOut.ONE_PARTNER, 1L, DeliveryMode.ATTACHMENT, false,
                List.of("marketing@venue.example", "box-office@venue.example"), true, "tests"));

        ReportRun run;
        // Holding the tickets table makes the other node's run wait mid-query, where it is killed.
        try (Connection lock = holdTickets()) {
            schedules.runNow(schedule.id(), "tests");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("select count(*) from report_run where status = 'RUNNING'") == 1);
            run = records.recent(null, 1).get(0);

            otherNode.destroyForcibly().waitFor();
            lock.rollback();
        }
        long killedAt = System.nanoTime();
        scheduler.start();

        // Bounded: the dead node's check-ins stop, Quartz on this node declares it failed (its 1 s check-in
        // interval + 7.5 s) at its next own check-in, and recovers the run's trigger.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> records.get(run.id()).status().name().equals("COMPLETED"));
        System.out.printf("Run %d recovered and completed %.1f s after its node was killed%n", run.id(),
                (System.nanoTime() - killedAt) / 1e9);
        ReportRun completed = records.get(run.id());
        ReportRun uninterrupted = launcher.run(new RunRequest("partner-event-sales", 1L,
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV, "tests"));
        assertThat(completed.rowCount()).isEqualTo(2);
        assertThat(Files.readAllLines(Path.of(completed.location())))
                .isEqualTo(Files.readAllLines(Path.of(uninterrupted.location())));
        assertThat(count("select count(*) from report_run where id <> " + uninterrupted.id())).isEqualTo(1);
        assertThat(jdbc.sql("select lower(recipient) from delivery where run_id = :run order by 1")
                .param("run", run.id()).query(String.class).list())
                .containsExactly("box-office@venue.example", "marketing@venue.example");

        // Sent twice over: each recipient has exactly one message.
        sender.sendDue();
        sender.sendDue();
        assertThat(MAIL.getReceivedMessages()).extracting(message -> message.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("box-office@venue.example", "marketing@venue.example");
    }

    @Test
    void aSlowRunOnANodeThatIsAliveIsNeverTakenOver() throws Exception {
        // The other node's run is held mid-query for several times the interval after which Quartz would recover
        // the work of a node that stopped checking in; it still checks in, so this node must leave the run alone.
        startOtherNode();
        ReportRun run;
        try (Connection lock = holdTickets()) {
            scheduler.standby();
            run = clusteredRuns.submit(new RunRequest("partner-event-sales", 1L,
                    Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV, "tests"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> records.get(run.id()).status().name().equals("RUNNING"));
            scheduler.start();
            long jobExecution = records.get(run.id()).jobExecutionId();

            Thread.sleep(12_000);

            assertThat(records.get(run.id()).status().name()).isEqualTo("RUNNING");
            assertThat(records.get(run.id()).jobExecutionId()).isEqualTo(jobExecution);
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> records.get(run.id()).status().name().equals("COMPLETED"));
        assertThat(count("select count(*) from batch_job_execution e"
                + " join report_run r on r.job_execution_id = e.job_execution_id"
                + " where r.id = " + run.id())).isEqualTo(1);
        assertThat(count("""
                select count(*) from batch_job_execution
                 where job_instance_id = (select job_instance_id from batch_job_execution e
                                            join report_run r on r.job_execution_id = e.job_execution_id
                                           where r.id = %d)""".formatted(run.id()))).as("executions of the run's job")
                .isEqualTo(1);
        assertThat(runsTakenBy(otherNodeLog)).containsExactly(run.id());
    }

    private void startOtherNode() throws IOException, SchedulerException {
        otherNodeLog = Files.createTempFile("stagedoor-node-", ".log");
        TestDatabase.Connection database = TestDatabase.connection();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SchedulerNodeMain.class.getName(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--stagedoor.scheduler.auto-startup=true",
                "--stagedoor.scheduler.misfire-threshold=1s",
                "--stagedoor.scheduler.cluster-checkin-interval=1s",
                "--stagedoor.delivery.sender-enabled=false",
                "--stagedoor.dev-mailbox.port=0",
                "--stagedoor.reports.directory=" + reportSettings.directory().toAbsolutePath()));
        otherNode = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(otherNodeLog.toFile()).start();
        String self = scheduler.getSchedulerInstanceId();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from qrtz_scheduler_state where instance_name <> '" + self + "'"
                        + " and last_checkin_time > (extract(epoch from now()) * 1000 - 3000)") >= 1);
    }

    /** Holds the tickets table until the connection rolls back: a report run waits mid-query meanwhile. */
    private static Connection holdTickets() throws SQLException {
        Connection lock = DriverManager.getConnection(TestDatabase.connection().url(),
                TestDatabase.connection().username(), TestDatabase.connection().password());
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
            statement.execute("lock table ticket in access exclusive mode");
        }
        return lock;
    }

    private static List<Long> runsTakenBy(Path log) throws IOException {
        List<Long> runs = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher matcher = TAKEN.matcher(line);
            if (matcher.find()) {
                runs.add(Long.parseLong(matcher.group(1)));
            }
        }
        return runs;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

}
