package org.stagedoor.scheduler.housekeeping;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.schedule.SchedulerNodeIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Expired run files are deleted every night by one node of the cluster. */
class HousekeepingIntegrationTests extends SchedulerNodeIntegrationTest {

    @Autowired
    private JobDetail nightlyHousekeepingJob;

    @Autowired
    private Trigger nightlyHousekeepingTrigger;

    @Autowired
    private ReportLauncher launcher;

    @Autowired
    private RunRecords records;

    @Test
    void housekeepingIsANightlyClusterJobInTheVenuesTimeZone() {
        CronTrigger trigger = (CronTrigger) nightlyHousekeepingTrigger;

        assertThat(trigger.getCronExpression()).isEqualTo("0 15 3 * * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/London");
        assertThat(nightlyHousekeepingJob.isDurable()).isTrue();
    }

    @Test
    void whenItFiresExpiredFilesAreDeleted() throws SchedulerException {
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests"));
        jdbc.sql("update report_run set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", run.id()).update();
        // Earlier tests of this node emptied Quartz; put the job back as a starting node does.
        if (!scheduler.checkExists(nightlyHousekeepingJob.getKey())) {
            scheduler.scheduleJob(nightlyHousekeepingJob, nightlyHousekeepingTrigger);
        }

        scheduler.triggerJob(JobKey.jobKey(HousekeepingConfiguration.JOB, "housekeeping"));

        await().atMost(Duration.ofSeconds(30)).until(() -> records.get(run.id()).status() == RunStatus.EXPIRED);
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of(run.location()))).isFalse();
    }
}
