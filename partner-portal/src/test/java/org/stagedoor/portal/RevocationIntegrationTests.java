package org.stagedoor.portal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Revocation takes effect at once (issue 13, items 1, 2 and 6): disabling an account or setting its password ends
 * every live session of it on its next request, and the API skips CSRF only for a request that HTTP Basic actually
 * authenticated. Sessions here are real ones, made by logging in through the form.
 */
class RevocationIntegrationTests extends PortalIntegrationTest {

    /** Covers issue 13 item 1: a disabled partner user's session no longer downloads files nor starts runs. */
    @Test
    void aDisabledPartnerUsersLiveSessionIsRefusedOnItsNextRequest() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());
        MockHttpSession session = logIn(userA);
        mvc.perform(get("/runs/{id}/file", run.id()).session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/portal/runs/{id}", run.id()).session(session)).andExpect(status().isOk());

        mvc.perform(post("/api/admin/accounts/{id}/disable", userA.accountId())
                .header(HttpHeaders.AUTHORIZATION, basic(admin.email()))).andExpect(status().isNoContent());

        mvc.perform(get("/runs/{id}/file", run.id()).session(session))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/api/portal/runs/{id}", run.id()).session(session)).andExpect(status().isUnauthorized());
        int runs = records.recent(northern.id(), 10).size();
        mvc.perform(post("/api/portal/runs").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-event-sales\", \"format\": \"CSV\"}"))
                .andExpect(status().isUnauthorized());
        assertThat(records.recent(northern.id(), 10)).hasSize(runs);
    }

    /** Covers issue 13 item 1: a disabled administrator's old session cannot issue an API token. */
    @Test
    void aDisabledAdministratorsLiveSessionCannotIssueAnApiToken() throws Exception {
        StagedoorUser other = TestAccounts.admin(accounts, "other-admin@venue.example");
        MockHttpSession session = logIn(other);
        mvc.perform(get("/admin").session(session)).andExpect(status().isOk());

        accounts.setEnabled(other.accountId(), false, admin.email());

        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"stolen\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/admin").session(session)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        assertThat(jdbc.sql("select count(*) from api_token").query(Integer.class).single()).isZero();
    }

    /** Covers issue 13 items 1 and 2: a password set through a reset link ends the account's other sessions. */
    @Test
    void aPasswordResetEndsTheAccountsOtherSessions() throws Exception {
        MockHttpSession elsewhere = logIn(userA);
        mvc.perform(get("/portal").session(elsewhere)).andExpect(status().isOk());

        String token = "a-reset-link-token-for-this-test";
        jdbc.sql("""
                insert into login_token (account_id, purpose, token_sha256, expires_at)
                values (:account, 'PASSWORD_RESET', :sha, now() + interval '1 hour')
                """).param("account", userA.accountId())
                .param("sha", sha256(token.getBytes(StandardCharsets.UTF_8))).update();

        MvcResult reset = mvc.perform(post("/password-reset/new").with(csrf()).param("token", token)
                .param("password", "a-brand-new-password")).andReturn();

        // The link signs its owner in at once; the session that was open elsewhere has ended.
        assertThat(reset.getResponse().getRedirectedUrl()).isEqualTo("/");
        mvc.perform(get("/portal").session((MockHttpSession) reset.getRequest().getSession(false)))
                .andExpect(status().isOk());
        mvc.perform(get("/portal").session(elsewhere)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        MockHttpSession again = logIn(userA.email(), "a-brand-new-password");
        mvc.perform(get("/portal").session(again)).andExpect(status().isOk());
    }

    /** An enabled account's session, and a colleague's, go on as before. */
    @Test
    void otherAccountsSessionsAreUntouched() throws Exception {
        MockHttpSession colleague = logIn(colleagueA);

        accounts.setEnabled(userA.accountId(), false, admin.email());

        mvc.perform(get("/portal").session(colleague)).andExpect(status().isOk());
    }

    /**
     * Covers issue 13 item 6: an {@code Authorization} header that authenticates nothing does not excuse a session's
     * request from CSRF; one with Basic credentials that do not authenticate is refused, not carried by the session.
     */
    @Test
    void anAuthorizationHeaderThatAuthenticatesNothingDoesNotSkipCsrf() throws Exception {
        MockHttpSession session = logIn(admin);
        String body = "{\"name\": \"forged\"}";

        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).session(session)
                .header(HttpHeaders.AUTHORIZATION, "x").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).session(session)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                        "admin@venue.example:wrong".getBytes(StandardCharsets.UTF_8)))
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).session(session)
                .header(HttpHeaders.AUTHORIZATION, "Basic !!!").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select count(*) from api_token").query(Integer.class).single()).isZero();

        // Basic credentials that are right authenticate the call by themselves: no token needed.
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id())
                .header(HttpHeaders.AUTHORIZATION, basic(admin.email())).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated());
    }

    private MockHttpSession logIn(StagedoorUser user) throws Exception {
        return logIn(user.email(), TestAccounts.PASSWORD);
    }

    private MockHttpSession logIn(String email, String password) throws Exception {
        MvcResult login = mvc.perform(formLogin().user(email).password(password)).andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) login.getRequest().getSession(false);
    }

    private static String basic(String email) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + TestAccounts.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
