package org.stagedoor.portal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Partner API tokens (covers R-5, R-1): a company's own systems call the portal's API with a token, under the
 * same isolation as its users; a token revoked, expired or unknown is refused with 401; every use is audited with
 * the token; only the token's hash is kept.
 */
class ApiTokenIntegrationTests extends PortalIntegrationTest {

    @Autowired
    ApiTokens tokens;

    @Autowired
    RunRecipients recipients;

    @Test
    void aTokenListsItsCompanysReportsStartsARunPollsItAndDownloadsTheFile() throws Exception {
        ApiTokens.Issued issued = tokens.issue(northern.id(), "Box office sync", null, admin.email());
        String token = issued.token();
        assertThat(token).startsWith("sdt_").hasSizeGreaterThanOrEqualTo(40);

        mvc.perform(bearer(get("/api/portal/reports"), token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(containsInAnyOrder("partner-event-sales", "partner-optin-list")));
        // No CSRF token: a bearer call holds no session, so there is no cookie to forge.
        MvcResult accepted = mvc.perform(bearer(post("/api/portal/runs"), token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"" + PERIOD
                                + "\"}, \"format\": \"CSV\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/portal/runs/")))
                .andExpect(jsonPath("$.requestedBy")
                        .value("api-token #" + issued.apiToken().id() + " (Box office sync)"))
                .andReturn();
        assertThat(accepted.getRequest().getSession(false)).isNull();
        assertThat(accepted.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();
        long runId = ((Number) JsonPath.read(accepted.getResponse().getContentAsString(), "$.id")).longValue();

        String[] json = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            json[0] = mvc.perform(bearer(get("/api/portal/runs/{id}", runId), token)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            String state = JsonPath.read(json[0], "$.status");
            return !state.equals("QUEUED") && !state.equals("RUNNING");
        });
        assertThat(JsonPath.<String>read(json[0], "$.status")).isEqualTo("COMPLETED");
        ReportRun run = records.get(runId);
        assertThat(run.partnerCompanyId()).isEqualTo(northern.id());

        byte[] file = mvc.perform(bearer(get("/api/portal/runs/{id}/file", runId), token))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(sha256(file)).isEqualTo(run.sha256());
        mvc.perform(bearer(get("/api/portal/runs"), token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(runId));

        // The token is a recipient of the run's file (the manifest's record), and its last use is known.
        assertThat(recipients.of(runId)).extracting(r -> r.kind() + " " + r.recipient() + " " + r.how())
                .containsExactly("API_TOKEN token #" + issued.apiToken().id() + " (Box office sync) DOWNLOAD");
        assertThat(tokens.find(northern.id(), issued.apiToken().id()).orElseThrow().lastUsedAt()).isNotNull();
    }

    @Test
    void everyUseOfATokenIsAuditedWithTheTokenAndTheStatusAnswered() throws Exception {
        ApiTokens.Issued issued = tokens.issue(northern.id(), "Warehouse", 30, admin.email());
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());
        ReportRun ofB = completedEventSales(southern, OutputFormat.CSV, userB.email());

        mvc.perform(bearer(get("/api/portal/reports"), issued.token())).andExpect(status().isOk());
        mvc.perform(bearer(get("/api/portal/runs/{id}/file", run.id()), issued.token())).andExpect(status().isOk());
        mvc.perform(bearer(get("/api/portal/runs/{id}", ofB.id()), issued.token())).andExpect(status().isNotFound());

        String actor = "api-token #" + issued.apiToken().id() + " (Warehouse)";
        List<String> entries = jdbc.sql("""
                select kind || ' ' || actor || ' ' || partner_company_id || ' ' || detail from audit_event
                 where api_token_id = :token and kind <> 'ADMIN_CHANGE' order by id
                """).param("token", issued.apiToken().id()).query(String.class).list();
        assertThat(entries).containsExactly(
                "API_CALL " + actor + " " + northern.id() + " GET /api/portal/reports 200",
                "RUN_DOWNLOADED " + actor + " " + northern.id() + " " + run.fileName(),
                "API_CALL " + actor + " " + northern.id() + " GET /api/portal/runs/" + run.id() + "/file 200",
                "API_CALL " + actor + " " + northern.id() + " GET /api/portal/runs/" + ofB.id() + " 404");
        // The issue itself is an administrator's change, naming the token too.
        assertThat(jdbc.sql("select actor || ': ' || detail from audit_event where kind = 'ADMIN_CHANGE'"
                + " and api_token_id = :token").param("token", issued.apiToken().id()).query(String.class).single())
                .startsWith(admin.email() + ": issued API token #" + issued.apiToken().id() + " 'Warehouse' (sdt_");
    }

