package org.stagedoor.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.DeliveryStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** Runs (restart, stop), the outbox (filter, retry), the dashboard's notices, and the audit log's filter. */
class RunAndDeliveryPagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecords records;

    @Autowired
    ReportSettings settings;

    @Autowired
    Deliveries deliveries;

    @Autowired
    DataSource dataSource;

    @Test
    void aFailedRunIsListedWithItsErrorAndRestartedToCompletion() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        RunRequest request = new RunRequest("partner-optin-list", company.id(), Map.of(), OutputFormat.CSV, "tests");
        // A file where the reports' directory should be: the run cannot write its file and fails.
        Path directory = settings.directory();
        FileSystemUtils.deleteRecursively(directory);
        Files.createDirectories(directory.toAbsolutePath().getParent());
        Files.writeString(directory, "in the way");
        ReportRun failed;
        try {
            failed = launcher.run(request);
        }
        finally {
            Files.delete(directory);
        }
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).isNotBlank();

        mvc.perform(get("/admin/runs").param("status", "FAILED").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"run-" + failed.id() + "\""),
                        containsString("Northern Lights"), containsString("action=\"/admin/runs/" + failed.id()
                                + "/restart\""))));

        mvc.perform(post("/admin/runs/{id}/restart", failed.id()).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/runs?restarted=" + failed.id()));

        // Queued on the scheduler cluster, as a portal run: this node, which fires nothing by itself, takes it once
        // it starts (another node of this JVM's tests may have taken it already).
        assertThat(records.get(failed.id()).status()).isIn(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.COMPLETED);
        scheduler.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> records.get(failed.id()).status() == RunStatus.COMPLETED);
        }
        finally {
            scheduler.standby();
        }
        ReportRun restarted = records.get(failed.id());
        assertThat(restarted.location()).isNotNull();
        assertThat(Files.exists(Path.of(restarted.location()))).isTrue();
        assertThat(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(ADMIN);
            assertThat(entry.runId()).isEqualTo(failed.id());
            assertThat(entry.partnerCompanyId()).isEqualTo(company.id());
            assertThat(entry.detail())
                    .isEqualTo("restarted run " + failed.id() + " of \"Opted-in customers\" (was failed)");
        });

        mvc.perform(post("/admin/runs/{id}/restart", failed.id()).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("only a failed or stopped run can be restarted")));
        mvc.perform(post("/admin/runs/{id}/restart", failed.id() + 100).with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(adminChanges()).hasSize(1);
    }

    @Test
    void aRunningRunIsAskedToStopAndEndsStopped() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        RunRequest request = new RunRequest("partner-optin-list", company.id(), Map.of(), OutputFormat.CSV, "tests");
        long runId;
        // The report reads the preference history: locked, the run waits in its query, RUNNING, until released.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table partner_preference_history in access exclusive mode");
            }
            runId = launcher.record(request).id();
            CompletableFuture.runAsync(() -> launcher.execute(runId));
            await().atMost(Duration.ofSeconds(30)).until(() -> records.get(runId).status() == RunStatus.RUNNING);
            mvc.perform(get("/admin/runs").with(as(admin)))
                    .andExpect(content().string(containsString("action=\"/admin/runs/" + runId + "/stop\"")));

            mvc.perform(post("/admin/runs/{id}/stop", runId).with(as(admin)).with(csrf()))
                    .andExpect(redirectedUrl("/admin/runs?stopping=" + runId));
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> records.get(runId).status() != RunStatus.RUNNING);
        ReportRun stopped = records.get(runId);
        assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(stopped.location()).isNull();
        assertThat(adminChanges()).containsExactly("asked run " + runId + " of \"Opted-in customers\" to stop");

        mvc.perform(post("/admin/runs/{id}/stop", runId).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("only a running run can be stopped")));
        mvc.perform(get("/admin/runs").param("status", "STOPPED").with(as(admin)))
                .andExpect(content().string(containsString("action=\"/admin/runs/" + runId + "/restart\"")));
    }

    @Test
    void aFailedOrUnknownDeliveryIsListedByStatusAndSentAgain() throws Exception {
        long failed = notice("delivery:1", "FAILED", "Delivery 1 failed", "550 unknown mailbox");
        long unknown = notice("delivery:2", "UNKNOWN", "Delivery 2 may not have arrived", "no reply after DATA");
        long sent = jdbc.sql("""
                insert into delivery (kind, recipient, subject, notice_key, notice_text, status, attempts, sent_at)
                values ('NOTICE', 'it@venue.example', 'All went well', 'run:9', 'text', 'SENT', 1, now())
                returning id
                """).query(Long.class).single();

        mvc.perform(get("/admin/deliveries").param("status", "FAILED").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Delivery 1 failed"),
                        containsString("550 unknown mailbox"),
                        containsString("action=\"/admin/deliveries/" + failed + "/retry\""),
                        not(containsString("All went well")), not(containsString("Delivery 2 may not have arrived")))));
        mvc.perform(get("/admin/deliveries").with(as(admin)))
                .andExpect(content().string(allOf(containsString("All went well"),
                        containsString("action=\"/admin/deliveries/" + unknown + "/retry\""),
                        not(containsString("action=\"/admin/deliveries/" + sent + "/retry\"")))));

        mvc.perform(post("/admin/deliveries/{id}/retry", failed).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/deliveries?retried=" + failed));
        mvc.perform(post("/admin/deliveries/{id}/retry", unknown).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        // Back in the queue (or already taken by a sender of another node of this JVM's tests).
        assertThat(deliveries.find(failed).orElseThrow().status())
                .isIn(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.SENT);
        assertThat(deliveries.find(unknown).orElseThrow().status())
                .isIn(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.SENT);
        assertThat(adminChanges()).containsExactly(
                "sent delivery " + failed + " to it@venue.example again (was FAILED: Delivery 1 failed)",
                "sent delivery " + unknown
                        + " to it@venue.example again (was UNKNOWN: Delivery 2 may not have arrived)");

        mvc.perform(post("/admin/deliveries/{id}/retry", sent).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString(
                        "only a delivery that failed, or whose outcome is not known, can be sent again")));
        assertThat(deliveries.find(sent).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(adminChanges()).hasSize(2);
    }

    @Test
    void theDashboardCountsWhatNeedsAnAdministrator() throws Exception {
        mvc.perform(get("/admin").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"failed-runs\">0<"),
                        containsString("id=\"failed-deliveries\">0<"),
                        containsString("id=\"unknown-deliveries\">0<"))));

        jdbc.sql("""
                insert into report_run (report_id, requested_by, parameters_given, parameters_resolved, format, status,
                                        cutoff_at, error_message)
                values ('facilitated-sales', 'tests', '{}', '{}', 'CSV', 'FAILED', now(), 'The disk is full')
                """).update();
        notice("delivery:1", "FAILED", "Delivery 1 failed", "550 unknown mailbox");
        notice("delivery:2", "UNKNOWN", "Delivery 2 may not have arrived", "no reply after DATA");
        notice("delivery:3", "UNKNOWN", "Delivery 3 may not have arrived", "no reply after DATA");

        mvc.perform(get("/admin").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"failed-runs\">1<"),
                        containsString("id=\"failed-deliveries\">1<"), containsString("id=\"unknown-deliveries\">2<"),
                        containsString("The disk is full"), containsString("Delivery 3 may not have arrived"))));
    }

    @Test
    void theAuditLogIsFilteredByKind() throws Exception {
        companies.create("Northern Lights", true, "");
        audit.adminChange(ADMIN, "changed something that matters");
        audit.record("partner@northern.example", AuditLog.Kind.LOGIN_OK, null, null, null, "a login of note");

        mvc.perform(get("/admin/audit").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("changed something that matters"),
                        containsString("a login of note"))));
        mvc.perform(get("/admin/audit").param("kind", "ADMIN_CHANGE").with(as(admin)))
                .andExpect(content().string(allOf(containsString("changed something that matters"),
                        not(containsString("a login of note")))));
        mvc.perform(get("/admin/audit").param("kind", "LOGIN_OK").with(as(admin)))
                .andExpect(content().string(allOf(containsString("a login of note"),
                        not(containsString("changed something that matters")))));
    }

    private long notice(String key, String status, String subject, String error) {
        return jdbc.sql("""
                insert into delivery (kind, recipient, subject, notice_key, notice_text, status, attempts, last_error)
                values ('NOTICE', 'it@venue.example', :subject, :key, 'text', :status, 8, :error)
                returning id
                """).param("subject", subject).param("key", key).param("status", status).param("error", error)
                .query(Long.class).single();
    }
}
