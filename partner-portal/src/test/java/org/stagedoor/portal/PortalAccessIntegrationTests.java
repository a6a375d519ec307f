package org.stagedoor.portal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * at the portal's doors: a partner user sees only what is granted to their company and only its runs;
 * another company's run answers 404 on every route, exactly like one that does not exist; nobody gets in without
 * logging in; an administrator may download any run's file.
 */
class PortalAccessIntegrationTests extends PortalIntegrationTest {

    @Test
    void theHomePageShowsTheCompanyItsGrantedReportsAndOnlyItsOwnRuns() throws Exception {
        ReportRun own = completedEventSales(northern, OutputFormat.CSV, userA.email());
        ReportRun other = completedEventSales(southern, OutputFormat.CSV, userB.email());

        mvc.perform(get("/portal").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Northern Lights Productions")))
                .andExpect(content().string(containsString("Event sales")))
                .andExpect(content().string(containsString("Opted-in customers")))
                .andExpect(content().string(containsString("For each of your events with performances in the period")))
                .andExpect(content().string(not(containsString("Performance sales"))))
                .andExpect(content().string(not(containsString("Facilitated sales"))))
                .andExpect(content().string(containsString("href=\"/portal/runs/" + own.id() + "\"")))
                .andExpect(content().string(not(containsString("/portal/runs/" + other.id() + "\""))))
                .andExpect(content().string(not(containsString("Southern Cross"))));

        mvc.perform(get("/portal/runs").with(TestAccounts.as(userB)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/portal/runs/" + other.id() + "\"")))
                .andExpect(content().string(not(containsString("/portal/runs/" + own.id() + "\""))));
    }

    @Test
    void theApiListsOnlyTheGrantedReportsWithTheirTypedParameters() throws Exception {
        mvc.perform(get("/api/portal/reports").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains("partner-optin-list",
                        "partner-event-sales")))
                .andExpect(jsonPath("$[1].title").value("Event sales"))
                .andExpect(jsonPath("$[1].personalData").value(false))
                .andExpect(jsonPath("$[1].parameters[0].name").value("period"))
                .andExpect(jsonPath("$[1].parameters[0].type").value("PERIOD"))
                .andExpect(jsonPath("$[1].parameters[0].defaultValue").value("previous-week"))
                .andExpect(jsonPath("$[0].personalData").value(true));