    @Test
    void aRevokedTokenIsRefusedWith401AndTheRefusalIsAudited() throws Exception {
        ApiTokens.Issued issued = tokens.issue(northern.id(), "Old system", null, admin.email());
        mvc.perform(bearer(get("/api/portal/reports"), issued.token())).andExpect(status().isOk());

        tokens.revoke(northern.id(), issued.apiToken().id(), admin.email());

        mvc.perform(bearer(get("/api/portal/reports"), issued.token()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(bearer(post("/api/portal/runs"), issued.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"" + PERIOD
                                + "\"}, \"format\": \"CSV\"}"))
                .andExpect(status().isUnauthorized());
        assertThat(records.recent(null, 10)).isEmpty();
        assertThat(jdbc.sql("""
                select detail from audit_event where kind = 'API_REFUSED' and api_token_id = :token order by id
                """).param("token", issued.apiToken().id()).query(String.class).list())
                .containsExactly("GET /api/portal/reports 401: token " + issued.apiToken().prefix() + "… is revoked",
                        "POST /api/portal/runs 401: token " + issued.apiToken().prefix() + "… is revoked");
    }

    @Test
    void anExpiredTokenIsRefusedWith401() throws Exception {
        ApiTokens.Issued issued = tokens.issue(northern.id(), "Short lived", 1, admin.email());
        mvc.perform(bearer(get("/api/portal/reports"), issued.token())).andExpect(status().isOk());
        jdbc.sql("""
                update api_token set created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
                 where id = :id
                """).param("id", issued.apiToken().id()).update();

        mvc.perform(bearer(get("/api/portal/reports"), issued.token())).andExpect(status().isUnauthorized());
        assertThat(tokens.find(northern.id(), issued.apiToken().id()).orElseThrow().state()).isEqualTo("expired");
        assertThat(jdbc.sql("select detail from audit_event where kind = 'API_REFUSED'").query(String.class).single())
                .endsWith(" is expired");
    }

    @Test
    void anUnknownOrMalformedTokenIsRefusedWith401AndNothingOfItIsRecorded() throws Exception {
        String forged = "sdt_" + "A".repeat(43);
        mvc.perform(bearer(get("/api/portal/reports"), forged)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/portal/reports").header(HttpHeaders.AUTHORIZATION, "Bearer not-even-a-token"))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select actor || ' ' || detail from audit_event where kind = 'API_REFUSED' order by id")
                .query(String.class).list())
                .containsExactly("api-token (unknown) GET /api/portal/reports 401: unknown token",
                        "api-token (unknown) GET /api/portal/reports 401: unknown token");
    }

    @Test
    void aTokenOfCompanyAGets404ForCompanyBsRunItsFileAndItsCancelling() throws Exception {
        String tokenA = tokens.issue(northern.id(), "A's system", null, admin.email()).token();
        ReportRun ofB = completedEventSales(southern, OutputFormat.CSV, userB.email());
        long missing = ofB.id() + 1000;

        for (long id : new long[] { ofB.id(), missing }) {
            String body = mvc.perform(bearer(get("/api/portal/runs/{id}", id), tokenA))
                    .andExpect(status().isNotFound())
                    .andReturn().getResponse().getContentAsString();
            // Exactly the answer to a run that does not exist.
            assertThat(body).isEqualTo("{\"status\":404,\"title\":\"Not Found\"}");
            mvc.perform(bearer(get("/api/portal/runs/{id}/file", id), tokenA))
                    .andExpect(status().isNotFound())
                    .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION));
            mvc.perform(bearer(post("/api/portal/runs/{id}/cancel", id), tokenA)).andExpect(status().isNotFound());
        }
        assertThat(mvc.perform(bearer(get("/api/portal/runs"), tokenA)).andReturn().getResponse()
                .getContentAsString()).isEqualTo("[]");
        assertThat(recipients.of(ofB.id())).isEmpty();
        assertThat(audit.recent(org.stagedoor.audit.AuditLog.Kind.RUN_DOWNLOADED, 10)).isEmpty();
        // B's own token does reach it.
        String tokenB = tokens.issue(southern.id(), "B's system", null, admin.email()).token();
        mvc.perform(bearer(get("/api/portal/runs/{id}", ofB.id()), tokenB)).andExpect(status().isOk());
    }

    @Test
    void aTokenRunsOnlyReportsGrantedToItsCompany() throws Exception {
        // Southern Cross is granted event sales only.
        String tokenB = tokens.issue(southern.id(), "B's system", null, admin.email()).token();

        for (String report : List.of("partner-optin-list", "facilitated-sales", "no-such-report")) {
            mvc.perform(bearer(post("/api/portal/runs"), tokenB).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"report\": \"" + report + "\", \"parameters\": {\"period\": \"" + PERIOD
                                    + "\"}, \"format\": \"CSV\"}"))
                    .andExpect(status().isNotFound());
            mvc.perform(bearer(get("/api/portal/reports/{id}", report), tokenB)).andExpect(status().isNotFound());
        }
        assertThat(records.recent(null, 10)).isEmpty();
    }

    @Test
    void aTokenHasNoEmailToBeToldWhenARunIsReady() throws Exception {
        String token = tokens.issue(northern.id(), "A's system", null, admin.email()).token();

        mvc.perform(bearer(post("/api/portal/runs"), token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"report\": \"partner-event-sales\", \"parameters\": {\"period\": \"" + PERIOD
                                + "\"}, \"format\": \"CSV\", \"notify\": true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("notify"));
        assertThat(records.recent(null, 10)).isEmpty();
    }

    @Test
    void aTokenReachesThePartnerApiOnlyNeverTheConsoleNorThePages() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());
        ApiTokens.Issued issued = tokens.issue(northern.id(), "A's system", null, admin.email());

        for (String api : List.of("/api/admin/partner-companies", "/api/admin/audit",
                "/api/admin/partner-companies/" + northern.id() + "/api-tokens")) {
            mvc.perform(bearer(get(api), issued.token())).andExpect(status().isForbidden());
        }
        mvc.perform(bearer(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()), issued.token())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Another\"}"))
                .andExpect(status().isForbidden());
        assertThat(tokens.ofPartnerCompany(northern.id())).hasSize(1);
        // Pages and the emailed file link are for people who log in; a token there counts for nothing.
        for (String page : List.of("/portal", "/runs/" + run.id() + "/file", "/admin")) {
            mvc.perform(bearer(get(page), issued.token()).accept(MediaType.TEXT_HTML))
                    .andExpect(status().isFound());
        }
        assertThat(jdbc.sql("select detail from audit_event where kind = 'API_CALL' order by id").query(String.class)
                .list()).contains("GET /api/admin/partner-companies 403");
    }

    @Test
    void onlyTheTokensHashIsKeptAndTheTokenAppearsInNoAuditEntry() throws Exception {
        ApiTokens.Issued issued = tokens.issue(northern.id(), "Box office sync", null, admin.email());
        String token = issued.token();
        mvc.perform(bearer(get("/api/portal/reports"), token)).andExpect(status().isOk());
        tokens.revoke(northern.id(), issued.apiToken().id(), admin.email());
        mvc.perform(bearer(get("/api/portal/reports"), token)).andExpect(status().isUnauthorized());

        assertThat(jdbc.sql("select token_sha256 from api_token").query(String.class).single())
                .isEqualTo(sha256(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(issued.apiToken().prefix()).hasSize(12).isEqualTo(token.substring(0, 12));
        // Nowhere in the token's row nor in the audit log, whole or but for its prefix.
        String secretPart = token.substring(12);
        assertThat(jdbc.sql("select count(*) from api_token t where row_to_json(t)::text like :secret")
                .param("secret", "%" + secretPart + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event e where row_to_json(e)::text like :secret")
                .param("secret", "%" + secretPart + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isGreaterThan(3);
    }

    @Test
    void aPartnerUsersDownloadRecordsThemAsARecipientButAnAdministratorsDoesNot() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());

        mvc.perform(get("/runs/{id}/file", run.id()).with(TestAccounts.as(userA))).andExpect(status().isOk());
        mvc.perform(get("/api/portal/runs/{id}/file", run.id()).with(TestAccounts.as(colleagueA)))
                .andExpect(status().isOk());
        mvc.perform(get("/runs/{id}/file", run.id()).with(TestAccounts.as(userA))).andExpect(status().isOk());
        mvc.perform(get("/runs/{id}/file", run.id()).with(TestAccounts.as(admin))).andExpect(status().isOk());

        assertThat(recipients.of(run.id())).extracting(r -> r.kind() + " " + r.recipient() + " " + r.how())
                .containsExactly("PORTAL_USER " + userA.email() + " DOWNLOAD",
                        "PORTAL_USER " + colleagueA.email() + " DOWNLOAD");
        assertThat(records.get(run.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).accept(MediaType.APPLICATION_JSON);
    }
}
