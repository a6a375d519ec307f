package org.stagedoor.portal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.audit.AuditLog.Entry;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.Housekeeping;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.sharing.SharingFixtures;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Running reports from the portal: from the form and from the API, queued on the cluster and executed by a
 * node, followed live, downloaded with the right name, type and bytes, audited; refused requests answer 400 with
 * one message per field; expired files answer 410; queued and running runs can be cancelled.
 */
class PortalRunIntegrationTests extends PortalIntegrationTest {

    private static final ZoneId VENUE = ZoneId.of("Europe/London");

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    RunProgress progress;

    @Test
    void aRunStartedFromTheFormIsQueuedOnTheClusterRunsForTheUsersCompanyAndDownloads() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        LocalDate today = LocalDate.now(VENUE);
        mvc.perform(get("/portal/reports/partner-event-sales").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<option value=\"previous-week\" selected=\"selected\">"
                        + "Previous week (")))
                .andExpect(content().string(containsString("value=\"last-7-days\"")))
                .andExpect(content().string(containsString("value=\"last-30-days\"")))
                .andExpect(content().string(containsString("value=\"month-to-date\"")))
                .andExpect(content().string(containsString("value=\"previous-month\"")))
                .andExpect(content().string(containsString("name=\"period.from\"")))
                .andExpect(content().string(containsString("name=\"format\" value=\"CSV\"")))
                .andExpect(content().string(containsString("name=\"notify\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(not(containsString("name=\"partner"))));

        // No node is firing: the run waits on the cluster's queue, not on this process.
        scheduler.standby();
        MvcResult started = mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA))
                .with(csrf())
                .param("period", "custom").param("period.from", today.toString())
                .param("period.to", today.plusDays(30).toString())
                .param("format", "XLSX")
                // Never taken from a form: the run is for the user's own company.
                .param("partnerCompanyId", String.valueOf(southern.id())).param("partner", "2"))
                .andExpect(status().isFound())
                .andReturn();
        long runId = runIdOf(started);
        ReportRun queued = records.get(runId);
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queued.partnerCompanyId()).isEqualTo(northern.id());
        assertThat(queued.requestedBy()).isEqualTo(userA.email());
        assertThat(queued.parametersGiven()).containsOnlyKeys("period")
                .containsEntry("period", today + ".." + today.plusDays(30));
        assertThat(jdbc.sql("select count(*) from qrtz_triggers where trigger_name = :name")
                .param("name", "run-" + runId).query(Long.class).single()).isEqualTo(1);
        String queuedPage = mvc.perform(get("/portal/runs/{id}", runId).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(queuedPage).contains("id=\"run-progress\"", "data-status-url=\"/api/portal/runs/" + runId + "\"",
                "<strong id=\"run-status\">Waiting to start</strong>", "/assets/js/run-progress.js");
        assertThat(openingTag(queuedPage, "id=\"run-cancel\"")).contains("action=\"/portal/runs/" + runId + "/cancel\"")
                .doesNotContain("hidden");
        assertThat(openingTag(queuedPage, "id=\"run-download\"")).contains("hidden");

        scheduler.start();
        String json = awaitFinished(userA, runId);

        ReportRun run = records.get(runId);
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(JsonPath.<String>read(json, "$.status")).isEqualTo("COMPLETED");
        assertThat(JsonPath.<Integer>read(json, "$.rowsWritten")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(json, "$.rowCount")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(json, "$.percent")).isEqualTo(100);
        assertThat(JsonPath.<String>read(json, "$.fileName")).isEqualTo(run.fileName());
        assertThat(JsonPath.<String>read(json, "$.download")).isEqualTo("/api/portal/runs/" + runId + "/file");
        String completedPage = mvc.perform(get("/portal/runs/{id}", runId).with(TestAccounts.as(userA)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(openingTag(completedPage, "id=\"run-cancel\"")).contains("hidden");
        assertThat(openingTag(completedPage, "id=\"run-download\"")).doesNotContain("hidden");
        assertThat(completedPage).contains("<a class=\"button\" href=\"/runs/" + runId + "/file\">");

        MockHttpServletResponse file = mvc.perform(get("/runs/{id}/file", runId).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(run.fileName()).isEqualTo("Event sales " + today + " to " + today.plusDays(30) + " (run " + runId
                + ").xlsx");
        assertThat(file.getHeader(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\""
                + run.fileName() + "\"; filename*=UTF-8''Event%20sales%20" + today + "%20to%20" + today.plusDays(30)
                + "%20%28run%20" + runId + "%29.xlsx");
        assertThat(MediaType.parseMediaType(file.getContentType())).isEqualTo(
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertThat(file.getHeader(HttpHeaders.CONTENT_LENGTH)).isEqualTo(String.valueOf(run.fileSize()));
        assertThat(file.getContentAsByteArray()).hasSize(run.fileSize().intValue());
        assertThat(sha256(file.getContentAsByteArray())).isEqualTo(run.sha256());
        assertThat(file.getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");

        List<Entry> entries = audit.since(start);
        assertThat(entries).filteredOn(entry -> entry.kind() == AuditLog.Kind.RUN_STARTED).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(userA.email());
                    assertThat(entry.partnerCompanyId()).isEqualTo(northern.id());
                    assertThat(entry.runId()).isEqualTo(runId);
                    assertThat(entry.at()).isBetween(start, Instant.now());
                    assertThat(entry.detail()).contains("partner-event-sales", "XLSX");
                });
        assertThat(entries).filteredOn(entry -> entry.kind() == AuditLog.Kind.RUN_DOWNLOADED).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(userA.email());
                    assertThat(entry.partnerCompanyId()).isEqualTo(northern.id());
                    assertThat(entry.runId()).isEqualTo(runId);
                    assertThat(entry.rowCount()).isEqualTo(1L);
                    assertThat(entry.at()).isBetween(start, Instant.now());
                });
    }

    @Test
    void aRunStartedThroughTheApiIsAcceptedFollowedAndDownloadedAsCsv() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String accepted = mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"" + PERIOD
                        + "\"}, \"format\": \"csv\", \"notify\": false}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.report").value("partner-event-sales"))
                .andExpect(jsonPath("$.reportTitle").value("Event sales"))
                .andExpect(jsonPath("$.requestedBy").value(userA.email()))
                .andExpect(jsonPath("$.parameters.period").value(PERIOD))
                .andExpect(jsonPath("$.format").value("CSV"))
                .andReturn().getResponse().getContentAsString();
        long runId = JsonPath.<Integer>read(accepted, "$.id");

        String json = awaitFinished(userA, runId);

        ReportRun run = records.get(runId);
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.partnerCompanyId()).isEqualTo(northern.id());
        assertThat(JsonPath.<Integer>read(json, "$.rowsWritten")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(json, "$.percent")).isEqualTo(100);
        assertThat(JsonPath.<String>read(json, "$.sha256")).isEqualTo(run.sha256());
        assertThat(JsonPath.<String>read(json, "$.createdAt")).isEqualTo(run.createdAt().toString());
        assertThat(JsonPath.<String>read(json, "$.periods.period")).isEqualTo(run.parametersResolved()
                .get("periodLabel"));

        MockHttpServletResponse file = mvc.perform(get("/api/portal/runs/{id}/file", runId)
                .with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(MediaType.parseMediaType(file.getContentType())).isEqualTo(new MediaType("text", "csv",
                StandardCharsets.UTF_8));
        assertThat(file.getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; filename=\""
                + run.fileName() + "\"; filename*=UTF-8''").endsWith(".csv");
        assertThat(file.getHeader(HttpHeaders.CONTENT_LENGTH)).isEqualTo(String.valueOf(run.fileSize()));
        assertThat(sha256(file.getContentAsByteArray())).isEqualTo(run.sha256());
        assertThat(file.getContentAsString(StandardCharsets.UTF_8)).startsWith("Event id,Event,Performances")
                .contains("Hamlet").doesNotContain("Macbeth");

        assertThat(audit.since(start)).extracting(entry -> entry.kind() + " " + entry.actor() + " " + entry.runId()
                + " " + entry.rowCount())
                .contains("RUN_STARTED " + userA.email() + " " + runId + " null",
                        "RUN_DOWNLOADED " + userA.email() + " " + runId + " 1");
        // A colleague of the same company sees it; the list is the company's.
        mvc.perform(get("/api/portal/runs").with(TestAccounts.as(colleagueA)))
                .andExpect(jsonPath("$[0].id").value(runId))
                .andExpect(jsonPath("$[0].status").value("COMPLETED"));
    }

    @Test
    void aRefusedFormComesBackWithEachFieldsMessageAndRecordsNothing() throws Exception {
        LocalDate today = LocalDate.now(VENUE);
        mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA)).with(csrf())
                .param("period", "custom").param("period.from", today.toString())
                .param("format", "PDF").param("notify", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("choose the first and the last day of a custom period")))
                .andExpect(content().string(containsString("choose CSV or XLSX")))
                // As it was sent.
                .andExpect(content().string(containsString("<option value=\"custom\" selected=\"selected\">")))
                .andExpect(content().string(containsString("value=\"" + today + "\"")))
                .andExpect(content().string(containsString("name=\"notify\" value=\"true\" checked=\"checked\"")));

        mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA)).with(csrf())
                .param("period", "custom").param("period.from", today.toString())
                .param("period.to", today.minusDays(3).toString()).param("format", "CSV"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("the period ends before it starts")));

        mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA)).with(csrf())
                .param("period", "custom").param("period.from", today.minusDays(500).toString())
                .param("period.to", today.toString()).param("format", "CSV"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("covers 501 days; the longest allowed is 400")));

        mvc.perform(post("/portal/reports/partner-optin-list/runs").with(TestAccounts.as(userA)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("choose CSV or XLSX")));

        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();
        assertThat(audit.recent(AuditLog.Kind.RUN_STARTED, 10)).isEmpty();
    }

    @Test
    void aRefusedApiRequestIsAProblemDetailWithOneEntryPerField() throws Exception {
        mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"fortnight\","
                        + " \"partner\": \"" + southern.id() + "\"}, \"format\": \"pdf\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[?(@.field == 'format')].message").value("choose csv or xlsx"))
                .andExpect(jsonPath("$.errors[?(@.field == 'parameters')].message")
                        .value("names a setting \"Event sales\" does not have; it takes period"))
                .andExpect(jsonPath("$.errors[?(@.field == 'period')].message").value(org.hamcrest.Matchers.contains(
                        containsString("is not a period; use previous-week"))));

        mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"format\": \"CSV\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("report"));

        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredFileAnswersGoneWithAPageAndAProblemDetail() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.XLSX, userA.email());
        // Past its expiry; housekeeping has not been round yet.
        jdbc.sql("update report_run set expires_at = now() - interval '1 day' where id = :id").param("id", run.id())
                .update();

        assertGone(run.id());

        assertThat(housekeeping.deleteExpiredFiles()).isEqualTo(1);
        assertThat(records.get(run.id()).status()).isEqualTo(RunStatus.EXPIRED);
        assertThat(Files.exists(Path.of(run.location()))).isFalse();

        assertGone(run.id());
        mvc.perform(get("/api/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(jsonPath("$.status").value("EXPIRED"))
                .andExpect(jsonPath("$.download").doesNotExist())
                .andExpect(jsonPath("$.message").value(containsString("expired")));
        mvc.perform(get("/portal/runs").with(TestAccounts.as(userA)))
                .andExpect(content().string(containsString("expired")))
                .andExpect(content().string(not(containsString("/runs/" + run.id() + "/file"))));
        // An administrator is told the same.
        mvc.perform(get("/runs/{id}/file", run.id()).with(TestAccounts.as(admin))).andExpect(status().isGone());
        // Another company's expired run is still just not found.
        mvc.perform(get("/runs/{id}/file", run.id()).with(TestAccounts.as(userB))).andExpect(status().isNotFound());
        assertThat(audit.recent(AuditLog.Kind.RUN_DOWNLOADED, 10)).isEmpty();
    }

    private void assertGone(long runId) throws Exception {
        mvc.perform(get("/runs/{id}/file", runId).with(TestAccounts.as(userA)))
                .andExpect(status().isGone())
                .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION))
                .andExpect(content().string(containsString("This file has expired")))
                .andExpect(content().string(containsString("Run the report again")));
        mvc.perform(get("/api/portal/runs/{id}/file", runId).with(TestAccounts.as(userA)))
                .andExpect(status().isGone())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(410))
                .andExpect(jsonPath("$.title").value("File expired"))
                .andExpect(jsonPath("$.detail").value(containsString("Run the report again")));
    }

    @Test
    void theHistoryShowsWhoWhenWhatStatusRowsAndTheFileOfEveryRunOfTheCompany() throws Exception {
        ReportRun mine = completedEventSales(northern, OutputFormat.CSV, userA.email());
        ReportRun colleagues = completedEventSales(northern, OutputFormat.XLSX, colleagueA.email());
        ReportRun other = completedEventSales(southern, OutputFormat.CSV, userB.email());

        String page = mvc.perform(get("/portal/runs").with(TestAccounts.as(userA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains(userA.email(), colleagueA.email())
                .contains("Period: Next 30 days (" + mine.parametersResolved().get("periodLabel") + ")")
                .contains("href=\"/runs/" + mine.id() + "/file\">CSV (UTF-8)</a>")
                .contains("href=\"/runs/" + colleagues.id() + "/file\">Excel (XLSX)</a>")
                .contains("status-completed")
                .doesNotContain(userB.email())
                .doesNotContain("/runs/" + other.id() + "/file");
        assertThat(page.indexOf("/portal/runs/" + colleagues.id())).as("newest first")
                .isLessThan(page.indexOf("/portal/runs/" + mine.id()));
    }

    @Test
    void theHistoryComesFiftyRunsToAPageNewestFirstWithOlderPagesAfterTheLastRunShown() throws Exception {
        // Run records as completed runs leave them (running 121 reports would only slow the test).
        SharingFixtures fixtures = new SharingFixtures(jdbc);
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            mine.add(fixtures.run(northern.id(), "COMPLETED", Instant.parse("2026-10-01T06:00:00Z").plusSeconds(i)));
        }
        long other = fixtures.run(southern.id(), "COMPLETED", Instant.parse("2026-10-01T06:00:00Z"));
        Collections.reverse(mine);

        String first = historyPage(null, null);
        assertThat(runIdsIn(first)).containsExactlyElementsOf(mine.subList(0, 50));
        assertThat(first).contains("/portal/runs?before=" + mine.get(49)).doesNotContain("Newer runs");
        String second = historyPage("before", mine.get(49));
        assertThat(runIdsIn(second)).containsExactlyElementsOf(mine.subList(50, 100));
        assertThat(second).contains("/portal/runs?before=" + mine.get(99))
                .contains("/portal/runs?after=" + mine.get(50)).contains("Newer runs");
        assertThat(runIdsIn(historyPage("after", mine.get(50)))).containsExactlyElementsOf(mine.subList(0, 50));
        String last = historyPage("before", mine.get(99));
        assertThat(runIdsIn(last)).containsExactlyElementsOf(mine.subList(100, 120));
        assertThat(last).doesNotContain("?before=");
        // Another company's run is no place to page from: nothing of anyone's.
        assertThat(runIdsIn(historyPage("before", other))).isEmpty();
        assertThat(runIdsIn(historyPage("after", other))).isEmpty();
        mvc.perform(get("/portal/runs").param("before", "yesterday").with(TestAccounts.as(userA)))
                .andExpect(status().isBadRequest());
    }

    private String historyPage(String cursor, Long run) throws Exception {
        var request = get("/portal/runs").with(TestAccounts.as(userA));
        if (cursor != null) {
            request = request.param(cursor, run.toString());
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<Long> runIdsIn(String page) {
        Matcher link = Pattern.compile("<a href=\"/portal/runs/(\\d+)\">").matcher(page);
        List<Long> ids = new ArrayList<>();
        while (link.find()) {
            ids.add(Long.parseLong(link.group(1)));
        }
        return ids;
    }

    @Test
    void aQueuedRunCancelledNeverStarts() throws Exception {
        scheduler.standby();
        long runId = runIdOf(mvc.perform(post("/portal/reports/partner-event-sales/runs")
                .with(TestAccounts.as(userA)).with(csrf()).param("period", "previous-week").param("format", "CSV"))
                .andExpect(status().isFound()).andReturn());

        mvc.perform(post("/portal/runs/{id}/cancel", runId).with(TestAccounts.as(colleagueA)).with(csrf()))
                .andExpect(status().isFound());

        assertThat(records.get(runId).status()).isEqualTo(RunStatus.STOPPED);
        scheduler.start();
        // The node takes the trigger and leaves the stopped run alone.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from qrtz_triggers where trigger_group = 'runs'").query(Long.class).single() == 0
                && scheduler.getCurrentlyExecutingJobs().isEmpty());
        ReportRun run = records.get(runId);
        assertThat(run.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(run.jobExecutionId()).isNull();
        assertThat(runJson(userA, runId)).contains("\"message\":\"The run was cancelled before it finished.\"");
        assertThat(audit.recent(AuditLog.Kind.RUN_CANCELLED, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(colleagueA.email());
            assertThat(entry.partnerCompanyId()).isEqualTo(northern.id());
            assertThat(entry.runId()).isEqualTo(runId);
            assertThat(entry.rowCount()).isZero();
            assertThat(entry.detail()).isEqualTo("was QUEUED");
        });
    }

    @Test
    void aRunningRunShowsItsRowsLiveAndStopsWhenCancelled() throws Exception {
        int customers = 20_000;
        optedIn(customers);
        long runId = runIdOf(mvc.perform(post("/portal/reports/partner-optin-list/runs")
                .with(TestAccounts.as(userA)).with(csrf()).param("format", "CSV"))
                .andExpect(status().isFound()).andReturn());

        // Rows written so far, committed chunk by chunk (one row per chunk here), read while it runs.
        String[] running = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            running[0] = runJson(userA, runId);
            return JsonPath.<String>read(running[0], "$.status").equals("RUNNING")
                    && JsonPath.<Integer>read(running[0], "$.rowsWritten") > 0;
        });
        assertThat(JsonPath.<Integer>read(running[0], "$.rowsWritten")).isLessThan(customers);
        assertThat(JsonPath.<Object>read(running[0], "$.percent")).as("no earlier run to estimate from").isNull();
        assertThat(JsonPath.<Boolean>read(running[0], "$.finished")).isFalse();

        mvc.perform(post("/api/portal/runs/{id}/cancel", runId).with(TestAccounts.as(userA)).with(csrf()))
                .andExpect(status().isOk());

        String stopped = awaitFinished(userA, runId);
        assertThat(JsonPath.<String>read(stopped, "$.status")).isEqualTo("STOPPED");
        assertThat(JsonPath.<Integer>read(stopped, "$.rowsWritten")).isPositive().isLessThan(customers);
        assertThat(JsonPath.<Object>read(stopped, "$.download")).isNull();
        ReportRun run = records.get(runId);
        assertThat(run.location()).isNull();
        assertThat(Path.of("target/portal-test-reports", "run-" + runId + ".csv")).doesNotExist();
        assertThat(Path.of("target/portal-test-reports", "run-" + runId + ".csv.part")).doesNotExist();
        assertThat(audit.recent(AuditLog.Kind.RUN_CANCELLED, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("was RUNNING"));
        mvc.perform(get("/runs/{id}/file", runId).with(TestAccounts.as(userA))).andExpect(status().isNotFound());
    }

    @Test
    void aRunIsEstimatedFromTheLatestCompletedRunOfTheSameReportForTheSameCompanyAndParameters() {
        ReportRun first = completedEventSales(northern, OutputFormat.CSV, userA.email());
        assertThat(first.rowCount()).isEqualTo(1);
        // Southern Cross's runs, later and bigger, are no estimate for Northern Lights.
        fixtures.performance("Twelfth Night", 60, southern);
        assertThat(completedEventSales(southern, OutputFormat.CSV, userB.email()).rowCount()).isEqualTo(2);

        ReportRun again = launcher.record(new org.stagedoor.batch.run.RunRequest("partner-event-sales", northern.id(),
                java.util.Map.of("period", PERIOD), OutputFormat.XLSX, colleagueA.email()));
        ReportRun otherPeriod = launcher.record(new org.stagedoor.batch.run.RunRequest("partner-event-sales",
                northern.id(), java.util.Map.of("period", "previous-week"), OutputFormat.CSV, userA.email()));

        assertThat(progress.rowsExpected(again)).isEqualTo(1L);
        assertThat(progress.rowsExpected(otherPeriod)).isNull();
        assertThat(progress.rowsWritten(again)).as("not started").isZero();
        assertThat(progress.rowsWritten(first)).isEqualTo(1);
    }

    @Test
    void aCustomerListIsWrittenAsJsonItsProblemsShowWhereTheyAreAndItHoldsOnlyOptedInCustomers() throws Exception {
        grants.grantKinds(northern.id(), java.util.Set.of("customer-list"), "tests");
        mvc.perform(get("/portal/reports/customer-list").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                // The list builder (issue 14) in place of a JSON box: it keeps the definition in the field "list".
                .andExpect(content().string(containsString("<textarea name=\"list\" class=\"lb-json\" hidden>")))
                .andExpect(content().string(containsString("data-choices-url=\"/api/portal/customer-lists/choices\"")));

        // Another company's customers: refused, the problem said by its row and setting, with no path nor code.
        mvc.perform(post("/portal/reports/customer-list/runs").with(TestAccounts.as(userA)).with(csrf())
                .param("list", """
                        {"name": "Theirs", "segments": [{"type": "partner-preference", "partnerCompany": %d,
                         "states": ["YES"]}], "columns": ["id", "email"]}""".formatted(southern.id()))
                .param("format", "CSV"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Row 1, partner company: ")))
                .andExpect(content().string(not(containsString("segments[0]"))))
                .andExpect(content().string(not(containsString("(R-1)"))))
                .andExpect(content().string(containsString("&quot;Theirs&quot;")));
        mvc.perform(post("/portal/reports/customer-list/runs").with(TestAccounts.as(userA)).with(csrf())
                .param("list", "{not json").param("format", "CSV"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not valid JSON")));
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();

        // Through the API the definition may be a JSON object; whatever it says, only YES customers are in it.
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, channel)
                select id, :partner, case when first_name = 'Ada2' then 'NO' else 'YES' end, 'BOX_OFFICE'
                  from customer where last_name = 'Lovelace'
                """).param("partner", northern.id()).update();
        String accepted = mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"report": "customer-list", "format": "CSV",
                         "parameters": {"list": {"name": "Everyone with an email",
                                                 "segments": [{"type": "has-email"}], "columns": ["id", "email"]}}}
                        """))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long runId = JsonPath.<Integer>read(accepted, "$.id");
        assertThat(JsonPath.<String>read(awaitFinished(userA, runId), "$.status")).isEqualTo("COMPLETED");

        String file = mvc.perform(get("/runs/{id}/file", runId).with(TestAccounts.as(userA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(file.lines().skip(1).toList()).hasSize(2)
                .allMatch(line -> line.contains("ada0.lovelace") || line.contains("ada1.lovelace"));
        assertThat(file).doesNotContain("ada2.lovelace").doesNotContain("bea");
    }

    /** The opening tag of the element with {@code attribute} in a page. */
    private static String openingTag(String page, String attribute) {
        int at = page.indexOf(attribute);
        assertThat(at).as(attribute).isNotNegative();
        return page.substring(page.lastIndexOf('<', at), page.indexOf('>', at) + 1);
    }

    /** {@code count} customers with an email whose preference for Northern Lights is YES. */
    private void optedIn(int count) {
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                select 'INDIVIDUAL', 'First' || g, 'Last' || g, 'opted.in.' || g || '@example.org', 'IMPORT'
                  from generate_series(1, :count) g
                """).param("count", count).update();
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, channel)
                select id, :partner, 'YES', 'IMPORT' from customer where email like 'opted.in.%'
                """).param("partner", northern.id()).update();
    }
}
