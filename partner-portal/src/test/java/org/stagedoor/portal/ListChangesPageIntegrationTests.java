package org.stagedoor.portal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ListSends;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal's page of a scheduled list sent as its changes (issue 18): it says so, and "Get the full list now"
 * makes the whole list at once, which is never one of changes.
 */
class ListChangesPageIntegrationTests extends PortalIntegrationTest {

    @Autowired
    Schedules schedules;

    @Autowired
    ListChanges changes;

    @Test
    void aListOfChangesSaysSoAndGetsTheFullListNow() throws Exception {
        long list = grants.create(null, new SavedReportDraft("Weekly opted-in", "", "partner-optin-list",
                Map.of(), List.of(), OutputFormat.CSV), "tests").id();
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly opted-in", list, Map.of(), null,
                When.cron("0 0 7 * * MON"), "Europe/London", MisfirePolicy.RUN_ONCE, FanOut.ONE_PARTNER,
                northern.id(), DeliveryMode.LINK, false, List.of("marketing@venue.example"), true, "tests",
                ListSends.CHANGES));
        RunRequest request = new RunRequest("partner-optin-list", northern.id(), Map.of(), OutputFormat.CSV,
                "schedule " + schedule.id());
        // Two runs as the schedule's fires record them: the first the full list, the second its changes.
        ReportRun first = launcher.record(request);
        changes.plan(first.id(), schedule.id(), northern.id(), null, ListChanges.FullBecause.FIRST);
        assertThat(launcher.execute(first.id()).status()).isEqualTo(RunStatus.COMPLETED);
        ReportRun second = launcher.record(request);
        changes.plan(second.id(), schedule.id(), northern.id(), first.id(), null);
        assertThat(launcher.execute(second.id()).status()).isEqualTo(RunStatus.COMPLETED);

        mvc.perform(get("/portal/runs/{id}", second.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Only the changes since the list of ")))
                .andExpect(content().string(containsString("Get the full list now")));
        mvc.perform(get("/portal/runs/{id}", first.id()).with(TestAccounts.as(userA)))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Get the full list now"))));

        MvcResult full = mvc.perform(post("/portal/runs/{id}/full-list", second.id()).with(csrf())
                .with(TestAccounts.as(userA))).andExpect(status().is3xxRedirection()).andReturn();
        long fullRun = Long.parseLong(full.getResponse().getRedirectedUrl().replaceAll(".*/runs/", ""));
        assertThat(fullRun).isGreaterThan(second.id());
        assertThat(changes.plan(fullRun)).isEmpty();
        assertThat(records.get(fullRun).partnerCompanyId()).isEqualTo(northern.id());
        assertThat(records.get(fullRun).reportId()).isEqualTo("partner-optin-list");
    }
}
