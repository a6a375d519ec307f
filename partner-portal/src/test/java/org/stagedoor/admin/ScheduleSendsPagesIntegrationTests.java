package org.stagedoor.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.schedule.ListSends;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.Schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** The console's "Send: the whole list each time / only the changes since the last delivery" (issue 18). */
class ScheduleSendsPagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    Schedules schedules;

    @Autowired
    SavedReports saved;

    @Test
    void aListScheduledToSendOnlyTheChangesIsSavedListedAndAuditedSo() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long list = saved.create(null, new SavedReportDraft("Weekly opted-in", "", "partner-optin-list", Map.of(),
                List.of(), OutputFormat.CSV), "tests").id();

        mvc.perform(form(list, company, "CHANGES").param("action", "choose"))
                .andExpect(content().string(containsString("Only the changes since the last delivery")))
                .andExpect(content().string(containsString("The whole list each time")));
        mvc.perform(form(list, company, "CHANGES")).andExpect(status().is3xxRedirection());

        Schedule schedule = schedules.list().get(0).schedule();
        assertThat(schedule.sends()).isEqualTo(ListSends.CHANGES);
        assertThat(adminChanges()).singleElement().asString()
                .endsWith(", only the changes since the last delivery");
        mvc.perform(get("/admin/schedules").with(as(admin)))
                .andExpect(content().string(containsString("only the changes since the last")));
    }

    @Test
    void aReportThatIsNoListOfCustomersIsRefusedOnlyTheChangesInWords() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long sales = saved.create(null, new SavedReportDraft("Sales of the week", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();

        mvc.perform(form(sales, company, "CHANGES"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("only a list of customers sent to partner companies can"
                        + " send only the changes; &quot;Sales of the week&quot; is sent whole each time")));
        assertThat(schedules.list()).isEmpty();
    }

    private MockHttpServletRequestBuilder form(long savedReport, PartnerCompany company, String sends) {
        return post("/admin/schedules").with(as(admin)).with(csrf())
                .param("name", "Weekly list")
                .param("savedReport", Long.toString(savedReport))
                .param("whenMode", "WEEKLY").param("at", "07:00").param("dayOfWeek", "MONDAY")
                .param("misfirePolicy", "RUN_ONCE")
                .param("fanOut", "ONE_PARTNER")
                .param("partnerCompanyId", company.id().toString())
                .param("recipients", "marketing@venue.example")
                .param("deliveryMode", "")
                .param("sends", sends)
                .param("_enabled", "on").param("enabled", "true");
    }
}
