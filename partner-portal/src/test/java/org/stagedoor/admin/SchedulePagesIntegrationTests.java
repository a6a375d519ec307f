package org.stagedoor.admin;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.scheduler.schedule.Schedule;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** Schedules through the console: the form, its preview, its refusals, and the schedule's operations. */
class SchedulePagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    Schedules schedules;

    @Autowired
    SavedReports saved;

    @Test
    void aScheduleCreatedThroughTheFormIsSavedListedWithItsNextFireAndAudited() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long sales = sales(List.of("period", "format"));

        mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("name", "Weekly sales")
                        .param("savedReport", Long.toString(sales))
                        .param("parameters[period]", "previous-week")
                        .param("format", "XLSX")
                        .param("whenMode", "WEEKLY").param("at", "07:00").param("dayOfWeek", "MONDAY")
                        .param("timeZone", "Europe/Paris")
                        .param("misfirePolicy", "SKIP")
                        .param("fanOut", "ONE_PARTNER")
                        .param("partnerCompanyId", company.id().toString())
                        .param("recipients", "marketing@venue.example\r\nboss@venue.example")
                        .param("deliveryMode", "")
                        .param("_sendToPartnerUsers", "on").param("sendToPartnerUsers", "true")
                        .param("_enabled", "on").param("enabled", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/admin/schedules/*?created"));

        Schedule schedule = schedules.list().get(0).schedule();
        assertThat(schedules.list()).hasSize(1);
        assertThat(schedule.name()).isEqualTo("Weekly sales");
        assertThat(schedule.savedReportId()).isEqualTo(sales);
        assertThat(schedule.reportId()).isEqualTo("partner-event-sales");
        assertThat(schedule.parameters()).isEqualTo(Map.of("period", "previous-week"));
        assertThat(schedule.format()).isEqualTo(OutputFormat.XLSX);
        assertThat(schedule.cronExpression()).isEqualTo("0 0 7 * * MON");
        assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(schedule.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
        assertThat(schedule.fanOut()).isEqualTo(FanOut.ONE_PARTNER);
        assertThat(schedule.partnerCompanyId()).isEqualTo(company.id());
        assertThat(schedule.recipients()).containsExactlyInAnyOrder("marketing@venue.example", "boss@venue.example");
        assertThat(schedule.deliveryMode()).as("not personal data: attached by default")
                .isEqualTo(DeliveryMode.ATTACHMENT);
        assertThat(schedule.sendToPartnerUsers()).isTrue();
        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.createdBy()).isEqualTo(ADMIN);
        assertThat(adminChanges()).singleElement().asString()
                .startsWith("created schedule " + schedule.id() + " 'Weekly sales': saved report " + sales
                        + " (partner-event-sales) choosing {period=previous-week} as XLSX");

        String nextFire = new ConsoleFormat(ZoneId.of("Europe/London")).zoned(schedules.nextFire(schedule));
        assertThat(nextFire).startsWith("Mon ").contains("07:00").satisfiesAnyOf(
                text -> assertThat(text).endsWith("CET"), text -> assertThat(text).endsWith("CEST"));
        mvc.perform(get("/admin/schedules").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Weekly sales"), containsString("Northern Lights"),
                        containsString(">Sales of the week</a>"), containsString(">the previous week</span>"),
                        containsString(">Excel (XLSX)</span>"), containsString(">every Monday at 07:00</span>"),
                        containsString("id=\"next-fire-" + schedule.id() + "\">" + nextFire + "<"))))
                .andExpect(content().string(not(containsString("period="))));
        mvc.perform(get("/admin/schedules/{id}", schedule.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("value=\"0 0 7 * * MON\""),
                        containsString("id=\"preview\""), containsString("value=\"WEEKLY\" checked"),
                        containsString("<option value=\"previous-week\" selected=\"selected\">Previous week (today: "))));
    }

    @Test
    void aScheduleThatCannotWorkIsRefusedWithAMessagePerFieldAndNothingIsSaved() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");

        String page = mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("name", "Weekly sales")
                        .param("savedReport", Long.toString(sales(List.of("period", "format"))))
                        .param("parameters[period]", "previous-fortnight")
                        .param("format", "XLSX")
                        .param("whenMode", "CRON").param("cron", "61 0 7 * * MON")
                        .param("timeZone", "Europe/Atlantis")
                        .param("fanOut", "ONE_PARTNER")
                        .param("partnerCompanyId", company.id().toString())
                        .param("recipients", "marketing@venue.example, not-an-address"))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Nothing was saved")
                .contains("is not a valid schedule: the second must be 0–59")
                .contains("is not a time zone; use a region such as Europe/London")
                .contains("is not an email address")
                .contains("<span>Period</span>:")
                .doesNotContain("parameters.period")
                .contains("value=\"61 0 7 * * MON\"");
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
        assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
        assertThat(adminChanges()).isEmpty();
    }

    @Test
    void thePreviewShowsTheNextFiveFireTimesInTheSchedulesZoneAndSavesNothing() throws Exception {
        String page = mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("action", "preview")
                        .param("name", "Daily list")
                        .param("whenMode", "DAILY").param("at", "06:30")
                        .param("timeZone", "America/New_York"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        List<String> expected = schedules.preview(When.dailyAt(LocalTime.of(6, 30)), "America/New_York").stream()
                .map(time -> new ConsoleFormat(ZoneId.of("Europe/London")).zoned(time)).toList();
        assertThat(expected).hasSize(5).allSatisfy(time -> assertThat(time).contains("06:30"));
        for (String time : expected) {
            assertThat(page).contains("<li>" + time + "</li>");
        }
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();

        mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("action", "preview").param("whenMode", "CRON").param("cron", "0 0 25 * * *"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not a valid schedule: the hour must be 0–23")));
    }

    @Test
    void aScheduleIsEditedPausedResumedRunNowAndDeleted() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long sales = sales(List.of("period", "format"));
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales", sales,
                Map.of("period", "previous-week"), OutputFormat.XLSX,
                When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)),
                null, null, FanOut.ONE_PARTNER, company.id(), null, false, List.of("marketing@venue.example"), true,
                "tests"));

        mvc.perform(post("/admin/schedules/{id}", schedule.id()).with(as(admin)).with(csrf())
                        .param("name", "Friday sales").param("savedReport", Long.toString(sales))
                        .param("parameters[period]", "last-7-days").param("format", "CSV")
                        .param("whenMode", "CRON").param("cron", "0 0 18 * * FRI").param("timeZone", "Europe/London")
                        .param("misfirePolicy", "RUN_ONCE").param("fanOut", "ONE_PARTNER")
                        .param("partnerCompanyId", company.id().toString()).param("recipients", "sales@venue.example")
                        .param("deliveryMode", "LINK").param("_enabled", "on").param("enabled", "true"))
                .andExpect(redirectedUrl("/admin/schedules/" + schedule.id() + "?saved"));
        Schedule edited = schedules.find(schedule.id()).orElseThrow();
        assertThat(edited.name()).isEqualTo("Friday sales");
        assertThat(edited.cronExpression()).isEqualTo("0 0 18 * * FRI");
        assertThat(edited.format()).isEqualTo(OutputFormat.CSV);
        assertThat(edited.parameters()).isEqualTo(Map.of("period", "last-7-days"));
        assertThat(edited.recipients()).containsExactly("sales@venue.example");
        assertThat(edited.deliveryMode()).isEqualTo(DeliveryMode.LINK);
        assertThat(schedules.nextFire(edited).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);

        mvc.perform(post("/admin/schedules/{id}/pause", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(schedules.find(schedule.id()).orElseThrow().enabled()).isFalse();
        mvc.perform(get("/admin/schedules").with(as(admin)))
                .andExpect(content().string(containsString("id=\"next-fire-" + schedule.id() + "\">paused<")));
        mvc.perform(post("/admin/schedules/{id}/resume", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(schedules.find(schedule.id()).orElseThrow().enabled()).isTrue();

        // Paused in the shared store, so that no other node of the test JVM fires it before it is looked at.
        scheduler.pauseTriggers(GroupMatcher.triggerGroupEquals("schedules"));
        mvc.perform(post("/admin/schedules/{id}/run-now", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/schedules?ran=" + schedule.id()));
        List<String> runNow = scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("schedules")).stream()
                .map(TriggerKey::getName).filter(name -> name.startsWith("schedule-" + schedule.id() + "-now-"))
                .toList();
        assertThat(runNow).hasSize(1);
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(runNow.get(0), "schedules"));
        assertThat(trigger.getJobDataMap().getString("requestedBy")).isEqualTo(ADMIN);

        mvc.perform(post("/admin/schedules/{id}/delete", schedule.id()).with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/schedules?deleted=" + schedule.id()));
        assertThat(schedules.find(schedule.id())).isEmpty();
        mvc.perform(get("/admin/schedules/{id}", schedule.id()).with(as(admin))).andExpect(status().isNotFound());

        List<String> changes = adminChanges();
        assertThat(changes).hasSize(5);
        assertThat(changes.get(0)).startsWith("changed schedule " + schedule.id() + " to 'Friday sales'");
        assertThat(changes.subList(1, 5)).containsExactly(
                "paused schedule " + schedule.id() + " 'Friday sales'",
                "resumed schedule " + schedule.id() + " 'Friday sales'",
                "ran schedule " + schedule.id() + " 'Friday sales' now",
                "deleted schedule " + schedule.id() + " 'Friday sales'");
    }

    @Test
    void choosingASavedReportShowsOnlyWhatItLeavesOpenAndTheRestInWords() throws Exception {
        long optIn = saved.create(null, new SavedReportDraft("Opted-in customers, chosen columns", "For the partners.",
                "partner-optin-list", Map.of("columns", "first_name,email"), List.of("columns"), OutputFormat.CSV),
                "tests").id();

        String page = mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("action", "choose").param("name", "Monthly list")
                        .param("savedReport", Long.toString(optIn)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("For the partners.")
                .contains("<dt>File</dt>", "<dd>CSV (UTF-8)</dd>")
                .contains("name=\"columns\" value=\"first_name\" checked=\"checked\"")
                .contains("name=\"columns\" value=\"email\" checked=\"checked\"")
                .contains("name=\"columns\" value=\"last_name\">")
                .doesNotContain("name=\"parameters[period]\"", "name=\"format\"", "Nothing was saved");
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
    }

    @Test
    void aSettingTheSavedReportFixesIsRefusedInWordsNextToIt() throws Exception {
        // issue 14: only a saved report's open settings are the schedule's to choose.
        PartnerCompany company = companies.create("Northern Lights", true, "");
        long fixed = sales(List.of());

        String page = mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("name", "Monthly sales").param("savedReport", Long.toString(fixed))
                        .param("parameters[period]", "previous-month")
                        .param("whenMode", "DAILY").param("at", "07:00")
                        .param("fanOut", "ONE_PARTNER").param("partnerCompanyId", company.id().toString())
                        .param("recipients", "marketing@venue.example"))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<span>Period</span>:\n                <span>is set by &quot;Sales of the week&quot; and"
                + " cannot be changed when it runs</span>");
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
    }

    /** Event sales of the previous week, as the venue saved it, leaving {@code open} to whoever runs it. */
    private long sales(List<String> open) {
        return saved.create(null, new SavedReportDraft("Sales of the week", "", "partner-event-sales",
                Map.of("period", "previous-week"), open, OutputFormat.XLSX), "tests").id();
    }
}
