package org.stagedoor.portal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a finished run's page says of its result (issue 15 item 4), the same in the API: why it found nothing, in a
 * sentence about the company's own performances; until when its file is kept; "Run again" with the same parameters
 * and "Run again with changes" with its form filled in; how many rows to expect while it runs.
 */
class RunResultIntegrationTests extends PortalIntegrationTest {

    private static final String NOVEMBER_2030 = "2030-11-01..2030-11-30";

    @Autowired
    RunProgress progress;

    @Autowired
    PortalTimes times;

    @Test
    void anEmptyRunSaysThatNoneOfTheCompanysPerformancesFallInItsPeriodAndWhenTheNextOneIs() throws Exception {
        performanceOn("Twelfth Night", LocalDate.of(2030, 12, 12), northern);
        // Another company's performance inside the period is none of Northern Lights' business.
        performanceOn("Macbeth", LocalDate.of(2030, 11, 15), southern);
        ReportRun run = eventSales(northern, NOVEMBER_2030);
        assertThat(run.rowCount()).isZero();

        String sentence = "None of your performances fall between 1 and 30 November 2030; your next one is on"
                + " 12 December 2030.";
        mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">" + sentence + "</p>")))
                .andExpect(content().string(not(containsString("id=\"first-rows\""))));
        mvc.perform(get("/api/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(jsonPath("$.nothingFound").value(sentence));
        // The console's page of the run says the same.
        mvc.perform(get("/admin/runs/{id}", run.id()).with(TestAccounts.as(admin)))
                .andExpect(content().string(containsString(">" + sentence + "</p>")));
    }

    @Test
    void anEmptyRunAfterTheCompanysLastPerformanceSaysWhenThatIs() throws Exception {
        performanceOn("Twelfth Night", LocalDate.of(2030, 12, 12), northern);
        ReportRun run = eventSales(northern, "2031-01-01..2031-01-31");

        mvc.perform(get("/api/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(jsonPath("$.nothingFound").value("None of your performances fall between 1 and 31 January"
                        + " 2031; your last one is on 12 December 2030, and none is planned after it."));
    }

    @Test
    void aRunWithRowsSaysNothingOfEmptinessAndShowsUntilWhenItsFileIsKept() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());
        String keptUntil = times.at(run.expiresAt());

        mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(content().string(not(containsString("id=\"run-nothing\""))))
                .andExpect(content().string(containsString("<span id=\"run-kept-until\">" + keptUntil + "</span>")))
                .andExpect(content().string(containsString("<td>Hamlet</td>")));
        mvc.perform(get("/api/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(jsonPath("$.keptUntil").value(keptUntil))
                .andExpect(jsonPath("$.nothingFound").doesNotExist());
    }

    @Test
    void runAgainStartsTheSameReportWithTheSameParametersAndFormatAskedByTheUser() throws Exception {
        ReportRun first = eventSales(northern, NOVEMBER_2030);

        MvcResult redirect = mvc.perform(post("/portal/runs/{id}/again", first.id()).with(TestAccounts.as(colleagueA))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        long againId = runIdOf(redirect);
        assertThat(againId).isNotEqualTo(first.id());
        awaitFinished(colleagueA, againId);
        ReportRun again = records.get(againId);
        assertThat(again.reportId()).isEqualTo("partner-event-sales");
        assertThat(again.partnerCompanyId()).isEqualTo(northern.id());
        assertThat(again.parametersGiven()).isEqualTo(Map.of("period", NOVEMBER_2030));
        assertThat(again.format()).isEqualTo(OutputFormat.XLSX);
        assertThat(again.requestedBy()).isEqualTo(colleagueA.email());
        assertThat(again.status()).isEqualTo(RunStatus.COMPLETED);

        // The API does the same, answering with the queued run.
        String queued = mvc.perform(post("/api/portal/runs/{id}/again", first.id()).with(TestAccounts.as(userA))
                        .with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<String>read(queued, "$.parameters.period")).isEqualTo(NOVEMBER_2030);
        assertThat(JsonPath.<String>read(queued, "$.format")).isEqualTo("XLSX");

        // Another company's run is not there to run again.
        mvc.perform(post("/portal/runs/{id}/again", first.id()).with(TestAccounts.as(userB)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/portal/runs/{id}/again", first.id()).with(TestAccounts.as(userB)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void runAgainWithChangesOpensTheFormFilledInAsTheRunWasAsked() throws Exception {
        ReportRun first = eventSales(northern, NOVEMBER_2030);

        mvc.perform(get("/portal/runs/{id}/again", first.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The settings below are those of")))
                .andExpect(content().string(containsString("value=\"2030-11-01\"")))
                .andExpect(content().string(containsString("value=\"2030-11-30\"")))
                .andExpect(content().string(containsString("<option value=\"custom\" selected=\"selected\"")));
        mvc.perform(get("/portal/runs/{id}", first.id()).with(TestAccounts.as(userA)))
                .andExpect(content().string(containsString("<button type=\"submit\">Run again</button>")))
                .andExpect(content().string(containsString("href=\"/portal/runs/" + first.id() + "/again\"")));
    }

    @Test
    void aRunIsExpectedToWriteAboutAsManyRowsAsTheLatestRunOfItsReportOverAPeriodAsLong() throws Exception {
        // 1 row: Hamlet, in the next 30 days.
        assertThat(completedEventSales(northern, OutputFormat.CSV, userA.email()).rowCount()).isEqualTo(1);

        ReportRun same = launcher.record(new RunRequest("partner-event-sales", northern.id(),
                Map.of("period", PERIOD), OutputFormat.XLSX, userA.email()));
        ReportRun thirtyDays = launcher.record(new RunRequest("partner-event-sales", northern.id(),
                Map.of("period", NOVEMBER_2030), OutputFormat.CSV, userA.email()));
        ReportRun aWeek = launcher.record(new RunRequest("partner-event-sales", northern.id(),
                Map.of("period", "previous-week"), OutputFormat.CSV, userA.email()));
        ReportRun otherCompany = launcher.record(new RunRequest("partner-event-sales", southern.id(),
                Map.of("period", NOVEMBER_2030), OutputFormat.CSV, userB.email()));

        assertThat(progress.expected(same)).contains(new RunProgress.Expected(1, false));
        assertThat(progress.expected(thirtyDays)).contains(new RunProgress.Expected(1, true));
        assertThat(progress.expected(aWeek)).as("a week is no guide to thirty days").isEmpty();
        assertThat(progress.expected(otherCompany)).isEmpty();

        // Running (its rows step not yet begun), the console's page says as much.
        jdbc.sql("update report_run set status = 'RUNNING', started_at = now() where id = :id")
                .param("id", thirtyDays.id()).update();
        mvc.perform(get("/admin/runs/{id}", thirtyDays.id()).with(TestAccounts.as(admin)))
                .andExpect(content().string(containsString(
                        "<td id=\"run-rows\">0 so far, of about 1 (reload the page to follow it)</td>")));
    }

    private ReportRun eventSales(PartnerCompany company, String period) {
        ReportRun run = launcher.run(new RunRequest("partner-event-sales", company.id(), Map.of("period", period),
                OutputFormat.XLSX, userA.email()));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    private void performanceOn(String name, LocalDate day, PartnerCompany company) {
        long event = jdbc.sql("insert into event (name) values (:name) returning id").param("name", name)
                .query(Long.class).single();
        jdbc.sql("insert into event_partner_company (event_id, partner_company_id) values (:event, :partner)")
                .param("event", event).param("partner", company.id()).update();
        jdbc.sql("insert into event_instance (event_id, starts_at, capacity) values (:event, :starts, 100)")
                .param("event", event)
                .param("starts", java.sql.Timestamp.from(day.atTime(LocalTime.of(19, 30))
                        .atZone(ZoneId.of("Europe/London")).toInstant()))
                .update();
    }
}
