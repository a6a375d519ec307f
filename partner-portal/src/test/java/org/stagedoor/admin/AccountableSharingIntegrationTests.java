package org.stagedoor.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.batch.sharing.SharingFixtures;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * Accountable sharing in the console and its API (R-6, P-8): subject access by customer, run manifests kept after
 * the file expired, and the columns a partner company may receive. Administrators only; every lookup audited.
 * The sharing records are written as runs leave them.
 */
class AccountableSharingIntegrationTests extends AdminConsoleIntegrationTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T06:30:00Z");

    private static final Instant APRIL = Instant.parse("2026-04-01T06:30:00Z");

    SharingFixtures fixtures;

    long ada;

    long bea;

    long northern;

    long southern;

    long marchRun;

    long aprilRun;

    long failedRun;

    StagedoorUser partnerUser;

    @BeforeEach
    void sharedData() {
        fixtures = new SharingFixtures(jdbc);
        ada = fixtures.customer("Ada", "Lovelace", "ada@example.org");
        bea = fixtures.customer("Bea", "Brown", "bea@example.org");
        northern = fixtures.partner("Northern Lights");
        southern = fixtures.partner("Southern Cross");
        Instant consent = Instant.parse("2026-02-10T12:00:00Z");
        marchRun = fixtures.run(northern, "EXPIRED", MARCH);
        aprilRun = fixtures.run(southern, "COMPLETED", APRIL);
        failedRun = fixtures.run(southern, "FAILED", APRIL.plusSeconds(600));
        fixtures.shared(marchRun, ada, consent, "ONLINE_CHECKOUT", "ada@old.example");
        fixtures.shared(aprilRun, ada, consent, "BOX_OFFICE", "ada@example.org");
        fixtures.shared(failedRun, ada, consent, "BOX_OFFICE", "ada@failed.example");
        fixtures.shared(aprilRun, bea, consent, "BOX_OFFICE", "bea@example.org");
        fixtures.recipient(marchRun, RunRecipients.Kind.EMAIL, "marketing@northern.example", RunRecipients.How.LINK);
        fixtures.recipient(aprilRun, RunRecipients.Kind.PORTAL_USER, "sam@southern.example",
                RunRecipients.How.DOWNLOAD);
        fixtures.recipient(failedRun, RunRecipients.Kind.EMAIL, "never@southern.example", RunRecipients.How.LINK);
        fixtures.notice(aprilRun, ada, southern, "NO", APRIL.minusSeconds(3600), "ada@example.org");
        fixtures.manifest(marchRun, northern, "ann@northern.example", MARCH, List.of("id", "first_name", "email"), 2);
        partnerUser = TestAccounts.partnerUser(accounts, northern, "ann@northern.example");
    }

    @Test
    void theSubjectAccessPageListsExactlyTheRunsAndRecipientsThatReceivedTheCustomersData() throws Exception {
        // covers R-6, P-8: every company and recipient that received Ada's data, under which consent; not a
        // failed run's, not Bea's
        String page = mvc.perform(get("/admin/customers/{id}/sharing", ada).with(as(admin)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Ada Lovelace", "id=\"shared-run-" + marchRun + "\"",
                "id=\"shared-run-" + aprilRun + "\"", "Northern Lights", "Southern Cross", "ada@old.example",
                "marketing@northern.example", "sam@southern.example", "Online checkout", "Box office")
                .doesNotContain("shared-run-" + failedRun, "never@southern.example", "ada@failed.example",
                        "bea@example.org");
        assertThat(page.indexOf("shared-run-" + aprilRun)).as("newest first")
                .isLessThan(page.indexOf("shared-run-" + marchRun));
        assertThat(page).contains("id=\"notices\"");
        assertThat(audit.recent(AuditLog.Kind.SUBJECT_ACCESS, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(ADMIN);
            assertThat(entry.detail()).startsWith("customer " + ada + ":");
        });

        mvc.perform(get("/admin/customers/{id}", ada).with(as(admin)))
                .andExpect(content().string(containsString("/admin/customers/" + ada + "/sharing")));
    }

    @Test
    void theLookupFormFindsACustomerByIdOrEmail() throws Exception {
        mvc.perform(get("/admin/customers").with(as(admin)))
                .andExpect(content().string(containsString("action=\"/admin/customers/sharing\"")));
        mvc.perform(get("/admin/customers/sharing").param("q", "ADA@example.org").with(as(admin)))
                .andExpect(redirectedUrl("/admin/customers/" + ada + "/sharing"));
        mvc.perform(get("/admin/customers/sharing").param("q", Long.toString(bea)).with(as(admin)))
                .andExpect(redirectedUrl("/admin/customers/" + bea + "/sharing"));
        mvc.perform(get("/admin/customers/sharing").param("q", "nobody@example.org").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"sharing-not-found\"")));
        mvc.perform(get("/admin/customers/{id}/sharing", 999_999).with(as(admin)))
                .andExpect(status().isNotFound());
        assertThat(audit.recent(AuditLog.Kind.SUBJECT_ACCESS, 10)).isEmpty();
    }

    @Test
    void theApiAnswersSubjectAccessAsJsonAudited() throws Exception {
        // covers R-6, P-8
        mvc.perform(get("/api/admin/customers/{id}/sharing", ada).with(as(admin)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(ada))
                .andExpect(jsonPath("$.email").value("ada@example.org"))
                .andExpect(jsonPath("$.shared", hasSize(2)))
                .andExpect(jsonPath("$.shared[0].runId").value(aprilRun))
                .andExpect(jsonPath("$.shared[0].partnerName").value("Southern Cross"))
                .andExpect(jsonPath("$.shared[0].consentChannel").value("BOX_OFFICE"))
                .andExpect(jsonPath("$.shared[0].recipients[0].recipient").value("sam@southern.example"))
                .andExpect(jsonPath("$.shared[1].runId").value(marchRun))
                .andExpect(jsonPath("$.shared[1].fileAvailable").value(false))
                .andExpect(jsonPath("$.erased").value(false))
                .andExpect(jsonPath("$.partnerCompanies[0]").value("Southern Cross"))
                .andExpect(jsonPath("$.notices[0].state").value("NO"));
        mvc.perform(get("/api/admin/customers/{id}/sharing", 999_999).with(as(admin))
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
        assertThat(audit.recent(AuditLog.Kind.SUBJECT_ACCESS, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).startsWith("customer " + ada + ":"));
    }

    // The casts make assertThat take the value of JsonPath.read as an Object; javac calls them redundant.
    @SuppressWarnings("cast")
    @Test
    void theManifestIsShownOnTheRunPageAndDownloadableAfterTheFileExpired() throws Exception {
        // covers R-6: run marchRun is EXPIRED (file deleted); its manifest stays
        mvc.perform(get("/admin/runs/{id}", marchRun).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"manifest\""), containsString("EXPIRED"),
                        containsString("id, first_name, email"), containsString("marketing@northern.example"),
                        containsString("ann@northern.example"), containsString(SharingFixtures.SHA256),
                        containsString("/admin/runs/" + marchRun + "/manifest.json"))));
        mvc.perform(get("/admin/runs/{id}", aprilRun).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"no-manifest\"")));

        String json = mvc.perform(get("/admin/runs/{id}/manifest.json", marchRun).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        containsString("attachment; filename=\"run-" + marchRun + "-manifest.json\"")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((Object) JsonPath.read(json, "$.status")).isEqualTo("EXPIRED");
        assertThat((Object) JsonPath.read(json, "$.sha256")).isEqualTo(SharingFixtures.SHA256);
        assertThat((Object) JsonPath.read(json, "$.partnerCompanyName")).isEqualTo("Northern Lights");
        assertThat((Object) JsonPath.read(json, "$.requestedBy")).isEqualTo("ann@northern.example");
        assertThat(JsonPath.<List<String>>read(json, "$.columns")).containsExactly("id", "first_name", "email");
        assertThat((Object) JsonPath.read(json, "$.rowCount")).isEqualTo(2);
        assertThat((Object) JsonPath.read(json, "$.recipients[0].recipient")).isEqualTo("marketing@northern.example");

        mvc.perform(get("/api/admin/runs/{id}/manifest", marchRun).with(as(admin)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.runId").value(marchRun))
                .andExpect(jsonPath("$.fileAvailable").value(false));
        mvc.perform(get("/admin/runs/{id}/manifest.json", aprilRun).with(as(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/api/admin/runs/{id}/manifest", aprilRun).with(as(admin)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
        assertThat(audit.recent(AuditLog.Kind.MANIFEST_DOWNLOADED, 10)).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.runId()).isEqualTo(marchRun);
            assertThat(entry.partnerCompanyId()).isEqualTo(northern);
            assertThat(entry.actor()).isEqualTo(ADMIN);
        });

        // The partner company's page lists its manifests; the API too.
        mvc.perform(get("/admin/partners/{id}", northern).with(as(admin)))
                .andExpect(content().string(allOf(containsString("id=\"manifests\""),
                        containsString("/admin/runs/" + marchRun))));
        mvc.perform(get("/admin/partners/{id}", southern).with(as(admin)))
                .andExpect(content().string(containsString("id=\"no-manifests\"")));
        mvc.perform(get("/api/admin/partner-companies/{id}/manifests", northern).with(as(admin)))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].runId").value(marchRun));
    }

    @Test
    void theColumnAllowListRefusesAnUnknownColumnAndSavesKnownOnes() throws Exception {
        // covers R-6: a company's data-sharing agreement names the only personal data it may receive
        mvc.perform(get("/admin/partners/{id}", northern).with(as(admin)))
                .andExpect(content().string(allOf(containsString("action=\"/admin/partners/" + northern
                        + "/shared-columns\""), containsString("Organisation"), containsString("value=\"postcode\""))));

        mvc.perform(post("/admin/partners/{id}/shared-columns", northern).with(as(admin)).with(csrf())
                        .param("columns", "id", "email", "date_of_birth"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("names a column that is not known")));
        assertThat(columns(northern)).containsExactly("id", "title", "first_name", "last_name", "email",
                "preference_set_at", "preference_channel");

        mvc.perform(post("/admin/partners/{id}/shared-columns", northern).with(as(admin)).with(csrf())
                        .param("columns", "email", "id"))
                .andExpect(redirectedUrl("/admin/partners/" + northern + "?columnsSaved"));
        assertThat(columns(northern)).containsExactly("id", "email");
        assertThat(adminChanges()).last().asString().contains("partner company " + northern)
                .contains("to [id, email]");

        mvc.perform(put("/api/admin/partner-companies/{id}/shared-columns", southern).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("[\"postcode\", \"shoe_size\"]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sharedColumns"))
                .andExpect(jsonPath("$.errors[0].message", containsString("names a column that is not known")))
                .andExpect(content().string(not(containsString("shoe_size"))));
        mvc.perform(put("/api/admin/partner-companies/{id}/shared-columns", southern).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("[\"postcode\", \"id\"]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0]").value("id"))
                .andExpect(jsonPath("$[1]").value("postcode"));
        mvc.perform(get("/api/admin/partner-companies/{id}/shared-columns", southern).with(as(admin)))
                .andExpect(jsonPath("$", hasSize(2)));
        mvc.perform(post("/admin/partners/{id}/shared-columns", northern).with(as(admin)).param("columns", "name"))
                .andExpect(status().isForbidden());
        assertThat(columns(northern)).containsExactly("id", "email");
    }

    @Test
    void partnerUsersAndAnonymousCallersReachNoneOfIt() throws Exception {
        // covers R-6: what was shared with whom is the venue's record, not a partner company's
        for (String path : List.of("/admin/customers/" + ada + "/sharing", "/admin/customers/sharing?q=" + ada,
                "/admin/runs/" + marchRun, "/admin/runs/" + marchRun + "/manifest.json")) {
            mvc.perform(get(path).with(as(partnerUser)).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
            mvc.perform(get(path).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
        }
        for (String path : List.of("/api/admin/customers/" + ada + "/sharing", "/api/admin/runs/" + marchRun
                + "/manifest", "/api/admin/partner-companies/" + northern + "/manifests",
                "/api/admin/partner-companies/" + northern + "/shared-columns")) {
            mvc.perform(get(path).with(as(partnerUser)).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString("ada@"))));
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
        }
        mvc.perform(post("/admin/partners/{id}/shared-columns", northern).with(as(partnerUser)).with(csrf())
                .param("columns", "email", "phone")).andExpect(status().isForbidden());
        mvc.perform(put("/api/admin/partner-companies/{id}/shared-columns", northern).with(as(partnerUser))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("[\"phone\"]"))
                .andExpect(status().isForbidden());
        assertThat(columns(northern)).hasSize(7);
        assertThat(audit.recent(AuditLog.Kind.SUBJECT_ACCESS, 10)).isEmpty();
        assertThat(audit.recent(AuditLog.Kind.MANIFEST_DOWNLOADED, 10)).isEmpty();
    }

    private List<String> columns(long partnerCompanyId) {
        return jdbc.sql("select unnest(shared_columns) from partner_company where id = :id")
                .param("id", partnerCompanyId).query(String.class).list();
    }
}
