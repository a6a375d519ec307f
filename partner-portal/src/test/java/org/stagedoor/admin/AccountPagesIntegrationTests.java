package org.stagedoor.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.scheduler.delivery.DevMailbox;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** Partner users (invited by email, disabled, enabled, invited again), administrators, and report grants. */
class AccountPagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    SavedReports grants;

    @Autowired
    DevMailbox mailbox;

    @Test
    void invitingAPartnerUserCreatesTheAccountAndMailsTheInvitation() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");

        mvc.perform(post("/admin/partners/{id}/users", company.id()).with(as(admin)).with(csrf())
                        .param("displayName", "Grace Hopper").param("email", "grace@northern.example"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/partners/" + company.id() + "?invited"));

        assertThat(accounts.ofPartnerCompany(company.id())).singleElement().satisfies(account -> {
            assertThat(account.email()).isEqualTo("grace@northern.example");
            assertThat(account.displayName()).isEqualTo("Grace Hopper");
            assertThat(account.role()).isEqualTo(StagedoorUser.Role.PARTNER_USER);
            assertThat(account.isEnabled()).as("no password until the invitation is accepted").isFalse();
        });
        assertThat(jdbc.sql("""
                select count(*) from login_token t join login_account a on a.id = t.account_id
                 where a.email = 'grace@northern.example' and t.purpose = 'INVITATION' and t.used_at is null
                   and t.expires_at > now()
                """).query(Integer.class).single()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailbox.messages())
                .anySatisfy(message -> {
                    assertThat(message.recipients()).containsExactly("grace@northern.example");
                    assertThat(message.subject()).isEqualTo("Your Stagedoor account");
                }));
        assertThat(adminChanges()).containsExactly("invited grace@northern.example to partner company " + company.id());
        mvc.perform(get("/admin/partners/{id}", company.id()).with(as(admin)))
                .andExpect(content().string(allOf(containsString("grace@northern.example"),
                        containsString("invitation sent"))));
        mvc.perform(get("/admin/mailbox").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("grace@northern.example"),
                        containsString("Your Stagedoor account"))));
    }

    @Test
    void anInvitationThatCannotBeAcceptedIsRefusedByItsFieldsAndCreatesNothing() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        TestAccounts.partnerUser(accounts, company.id(), "taken@northern.example");

        mvc.perform(post("/admin/partners/{id}/users", company.id()).with(as(admin)).with(csrf())
                        .param("displayName", "").param("email", "not an address"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("is not an email address"),
                        containsString("Nothing was saved"))));
        mvc.perform(post("/admin/partners/{id}/users", company.id()).with(as(admin)).with(csrf())
                        .param("displayName", "Someone").param("email", "TAKEN@northern.example"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("an account with this address exists already")));

        assertThat(accounts.ofPartnerCompany(company.id())).extracting(StagedoorUser::email)
                .containsExactly("taken@northern.example");
        assertThat(adminChanges()).isEmpty();
    }

    @Test
    void aPartnerUserIsDisabledEnabledAndInvitedAgain() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        StagedoorUser invited = accounts.invitePartnerUser(company.id(), "ada@northern.example", "Ada", ADMIN);

        mvc.perform(post("/admin/accounts/{id}/disable", invited.accountId()).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/partners/" + company.id()));
        assertThat(enabled(invited)).isFalse();
        mvc.perform(get("/admin/partners/{id}", company.id()).with(as(admin)))
                .andExpect(content().string(containsString("disabled")));

        mvc.perform(post("/admin/accounts/{id}/enable", invited.accountId()).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/partners/" + company.id()));
        assertThat(enabled(invited)).isTrue();

        mvc.perform(post("/admin/accounts/{id}/invitation", invited.accountId()).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/partners/" + company.id() + "?resent"));
        assertThat(jdbc.sql("""
                select count(*) from login_token where account_id = :id and purpose = 'INVITATION'
                   and used_at is null and expires_at > now()
                """).param("id", invited.accountId()).query(Integer.class).single())
                .as("only the newest link works").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from login_token where account_id = :id")
                .param("id", invited.accountId()).query(Integer.class).single()).isEqualTo(2);
        assertThat(adminChanges()).containsExactly(
                "invited ada@northern.example to partner company " + company.id(),
                "disabled ada@northern.example", "enabled ada@northern.example",
                "sent a new invitation to ada@northern.example");
    }

    @Test
    void anAdministratorIsInvitedAndCannotDisableTheirOwnAccount() throws Exception {
        mvc.perform(post("/admin/administrators").with(as(admin)).with(csrf())
                        .param("displayName", "Second Admin").param("email", "second@venue.example"))
                .andExpect(redirectedUrl("/admin/accounts?invited"));

        assertThat(accounts.all()).filteredOn(StagedoorUser::isAdmin).extracting(StagedoorUser::email)
                .containsExactlyInAnyOrder(ADMIN, "second@venue.example");
        assertThat(adminChanges()).containsExactly("invited administrator second@venue.example");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailbox.messages())
                .anySatisfy(message -> assertThat(message.recipients()).containsExactly("second@venue.example")));
        mvc.perform(get("/admin/accounts").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("second@venue.example"),
                        containsString("Second Admin"))));

        mvc.perform(post("/admin/accounts/{id}/disable", admin.accountId()).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("you cannot disable your own account")));
        assertThat(enabled(admin)).isTrue();
    }

    @Test
    void theSavedReportsAPartnerCompanyMayRunAreExactlyTheTickedOnes() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        PartnerCompany other = companies.create("Southern Skies", true, "");
        grants.grantKinds(other.id(), List.of("partner-event-sales", "partner-optin-list"), "tests");
        long sales = grants.standard("partner-event-sales").orElseThrow().id();
        long optIn = grants.standard("partner-optin-list").orElseThrow().id();
        long venueList = grants.create(null, new SavedReportDraft("Donors", "", "customer-list", Map.of("list", """
                {"name": "Donors", "segments": [{"type": "purchasing", "groupBy": "OWNER",
                               "kinds": ["DONATION"], "minAmount": 0,
                               "period": "last-30-days"}], "columns": ["id"]}"""), List.of(), OutputFormat.CSV),
                "tests").id();
        mvc.perform(get("/admin/partners/{id}", company.id()).with(as(admin)))
                .andExpect(content().string(allOf(containsString("value=\"" + sales + "\""),
                        containsString("value=\"" + optIn + "\""), containsString("Opted-in customers"))));

        mvc.perform(post("/admin/partners/{id}/grants", company.id()).with(as(admin)).with(csrf())
                        .param("savedReports", String.valueOf(sales), String.valueOf(optIn))
                        .param("buildsOwnLists", "true"))
                .andExpect(redirectedUrl("/admin/partners/" + company.id() + "?granted"));

        assertThat(grants.grantsOf(company.id())).containsExactlyInAnyOrder(sales, optIn);
        assertThat(grants.buildsOwnLists(company.id())).isTrue();
        assertThat(adminChanges()).containsExactly("granted partner company " + company.id()
                + " 'Northern Lights' the reports: \"Event sales\", \"Opted-in customers\"; its users may build"
                + " their own customer lists");

        // A venue list that names no partner company runs for the venue: it cannot be run by a partner company.
        mvc.perform(post("/admin/partners/{id}/grants", company.id()).with(as(admin)).with(csrf())
                        .param("savedReports", String.valueOf(sales), String.valueOf(venueList)))
                .andExpect(status().isBadRequest());
        assertThat(grants.grantsOf(company.id())).containsExactlyInAnyOrder(sales, optIn);

        mvc.perform(post("/admin/partners/{id}/grants", company.id()).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(grants.grantsOf(company.id())).isEmpty();
        assertThat(grants.buildsOwnLists(company.id())).isFalse();
        assertThat(grants.grantsOf(other.id())).containsExactlyInAnyOrder(sales, optIn);
    }

    private boolean enabled(StagedoorUser account) {
        return jdbc.sql("select enabled from login_account where id = :id").param("id", account.accountId())
                .query(Boolean.class).single();
    }
}
