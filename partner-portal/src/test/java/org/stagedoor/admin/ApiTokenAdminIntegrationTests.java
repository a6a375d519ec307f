package org.stagedoor.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * Administrators issue and revoke partner API tokens, on the company's page and through the admin API (covers
 * R-5): the token is shown once, never stored, and every issue and revocation is audited; partner users cannot
 * manage tokens.
 */
class ApiTokenAdminIntegrationTests extends AdminConsoleIntegrationTest {

    private static final Pattern TOKEN = Pattern.compile("sdt_[A-Za-z0-9_-]{43}");

    @Autowired
    PartnerCompanies companies;

    @Autowired
    ApiTokens tokens;

    PartnerCompany northern;

    PartnerCompany southern;

    @BeforeEach
    void companies() {
        northern = companies.create("Northern Lights Productions", false, "");
        southern = companies.create("Southern Cross Theatre", false, "");
    }

    @Test
    void anAdministratorIssuesATokenOnTheCompanysPageSeesItOnceAndRevokesIt() throws Exception {
        String page = mvc.perform(post("/admin/partners/{id}/api-tokens", northern.id()).with(as(admin)).with(csrf())
                        .param("name", " Box office sync ").param("validityDays", "30"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
                .andExpect(content().string(containsString("It will not be shown again")))
                .andReturn().getResponse().getContentAsString();
        Matcher shown = TOKEN.matcher(page);
        assertThat(shown.find()).as("the token is on the page").isTrue();
        String secret = shown.group();
        ApiTokens.Token token = tokens.ofPartnerCompany(northern.id()).get(0);
        assertThat(token.name()).isEqualTo("Box office sync");
        assertThat(token.prefix()).isEqualTo(secret.substring(0, 12));
        assertThat(java.time.Duration.between(token.createdAt(), token.expiresAt()).toDays()).isEqualTo(30);

        // Listed on the company's page, by prefix; the secret is never shown again.
        mvc.perform(get("/admin/partners/{id}", northern.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Box office sync")))
                .andExpect(content().string(containsString(token.prefix() + "…")))
                .andExpect(content().string(containsString("never")))
                .andExpect(content().string(not(containsString(secret))))
                .andExpect(content().string(containsString("/api-tokens/" + token.id() + "/revoke")));

        // Revoking needs the CSRF token, like every change in the console.
        mvc.perform(post("/admin/partners/{id}/api-tokens/{token}/revoke", northern.id(), token.id()).with(as(admin)))
                .andExpect(status().isForbidden());
        assertThat(tokens.find(northern.id(), token.id()).orElseThrow().state()).isEqualTo("active");
        mvc.perform(post("/admin/partners/{id}/api-tokens/{token}/revoke", northern.id(), token.id()).with(as(admin))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/partners/" + northern.id() + "?revoked"));
        ApiTokens.Token revoked = tokens.find(northern.id(), token.id()).orElseThrow();
        assertThat(revoked.state()).isEqualTo("revoked");
        assertThat(revoked.revokedBy()).isEqualTo(ADMIN);
        mvc.perform(get("/admin/partners/{id}", northern.id()).with(as(admin)))
                .andExpect(content().string(not(containsString("/api-tokens/" + token.id() + "/revoke"))));

        assertThat(adminChanges()).anySatisfy(detail -> assertThat(detail).startsWith("issued API token #" + token.id()
                        + " 'Box office sync' (" + token.prefix() + "…) to partner company " + northern.id()))
                .anySatisfy(detail -> assertThat(detail).startsWith("revoked API token #" + token.id()));
        assertThat(jdbc.sql("select count(*) from audit_event where detail like :secret")
                .param("secret", "%" + secret.substring(12) + "%").query(Long.class).single()).isZero();
    }

    @Test
    void theConsoleRefusesABlankNameOrAValidityOutOfRangeNextToTheirFields() throws Exception {
        mvc.perform(post("/admin/partners/{id}/api-tokens", northern.id()).with(as(admin)).with(csrf())
                        .param("name", "  ").param("validityDays", "400"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Nothing was saved")))
                .andExpect(content().string(containsString("is required")))
                .andExpect(content().string(containsString("must be from 1 to 365 days")));
        mvc.perform(post("/admin/partners/{id}/api-tokens", northern.id()).with(as(admin)).with(csrf())
                        .param("name", "Sync").param("validityDays", "a year"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("must be a whole number of days")))
                .andExpect(content().string(not(containsString("sdt_"))));
        mvc.perform(post("/admin/partners/{id}/api-tokens", northern.id()).with(as(admin))
                        .param("name", "Forged").param("validityDays", "30"))
                .andExpect(status().isForbidden());
        assertThat(tokens.ofPartnerCompany(northern.id())).isEmpty();
    }

    @Test
    void theAdminApiIssuesListsAndRevokesAPartnerCompanysTokens() throws Exception {
        String answer = mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).with(as(admin))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Warehouse\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION,
                        startsWith("/api/admin/partner-companies/" + northern.id() + "/api-tokens/")))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
                .andExpect(jsonPath("$.token").value(startsWith("sdt_")))
                .andExpect(jsonPath("$.apiToken.name").value("Warehouse"))
                .andExpect(jsonPath("$.apiToken.state").value("active"))
                .andReturn().getResponse().getContentAsString();
        String secret = JsonPath.read(answer, "$.token");
        long id = ((Number) JsonPath.read(answer, "$.apiToken.id")).longValue();
        ApiTokens.Token token = tokens.find(northern.id(), id).orElseThrow();
        // Ninety days when not said.
        assertThat(java.time.Duration.between(token.createdAt(), token.expiresAt()).toDays()).isEqualTo(90);

        String list = mvc.perform(get("/api/admin/partner-companies/{id}/api-tokens", northern.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].prefix").value(secret.substring(0, 12)))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain(secret.substring(12));
        // Another company's tokens are its own: none listed, and its token ids are not found here.
        mvc.perform(get("/api/admin/partner-companies/{id}/api-tokens", southern.id()).with(as(admin)))
                .andExpect(content().json("[]"));
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens/{token}/revoke", southern.id(), id)
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/admin/partner-companies/{id}/api-tokens", 999_999).with(as(admin)))
                .andExpect(status().isNotFound());

        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens/{token}/revoke", northern.id(), id)
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("revoked"))
                .andExpect(jsonPath("$.revokedBy").value(ADMIN));
        // Revoking again changes nothing and audits nothing more.
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens/{token}/revoke", northern.id(), id)
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isOk());
        assertThat(adminChanges()).filteredOn(detail -> detail.startsWith("revoked API token")).hasSize(1);

        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + "x".repeat(101) + "\", \"validityDays\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[1].field").value("validityDays"));
        assertThat(tokens.ofPartnerCompany(northern.id())).hasSize(1);
    }

    @Test
    void partnerUsersCannotManageTokens() throws Exception {
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
        ApiTokens.Issued issued = tokens.issue(northern.id(), "Sync", null, ADMIN);

        mvc.perform(get("/api/admin/partner-companies/{id}/api-tokens", northern.id()).with(as(partnerUser)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens", northern.id()).with(as(partnerUser))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Mine\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/partner-companies/{id}/api-tokens/{token}/revoke", northern.id(),
                        issued.apiToken().id()).with(as(partnerUser)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/partners/{id}/api-tokens", northern.id()).with(as(partnerUser)).with(csrf())
                        .param("name", "Mine").param("validityDays", "30"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/partners/{id}/api-tokens/{token}/revoke", northern.id(), issued.apiToken().id())
                        .with(as(partnerUser)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(tokens.ofPartnerCompany(northern.id())).singleElement()
                .satisfies(token -> assertThat(token.state()).isEqualTo("active"));
    }
}
