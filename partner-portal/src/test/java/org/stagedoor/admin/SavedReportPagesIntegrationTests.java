package org.stagedoor.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** The console's saved reports (issue 14 item 1): saved from a form, versioned, granted by name, what stops them. */
class SavedReportPagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    SavedReports saved;

    @Autowired
    SharedColumns sharedColumns;

    @Test
    @DisplayName("covers issue 14 item 1: saved from the console's form, its settings open or fixed, then versioned")
    void anAdministratorSavesAReportWithFixedAndOpenSettingsAndANewVersionKeepsTheFirst() throws Exception {
        mvc.perform(get("/admin/reports/new").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Event sales"), containsString("Customer list"))));
        mvc.perform(get("/admin/reports/new").param("report", "partner-event-sales").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The person running it may choose another period")));
        mvc.perform(get("/admin/reports/new").param("report", "customer-list").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"list-builder\"")));

        mvc.perform(post("/admin/reports").param("report", "partner-event-sales").with(as(admin)).with(csrf())
                        .param("name", "Last week's sales").param("description", "Tickets sold last week")
                        .param("value.period", "previous-week").param("format", "XLSX"))
                .andExpect(redirectedUrlPattern("/admin/reports/*?saved"));
        SavedReport first = saved.all().get(0);
        assertThat(first.parameters()).containsExactly(Map.entry("period", "previous-week"));
        assertThat(first.openParameters()).isEmpty();

        mvc.perform(post("/admin/reports/{id}", first.id()).with(as(admin)).with(csrf())
                        .param("name", "Sales").param("value.period", "custom")
                        .param("value.period.from", "2026-10-01").param("value.period.to", "2026-10-31")
                        .param("open.period", "true").param("format", "CSV").param("open.format", "true"))
                .andExpect(redirectedUrlPattern("/admin/reports/*?saved"));

        SavedReport second = saved.get(first.id());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.parameters()).containsExactly(Map.entry("period", "2026-10-01..2026-10-31"));
        assertThat(second.openParameters()).containsExactly("period", "format");
        mvc.perform(get("/admin/reports/{id}", first.id()).with(as(admin)))
                .andExpect(content().string(allOf(containsString("Last week&#39;s sales"), containsString("Sales"),
                        containsString("value=\"2026-10-01\""))));
        assertThat(adminChanges()).containsExactly(
                "saved the report \"Last week's sales\" (saved report " + first.id() + ")",
                "saved version 2 of the report \"Sales\" (saved report " + first.id() + ")");
    }

    @Test
    @DisplayName("covers issue 14 bad input: a refused form comes back as sent, each problem next to its field")
    void aRefusedFormComesBackWithItsProblemsInWords() throws Exception {
        mvc.perform(post("/admin/reports").param("report", "partner-event-sales").with(as(admin)).with(csrf())
                        .param("name", " ").param("value.period", "custom").param("format", "XLSX"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("give it a name people will recognise"),
                        not(containsString("Exception")))));
        assertThat(saved.all()).isEmpty();
    }

    @Test
    @DisplayName("covers issue 14 item 1: one definition granted to many companies at once; what stops it, in words")
    void aDefinitionIsGrantedToManyCompaniesAndShowsWhyItCannotRunForOne() throws Exception {
        PartnerCompany northern = companies.create("Northern Lights", true, "");
        PartnerCompany southern = companies.create("Southern Cross", true, "");
        mvc.perform(post("/admin/reports").param("report", "customer-list").with(as(admin)).with(csrf())
                        .param("name", "Opted in, with email").param("format", "XLSX").param("list", """
                                {"name": "Opted in", "segments": [{"type": "partner-preference",
                                 "partnerCompany": "run", "states": ["YES"]}], "columns": ["first_name", "email"]}"""))
                .andExpect(redirectedUrlPattern("/admin/reports/*?saved"));
        long id = saved.all().get(0).id();

        mvc.perform(post("/admin/reports/{id}/grants", id).with(as(admin)).with(csrf())
                        .param("partnerCompanies", String.valueOf(northern.id()), String.valueOf(southern.id())))
                .andExpect(redirectedUrlPattern("/admin/reports/*?granted"));
        assertThat(saved.grantedTo(id)).containsExactly(northern.id(), southern.id());

        sharedColumns.set(southern.id(), List.of("first_name"));
        mvc.perform(get("/admin/reports").with(as(admin)))
                .andExpect(content().string(allOf(containsString("Opted in, with email"),
                        containsString("Northern Lights, Southern Cross"),
                        containsString("For Southern Cross: column email is not in the partner company"))));
        mvc.perform(post("/admin/reports/{id}/retire", id).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(saved.visibleTo(northern.id())).isEmpty();
        mvc.perform(get("/admin/reports/{id}", id).with(as(admin))).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("covers issue 14 item 1: the venue runs its own list from the console; a partners' list it cannot")
    void anAdministratorRunsAVenueListForTheVenueAndIsRefusedAPartnersList() throws Exception {
        long venueList = saved.create(null, new SavedReportDraft("Donors", "",
                "customer-list", Map.of("list", """
                        {"name": "Donors", "segments": [{"type": "purchasing", "groupBy": "OWNER",
                         "kinds": ["DONATION"], "minAmount": 0}], "columns": ["id", "email"]}"""), List.of(),
                OutputFormat.CSV), "tests").id();
        long partnersList = saved.create(null, new SavedReportDraft("Their YES", "",
                "customer-list", Map.of("list", """
                        {"name": "Their YES", "segments": [{"type": "partner-preference", "partnerCompany": "run",
                         "states": ["YES"]}], "columns": ["id"]}"""), List.of(),
                OutputFormat.CSV), "tests").id();
        mvc.perform(get("/admin/reports/{id}", venueList).with(as(admin)))
                .andExpect(content().string(containsString("Run it now")));
        mvc.perform(get("/admin/reports/{id}", partnersList).with(as(admin)))
                .andExpect(content().string(not(containsString("Run it now"))));

        mvc.perform(post("/admin/reports/{id}/run", venueList).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrlPattern("/admin/runs/*"));
        assertThat(jdbc.sql("""
                select report_id || ' ' || coalesce(partner_company_id::text, 'venue') || ' ' || saved_report_id || ' '
                       || saved_report_version || ' ' || format from report_run
                """).query(String.class).list()).containsExactly("customer-list venue " + venueList + " 1 CSV");

        mvc.perform(post("/admin/reports/{id}/run", partnersList).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("runs for partner companies")));
        assertThat(jdbc.sql("select count(*) from report_run").query(Long.class).single()).isEqualTo(1L);
    }
}
