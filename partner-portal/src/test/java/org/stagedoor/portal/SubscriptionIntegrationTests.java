package org.stagedoor.portal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Partner users choose the schedules they receive, among those sent to their company's users. */
class SubscriptionIntegrationTests extends PortalIntegrationTest {

    @Autowired
    private Schedules schedules;

    @Autowired
    SavedReports saved;

    @Test
    void aPartnerUserSubscribesToTheirCompanysScheduleAndReceivesItsNextFire() throws Exception {
        Schedule ours = schedule("Weekly sales for us", northern.id(), true);
        Schedule theirs = schedule("Weekly sales for them", southern.id(), true);
        Schedule notOffered = schedule("Marketing only", northern.id(), false);

        String page = mvc.perform(get("/portal/subscriptions").with(TestAccounts.as(userA))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Weekly sales for us").doesNotContain("Weekly sales for them", "Marketing only");

        MvcResult subscribed = mvc.perform(post("/portal/subscriptions/" + ours.id()).param("subscribed", "true")
                .with(csrf()).with(TestAccounts.as(userA))).andReturn();
        assertThat(subscribed.getResponse().getStatus()).isEqualTo(302);
        for (Schedule other : List.of(theirs, notOffered)) {
            assertThat(mvc.perform(post("/portal/subscriptions/" + other.id()).param("subscribed", "true").with(csrf())
                    .with(TestAccounts.as(userA))).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
        assertThat(jdbc.sql("select schedule_id from schedule_subscription").query(Long.class).list())
                .containsExactly(ours.id());
        assertThat(audit.recent(AuditLog.Kind.SUBSCRIPTION_CHANGED, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("ann@northern.example"));

        schedules.runNow(ours.id(), "tests");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                select count(*) from delivery where kind = 'REPORT' and lower(recipient) = 'ann@northern.example'
                """).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select lower(recipient) from delivery where kind = 'REPORT' order by 1")
                .query(String.class).list()).containsExactly("ann@northern.example", "marketing@venue.example");
    }

    @Test
    void thePageSaysWhenEachReportIsSentAndWhenNextInWords() throws Exception {
        // issue 15 item 2: no cron and no zone id for a partner user; the next send in the schedule's own zone.
        Schedule weekly = schedule("Weekly sales for us", northern.id(), true);
        long monthlySales = saved.create(null, new SavedReportDraft("Monthly sales", "", "partner-event-sales",
                Map.of("period", PERIOD), List.of(), OutputFormat.CSV), "tests").id();
        Schedule monthly = schedules.create(new ScheduleRequest("Monthly sales", monthlySales, Map.of(), null,
                When.monthlyOn(-1, LocalTime.of(7, 0)), "America/New_York", null, FanOut.ONE_PARTNER, northern.id(),
                null, true, List.of("marketing@venue.example"), true, "tests"));
        Schedule paused = schedules.pause(schedule("Paused sales", northern.id(), true).id());
        ZonedDateTime nextWeekly = schedules.nextFire(weekly);
        ZonedDateTime nextMonthly = schedules.nextFire(monthly);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

        String page = mvc.perform(get("/portal/subscriptions").with(TestAccounts.as(userA))).andReturn().getResponse()
                .getContentAsString();

        assertThat(page).contains("<td class=\"when\">Every Monday at 07:00 (London time)</td>",
                "<td class=\"next-send\">" + day.format(nextWeekly) + " at 07:00 (London time)</td>",
                "<td class=\"when\">On the last day of each month at 07:00 (New York time)</td>",
                "<td class=\"next-send\">" + day.format(nextMonthly) + " at 07:00 (New York time)</td>",
                "<td class=\"next-send\">Not for now: the venue has paused it</td>")
                .doesNotContain("0 0 7 * * MON", "Europe/London", "America/New_York", "cron");
        assertThat(nextWeekly.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(nextMonthly.plusDays(1).getDayOfMonth()).isEqualTo(1);
        assertThat(page.indexOf("offer-" + paused.id())).isPositive();
    }

    @Test
    void unsubscribingStopsTheMail() throws Exception {
        Schedule ours = schedule("Weekly sales for us", northern.id(), true);
        mvc.perform(post("/portal/subscriptions/" + ours.id()).param("subscribed", "true").with(csrf())
                .with(TestAccounts.as(userA)));

        mvc.perform(post("/portal/subscriptions/" + ours.id()).param("subscribed", "false").with(csrf())
                .with(TestAccounts.as(userA)));

        assertThat(jdbc.sql("select count(*) from schedule_subscription").query(Long.class).single()).isZero();
        assertThat(audit.recent(AuditLog.Kind.SUBSCRIPTION_CHANGED, 10)).hasSize(2);
    }

    private Schedule schedule(String name, long partner, boolean toUsers) {
        long sales = saved.create(null, new SavedReportDraft(name, "", "partner-event-sales",
                Map.of("period", PERIOD), List.of(), OutputFormat.CSV), "tests").id();
        return schedules.create(new ScheduleRequest(name, sales, Map.of(), null,
                When.weeklyOn(java.time.DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null,
                FanOut.ONE_PARTNER, partner, null, toUsers, List.of("marketing@venue.example"), true, "tests"));
    }
}
