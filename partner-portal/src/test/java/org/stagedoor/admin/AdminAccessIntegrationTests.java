package org.stagedoor.admin;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.Event;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * Only administrators reach the console: every page answers an administrator, and a partner user gets 403 on
 * each of them and on every change; a change without its CSRF token is refused, even from an administrator.
 */
class AdminAccessIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    Events events;

    @Autowired
    Schedules schedules;

    @Autowired
    SavedReports saved;

    @Autowired
    BookingFixtures fixtures;

    @Test
    void aPartnerUserGetsForbiddenOnEveryConsolePageThatAnAdministratorSees() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, company.id(), "user@northern.example");
        Event event = events.create("Hamlet", Set.of(company.id()));
        Customer customer = fixtures.person("Ada", "Lovelace");
        long sales = saved.create(null, new SavedReportDraft("Weekly sales", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales", sales, Map.of(), null,
                When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)),
                null, null, FanOut.ONE_PARTNER, company.id(), null, false, List.of("marketing@venue.example"), true,
                "tests"));
        List<String> pages = List.of("/admin", "/admin/partners", "/admin/partners/new",
                "/admin/partners/" + company.id(),
                "/admin/events", "/admin/events/" + event.id(), "/admin/venue", "/admin/accounts", "/admin/schedules",
                "/admin/schedules/new", "/admin/schedules/" + schedule.id(), "/admin/runs", "/admin/deliveries",
                "/admin/audit", "/admin/mailbox", "/admin/customers", "/admin/customers/" + customer.id());

        for (String page : pages) {
            String html = mvc.perform(get(page).with(as(admin))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).contains("</main>").doesNotContain("th:").doesNotContain("${");
            mvc.perform(get(page).with(as(partnerUser))).andExpect(status().isForbidden());
            mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/login"));
        }
    }

    @Test
    void aPartnerUserCannotChangeAnything() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, company.id(), "user@northern.example");
        Event event = events.create("Hamlet", Set.of());
        Customer customer = fixtures.person("Ada", "Lovelace");
        List<String> changes = List.of("/admin/partners", "/admin/partners/" + company.id(),
                "/admin/partners/" + company.id() + "/users", "/admin/partners/" + company.id() + "/grants",
                "/admin/events/" + event.id() + "/partners", "/admin/venue", "/admin/administrators",
                "/admin/accounts/" + partnerUser.accountId() + "/disable",
                "/admin/accounts/" + partnerUser.accountId() + "/invitation", "/admin/schedules",
                "/admin/schedules/1/pause", "/admin/schedules/1/run-now", "/admin/schedules/1/delete",
                "/admin/runs/1/restart", "/admin/runs/1/stop", "/admin/deliveries/1/retry",
                "/admin/customers/" + customer.id() + "/preferences");

        for (String change : changes) {
            mvc.perform(post(change).with(as(partnerUser)).with(csrf())
                            .param("name", "Hijacked").param("email", "evil@example.org").param("displayName", "Evil")
                            .param("reports", "partner-optin-list").param("partnerCompanyIds", company.id().toString())
                            .param("partnerCompanyId", company.id().toString()).param("state", "YES"))
                    .andExpect(status().isForbidden());
        }
        assertThat(companies.all()).extracting(PartnerCompany::name).containsExactly("Northern Lights");
        assertThat(accounts.all()).hasSize(2);
        assertThat(events.partnersOf(event.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from saved_report_grant").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from partner_preference").query(Integer.class).single()).isZero();
        assertThat(adminChanges()).isEmpty();
    }

    @Test
    void aChangeWithoutItsCsrfTokenIsRefusedAndSavesNothing() throws Exception {
        mvc.perform(post("/admin/partners").with(as(admin)).param("name", "Northern Lights"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/partners").with(as(admin)).with(csrf().useInvalidToken())
                        .param("name", "Northern Lights"))
                .andExpect(status().isForbidden());

        assertThat(companies.all()).isEmpty();
        assertThat(adminChanges()).isEmpty();

        mvc.perform(post("/admin/partners").with(as(admin)).with(csrf()).param("name", "Northern Lights"))
                .andExpect(status().is3xxRedirection());
        assertThat(companies.all()).hasSize(1);
    }
}
