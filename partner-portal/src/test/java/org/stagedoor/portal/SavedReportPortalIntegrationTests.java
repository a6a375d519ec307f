package org.stagedoor.portal;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.SavedRef;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal's saved reports (issue 14 item 5): listed by name with their description and last run, run in one click
 * or with options, and a company's own lists; another company's are not found.
 */
class SavedReportPortalIntegrationTests extends PortalIntegrationTest {

    private SavedReport weekly() {
        SavedReport weekly = grants.create(null, new SavedReportDraft("Sales of the next month",
                "Tickets sold for your coming performances", "partner-event-sales", Map.of("period", PERIOD),
                List.of(), OutputFormat.CSV), "admin@venue.example");
        grants.grant(weekly.id(), List.of(northern.id()), "admin@venue.example");
        return weekly;
    }

    @Test
    @DisplayName("covers issue 14 item 5: the portal lists saved reports by name and runs one in one click")
    void aGrantedSavedReportIsListedByNameAndRunsInOneClickWithItsOwnSettings() throws Exception {
        SavedReport weekly = weekly();
        mvc.perform(get("/portal").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Sales of the next month"),
                        containsString("Tickets sold for your coming performances"), containsString("Not run yet"),
                        containsString("/portal/saved/" + weekly.id() + "/run"))));

        MvcResult clicked = mvc.perform(post("/portal/saved/{id}/run", weekly.id()).with(TestAccounts.as(userA))
                .with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        long runId = runIdOf(clicked);
        String finished = awaitFinished(userA, runId);

        assertThat((String) JsonPath.read(finished, "$.status")).isEqualTo("COMPLETED");
        ReportRun run = records.get(runId);
        assertThat(run.saved()).isEqualTo(new SavedRef(weekly.id(), 1));
        assertThat(run.parametersGiven()).isEqualTo(Map.of("period", PERIOD));
        assertThat(run.format()).isEqualTo(OutputFormat.CSV);
        assertThat(run.partnerCompanyId()).isEqualTo(northern.id());
        mvc.perform(get("/portal/runs/{id}", runId).with(TestAccounts.as(userA)))
                .andExpect(content().string(allOf(containsString("Sales of the next month"),
                        containsString("version"))));
        mvc.perform(get("/portal").with(TestAccounts.as(userA)))
                .andExpect(content().string(containsString("Last run")));
    }

    @Test
    @DisplayName("covers issue 14 items 1 and 5: run with options changes only what is open; the rest is in words")
    void runWithOptionsShowsFixedSettingsInWordsAndRefusesToChangeThem() throws Exception {
        SavedReport weekly = weekly();
        mvc.perform(get("/portal/saved/{id}", weekly.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Fixed for every run"),
                        containsString("Next 30 days"), containsString("CSV (UTF-8)"),
                        not(containsString("name=\"period\"")))));

        mvc.perform(post("/api/portal/saved-reports/{id}/runs", weekly.id()).with(TestAccounts.as(userA))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"parameters\": {\"period\": \"previous-week\"}, \"format\": \"XLSX\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(
                        "is set by \"Sales of the next month\" and cannot be changed when it runs"))
                .andExpect(jsonPath("$.errors[1].message").value(
                        "\"Sales of the next month\" always makes a CSV file"));
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();

        mvc.perform(post("/api/portal/saved-reports/{id}/runs", weekly.id()).with(TestAccounts.as(userA))
                        .with(csrf()))
                .andExpect(status().isAccepted());
    }

    @Test
    @DisplayName("covers issue 14 item 5, R-1: another company finds nothing of a definition not granted to it")
    void anotherCompanyFindsNothingOfADefinitionNotGrantedToIt() throws Exception {
        SavedReport weekly = weekly();
        mvc.perform(get("/portal").with(TestAccounts.as(userB)))
                .andExpect(content().string(not(containsString("Sales of the next month"))));
        mvc.perform(get("/portal/saved/{id}", weekly.id()).with(TestAccounts.as(userB)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/portal/saved/{id}/run", weekly.id()).with(TestAccounts.as(userB)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/portal/saved-reports/{id}/runs", weekly.id()).with(TestAccounts.as(userB))
                .with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/api/portal/saved-reports").with(TestAccounts.as(userB)))
                .andExpect(jsonPath("$[*].name", not(org.hamcrest.Matchers.hasItem("Sales of the next month"))));
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("covers issue 14 item 5: a company allowed to builds its own list; the venue sees it, others not")
    void aCompanyAllowedToBuildsItsOwnListWhichItsUsersRunAndNoOtherCompanySees() throws Exception {
        mvc.perform(get("/portal/lists/new").with(TestAccounts.as(userA))).andExpect(status().isNotFound());
        grants.allowOwnLists(northern.id(), true);
        String list = """
                {"name": "Our bookers", "segments": [{"type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
                 "period": "next-30-days"}], "columns": ["first_name", "last_name"]}""";

        MvcResult saved = mvc.perform(post("/portal/lists").with(TestAccounts.as(userA)).with(csrf())
                        .param("name", "Our bookers").param("list", list).param("format", "CSV"))
                .andExpect(redirectedUrlPattern("/portal/saved/*?saved")).andReturn();
        long id = Long.parseLong(saved.getResponse().getRedirectedUrl().replaceAll("\\D+(\\d+)\\?saved", "$1"));

        mvc.perform(get("/portal").with(TestAccounts.as(colleagueA)))
                .andExpect(content().string(allOf(containsString("Our bookers"), containsString("your company"))));
        mvc.perform(get("/portal/lists/{id}", id).with(TestAccounts.as(userB))).andExpect(status().isNotFound());
        mvc.perform(get("/portal/saved/{id}", id).with(TestAccounts.as(userB))).andExpect(status().isNotFound());
        assertThat(grants.get(id).ownerPartnerCompanyId()).isEqualTo(northern.id());
        mvc.perform(get("/admin/reports").with(TestAccounts.as(admin)))
                .andExpect(content().string(allOf(containsString("Our bookers"),
                        containsString("Northern Lights Productions"))));

        mvc.perform(post("/portal/lists").with(TestAccounts.as(userA)).with(csrf())
                        .param("name", "Our bookers").param("list", list))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is already the name of another saved report")));
    }
}