        mvc.perform(get("/api/portal/reports").with(TestAccounts.as(userB)))
                .andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains("partner-event-sales")));
    }

    @Test
    void anUngrantedVenueOnlyOrUnknownReportIsNotFound() throws Exception {
        mvc.perform(get("/portal/reports/partner-event-sales").with(TestAccounts.as(userA)))
                .andExpect(status().isOk());
        for (String report : List.of("partner-instance-sales", "facilitated-sales", "customer-list",
                "no-such-report")) {
            mvc.perform(get("/portal/reports/{id}", report).with(TestAccounts.as(userA)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("There is nothing here.")));
            mvc.perform(get("/api/portal/reports/{id}", report).with(TestAccounts.as(userA)))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/portal/reports/{id}/runs", report).with(TestAccounts.as(userA)).with(csrf())
                    .param("period", "previous-week").param("format", "CSV"))
                    .andExpect(status().isNotFound());
        }
        // Granted to Northern Lights, not to Southern Cross.
        mvc.perform(get("/portal/reports/partner-optin-list").with(TestAccounts.as(userB)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userB)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-optin-list\", \"format\": \"CSV\"}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isZero();
    }

    @Test
    void anotherCompanysRunAnswersExactlyLikeOneThatDoesNotExist() throws Exception {
        ReportRun other = completedEventSales(southern, OutputFormat.XLSX, userB.email());
        long missing = other.id() + 1000;

        for (long id : new long[] { other.id(), missing }) {
            mvc.perform(get("/portal/runs/{id}", id).with(TestAccounts.as(userA)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("There is nothing here.")))
                    .andExpect(content().string(not(containsString("Southern"))));
            String api = mvc.perform(get("/api/portal/runs/{id}", id).with(TestAccounts.as(userA)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andReturn().getResponse().getContentAsString();
            assertThat(JsonPath.<Integer>read(api, "$.status")).isEqualTo(404);
            // The same bare answer either way: nothing says whether, or whose, it is.
            assertThat(api).isEqualTo("{\"status\":404,\"title\":\"Not Found\"}");
            mvc.perform(get("/runs/{id}/file", id).with(TestAccounts.as(userA)))
                    .andExpect(status().isNotFound())
                    .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION));
            mvc.perform(get("/api/portal/runs/{id}/file", id).with(TestAccounts.as(userA)))
                    .andExpect(status().isNotFound())
                    .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION));
            mvc.perform(post("/portal/runs/{id}/cancel", id).with(TestAccounts.as(userA)).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/api/portal/runs/{id}/cancel", id).with(TestAccounts.as(userA)).with(csrf()))
                    .andExpect(status().isNotFound());
        }
        assertThat(mvc.perform(get("/api/portal/runs").with(TestAccounts.as(userA))).andReturn().getResponse()
                .getContentAsString()).isEqualTo("[]");
        // Its own company's users and the administrators do reach it.
        mvc.perform(get("/portal/runs/{id}", other.id()).with(TestAccounts.as(userB))).andExpect(status().isOk());
        assertThat(records.get(other.id()).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(audit.recent(org.stagedoor.audit.AuditLog.Kind.RUN_DOWNLOADED, 10)).isEmpty();
    }

    @Test
    void anAdministratorDownloadsAnyRunsFileAndIsAuditedWithTheRunsCompany() throws Exception {
        ReportRun ofA = completedEventSales(northern, OutputFormat.CSV, userA.email());
        ReportRun ofB = completedEventSales(southern, OutputFormat.XLSX, userB.email());

        for (ReportRun run : List.of(ofA, ofB)) {
            byte[] file = mvc.perform(get("/runs/{id}/file", run.id()).with(TestAccounts.as(admin)))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsByteArray();
            assertThat(sha256(file)).isEqualTo(run.sha256());
        }
        assertThat(audit.recent(org.stagedoor.audit.AuditLog.Kind.RUN_DOWNLOADED, 10))
                .extracting(entry -> entry.actor() + " " + entry.partnerCompanyId() + " " + entry.runId() + " "
                        + entry.rowCount())
                .containsExactly("admin@venue.example " + southern.id() + " " + ofB.id() + " 1",
                        "admin@venue.example " + northern.id() + " " + ofA.id() + " 1");
        // The portal itself is for partner users.
        mvc.perform(get("/portal").with(TestAccounts.as(admin))).andExpect(status().isForbidden());
        mvc.perform(get("/api/portal/runs/{id}", ofA.id()).with(TestAccounts.as(admin)))
                .andExpect(status().isForbidden());
    }

    @Test
    void nobodyGetsInWithoutLoggingIn() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());

        for (String page : List.of("/portal", "/portal/runs", "/portal/runs/" + run.id(),
                "/portal/reports/partner-event-sales", "/runs/" + run.id() + "/file")) {
            // As a browser asks for a page.
            mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(status().isFound())
                    .andExpect(redirectedUrl("/login"));
        }
        for (String api : List.of("/api/portal/reports", "/api/portal/runs", "/api/portal/runs/" + run.id(),
                "/api/portal/runs/" + run.id() + "/file", "/api/portal/sales-chart")) {
            mvc.perform(get(api)).andExpect(status().isUnauthorized());
        }
        mvc.perform(post("/api/portal/runs").header(HttpHeaders.AUTHORIZATION, basic(userA.email(), "wrong-password"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"report\": \"partner-event-sales\"}"))
                .andExpect(status().isUnauthorized());
        assertThat(records.recent(null, 10)).hasSize(1);
    }

    @Test
    void aFormOrApiPostWithoutTheCsrfTokenIsForbiddenButAScriptWithBasicAuthNeedsNone() throws Exception {
        mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA))
                .param("period", "previous-week").param("format", "CSV"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userA)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-event-sales\", \"format\": \"CSV\"}"))
                .andExpect(status().isForbidden());
        ReportRun queued = launcher.record(new org.stagedoor.batch.run.RunRequest("partner-event-sales", northern.id(),
                java.util.Map.of(), OutputFormat.CSV, userA.email()));
        mvc.perform(post("/portal/runs/{id}/cancel", queued.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isForbidden());
        assertThat(records.get(queued.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(records.recent(null, 10)).hasSize(1);

        // A script: HTTP Basic on every call, no session, so no cookie to forge and no token needed.
        mvc.perform(post("/api/portal/runs").header(HttpHeaders.AUTHORIZATION,
                basic(userA.email(), org.stagedoor.security.TestAccounts.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"" + PERIOD
                        + "\"}, \"format\": \"CSV\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requestedBy").value(userA.email()));
        assertThat(records.recent(northern.id(), 10)).hasSize(2);
    }

    @Test
    void theApiDocsAnswerALoggedInUser() throws Exception {
        mvc.perform(get("/v3/api-docs").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/portal/runs'].post.summary")
                        .value("Start a run of a granted report for your company"))
                .andExpect(jsonPath("$.paths['/api/portal/runs/{id}'].get.summary").exists())
                .andExpect(jsonPath("$.paths['/api/portal/runs/{id}/file'].get.summary").exists())
                .andExpect(jsonPath("$.paths['/api/portal/sales-chart'].get.summary").exists());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("covers issue 13 item 12: a partner user's API description holds the portal's API only")
    void aPartnerUsersApiDescriptionHoldsThePortalsApiOnly() throws Exception {
        // Asked for by an administrator first, then by a partner user: what one gets is never kept for the other.
        String ofAdmin = apiDescription("/v3/api-docs", admin);
        String ofPartner = apiDescription("/v3/api-docs", userA);

        assertThat(paths(ofAdmin)).contains("/api/portal/runs", "/api/admin/partner-companies")
                .noneMatch(path -> path.startsWith("/v3/"));
        assertThat(paths(ofPartner)).contains("/api/portal/runs").allMatch(path -> path.startsWith("/api/portal/"));
        // Nor the shapes of the console's requests and answers.
        assertThat(ofPartner).doesNotContain("/api/admin").doesNotContain("ApiTokenBody");
        assertThat(apiDescription("/v3/api-docs", admin)).isEqualTo(ofAdmin);
        assertThat(apiDescription("/v3/api-docs.yaml", userA)).contains("/api/portal/runs:")
                .doesNotContain("/api/admin");
        assertThat(paths(apiDescription("/v3/api-docs/portal", userA)))
                .allMatch(path -> path.startsWith("/api/portal/"));

        // The whole API's description answers the administrators alone, under any of its names.
        for (String path : List.of("/v3/api-docs/admin", "/v3/api-docs.yaml/admin", "/v3/api-docs/%61dmin",
                "/v3/api-docs/admin/")) {
            String answer = mvc.perform(get(URI.create(path)).with(TestAccounts.as(userA)))
                    .andReturn().getResponse().getContentAsString();
            assertThat(answer).as(path).doesNotContain("/api/admin");
            mvc.perform(get(URI.create(path))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/v3/api-docs/admin").with(TestAccounts.as(userA))).andExpect(status().isForbidden());
        assertThat(apiDescription("/v3/api-docs/admin", admin)).contains("/api/admin/partner-companies");

        // Swagger UI loads the caller's own description, and offers no other.
        for (StagedoorUser caller : List.of(userA, admin)) {
            mvc.perform(get("/v3/api-docs/swagger-config").with(TestAccounts.as(caller)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.url").value("/v3/api-docs"))
                    .andExpect(jsonPath("$.urls").doesNotExist());
        }
    }

    private String apiDescription(String path, StagedoorUser caller) throws Exception {
        return mvc.perform(get(path).with(TestAccounts.as(caller))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static List<String> paths(String apiDescription) {
        return List.copyOf(JsonPath.<java.util.Map<String, Object>>read(apiDescription, "$.paths").keySet());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
