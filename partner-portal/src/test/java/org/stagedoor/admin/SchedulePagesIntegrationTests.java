package org.stagedoor.admin;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.schedule.CronWords;
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
                .startsWith("created schedule " + schedule.id() + " 'Weekly sales': Event sales (saved report "
                        + sales + "), Period: Previous week, as Excel (XLSX), Every Monday at 07:00 (");

        String nextFire = new ConsoleFormat(ZoneId.of("Europe/London")).zoned(schedules.nextFire(schedule));
        assertThat(nextFire).startsWith("Mon ").contains("07:00").satisfiesAnyOf(
                text -> assertThat(text).endsWith("CET"), text -> assertThat(text).endsWith("CEST"));
        mvc.perform(get("/admin/schedules").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Weekly sales"), containsString("Northern Lights"),
                        containsString(">Sales of the week</a>"), containsString(">the previous week</span>"),
                        containsString(">Excel (XLSX)</span>"),
                        containsString("id=\"when-" + schedule.id() + "\">Every Monday at 07:00 (Paris time)<"),
                        containsString("id=\"next-fire-" + schedule.id() + "\">" + nextFire + "<"))))
                .andExpect(content().string(not(containsString("period="))));
        mvc.perform(get("/admin/schedules/{id}", schedule.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("value=\"0 0 7 * * MON\""),
                        containsString("id=\"preview\""), containsString("value=\"WEEKLY\" checked"),
                        containsString("<option value=\"previous-week\" selected=\"selected\">Previous week ("),
                        containsString("id=\"when-words\">Every Monday at 07:00 (Paris time)<"),
                        containsString("id=\"next-send\">" + CronWords.moment(schedules.nextFire(schedule)) + "<"))));
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
                .contains("That is not a valid schedule: the second must be 0–59")
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
                .andExpect(content().string(containsString("That is not a valid schedule: the hour must be 0–23")));
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

    /** Issue 15 item 2: the form offers only the "for whom" choices the chosen saved report can run for. */
    @Test
    void theFormOffersOnlyWhomTheChosenSavedReportCanRunFor() throws Exception {
        PartnerCompany northern = companies.create("Northern Lights", true, "");
        companies.create("Southern Cross", true, "");
        long venueOnly = saved.create(null, new SavedReportDraft("Facilitated sales", "", "facilitated-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();
        long ownList = saved.create(northern.id(), new SavedReportDraft("Our YES", "", "customer-list",
                Map.of("list", """
                        {"name": "Our YES", "segments": [{"type": "partner-preference", "partnerCompany": "run",
                         "states": ["YES"]}], "columns": ["id"]}"""), List.of(), OutputFormat.CSV), "tests").id();

        assertThat(whomOffered(sales(List.of("period")))).containsExactly("ONE_PARTNER", "PARTNERS_WITH_EVENTS",
                "PARTNERS_COLLECTING_PREFERENCES");
        assertThat(whomOffered(venueOnly)).containsExactly("VENUE");
        String own = choose(ownList);
        assertThat(whomOffered(ownList)).containsExactly("ONE_PARTNER");
        assertThat(own).contains(">Northern Lights</option>").doesNotContain("Southern Cross");
    }

    private List<String> whomOffered(long savedReport) throws Exception {
        String page = choose(savedReport);
        String select = page.substring(page.indexOf("<select id=\"fanOut\""),
                page.indexOf("</select>", page.indexOf("<select id=\"fanOut\"")));
        return Pattern.compile("value=\"([A-Z_]+)\"").matcher(select).results()
                .map(match -> match.group(1)).toList();
    }

    private String choose(long savedReport) throws Exception {
        return mvc.perform(post("/admin/schedules").with(as(admin)).with(csrf())
                        .param("action", "choose").param("name", "Sales")
                        .param("savedReport", Long.toString(savedReport)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
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

        assertThat(page).contains("<span>Period</span>:\n"
                + "                <span>is set by &quot;Sales of the week&quot; and"
                + " cannot be changed when it runs</span>");
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isZero();
    }

    /** Event sales of the previous week, as the venue saved it, leaving {@code open} to whoever runs it. */
    /**
     * Issue 15 item 2: each schedule's page lists its recent sends, newest first: when, what happened, for whom, the
     * runs (linked) and what became of each message, in words; ten a page, with a link to older ones.
     */
    @Test
    void aSchedulesPageListsItsRecentSendsInWordsTenAPage() throws Exception {
        PartnerCompany northern = companies.create("Northern Lights", true, "");
        PartnerCompany southern = companies.create("Southern Cross", true, "");
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales", sales(List.of("period", "format")),
                Map.of(), null, When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)), "Europe/London", null,
                FanOut.PARTNERS_WITH_EVENTS, null, null, false, List.of("marketing@venue.example"), true, "tests"));
        // Nine weeks missed while every node was down, before the sends shown in full.
        for (int week = 9; week >= 1; week--) {
            fire(schedule, "2026-11-23T07:00:00Z", week, "SCHEDULED", "SKIPPED_MISFIRE");
        }
        long skipped = fire(schedule, "2026-11-23T07:00:00Z", 0, "SCHEDULED", "SKIPPED_MISFIRE");
        long weekly = fire(schedule, "2026-11-30T07:00:00Z", 0, "SCHEDULED", "RAN");
        long northernRun = run(weekly, northern.id(), "COMPLETED", 42L);
        long southernRun = run(weekly, southern.id(), "COMPLETED", 1L);
        delivery(schedule, "2026-11-30T07:00:00Z", northernRun, northern.id(), "marketing@venue.example", "SENT", 1,
                "2026-11-30T07:02:00Z");
        delivery(schedule, "2026-11-30T07:00:00Z", northernRun, northern.id(), "nora@northern.example", "FAILED", 5,
                null);
        delivery(schedule, "2026-11-30T07:00:00Z", southernRun, southern.id(), "marketing@venue.example", "UNKNOWN", 1,
                null);
        long byHand = fire(schedule, "2026-12-01T10:15:00Z", 0, "RUN_NOW", "RAN");
        long failedRun = run(byHand, northern.id(), "FAILED", null);
        long nothing = fire(schedule, "2026-12-02T07:00:00Z", 0, "RUN_NOW", "NOTHING_TO_RUN");

        MvcResult first = mvc.perform(get("/admin/schedules/{id}", schedule.id()).with(as(admin)))
                .andExpect(status().isOk()).andReturn();
        String page = first.getResponse().getContentAsString();

        assertThat(rows(page)).containsExactly(
                "Wed 2 Dec 2026 07:00 GMT (run now by hand) | Nothing to send: no partner company had a performance"
                        + " in the period | — |",
                "Tue 1 Dec 2026 10:15 GMT (run now by hand) | Ran for Northern Lights | Northern Lights | Run "
                        + failedRun + ": failed | no message |",
                "Mon 30 Nov 2026 07:00 GMT | Ran for 2 partner companies | Northern Lights | Run " + northernRun
                        + ": ready, 42 rows | marketing@venue.example: sent at 07:02 nora@northern.example: not sent:"
                        + " the mail server refused it |",
                "| | Southern Cross | Run " + southernRun + ": ready, 1 row | marketing@venue.example: may not have"
                        + " arrived: the mail server did not confirm it |",
                "Mon 23 Nov 2026 07:00 GMT | Skipped: it was missed while every server was down or the schedule was"
                        + " paused, and it is set to wait for the next time | — |",
                skippedRow("16 Nov"), skippedRow("9 Nov"), skippedRow("2 Nov"), skippedRow("26 Oct"),
                skippedRow("19 Oct"), skippedRow("12 Oct"));
        assertThat(page).contains("href=\"/admin/runs/" + northernRun + "\"", "href=\"/admin/runs/" + failedRun + "\"")
                .doesNotContain("SKIPPED_MISFIRE", "COMPLETED", "UNKNOWN", "RUN_NOW");
        assertThat(skipped).isPositive();
        assertThat(nothing).isPositive();
        long tenth = jdbc.sql("""
                select id from schedule_fire where schedule_id = :schedule order by due_at desc offset 9 limit 1
                """).param("schedule", schedule.id()).query(Long.class).single();
        assertThat(page).contains("href=\"/admin/schedules/" + schedule.id() + "?before=" + tenth
                + "\">Older sends</a>");
        String older = mvc.perform(get("/admin/schedules/{id}", schedule.id()).param("before", Long.toString(tenth))
                        .with(as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(rows(older)).containsExactly(skippedRow("5 Oct"), skippedRow("28 Sept"), skippedRow("21 Sept"));
        assertThat(older).contains(">Older sends</h2>").doesNotContain("id=\"older-sends\"");

        // An edit refused in words is shown on the schedule's page, its sends included.
        String refused = mvc.perform(post("/admin/schedules/{id}", schedule.id()).with(as(admin)).with(csrf())
                        .param("name", "Weekly sales").param("savedReport", Long.toString(schedule.savedReportId()))
                        .param("whenMode", "CRON").param("cron", "0 0 7 * * MON-SUNDAY")
                        .param("fanOut", "PARTNERS_WITH_EVENTS").param("recipients", "marketing@venue.example"))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("That is not a valid schedule: the day of the week must be 0–7 or MON–SUN (0 and"
                + " 7 are Sunday)");
        assertThat(rows(refused)).hasSize(11).first().asString().startsWith("Wed 2 Dec 2026 07:00 GMT");
    }

    /** A send missed on a Monday at 07:00 UTC: 08:00 in London before the clocks went back on 25 October. */
    private static String skippedRow(String day) {
        boolean summer = day.endsWith("Sept") || day.endsWith("Oct") && Integer.parseInt(day.split(" ")[0]) < 25;
        return "Mon " + day + " 2026 " + (summer ? "08:00 BST" : "07:00 GMT") + " | Skipped: it was missed while"
                + " every server was down or the schedule was paused, and it is set to wait for the next time | — |";
    }

    /** The rows of the recent sends' table as their text, cells separated by " | ". */
    private static List<String> rows(String page) {
        String table = page.substring(page.indexOf("<tbody>", page.indexOf("id=\"recent-sends\"")),
                page.indexOf("</tbody>", page.indexOf("id=\"recent-sends\"")));
        return Arrays.stream(table.split("</tr>")).map(row -> row.replaceAll("</td>", " | ")
                .replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip())
                .filter(row -> !row.isEmpty()).toList();
    }

    /** A fire of the schedule, {@code weeksBefore} weeks before {@code dueAt}. */
    private long fire(Schedule schedule, String dueAt, int weeksBefore, String kind, String outcome) {
        return jdbc.sql("""
                insert into schedule_fire (schedule_id, due_at, kind, outcome, node)
                values (:schedule, cast(:due as timestamptz) - make_interval(weeks => :weeks), :kind, :outcome, 'test')
                returning id
                """).param("schedule", schedule.id()).param("due", dueAt).param("weeks", weeksBefore)
                .param("kind", kind).param("outcome", outcome).query(Long.class).single();
    }

    private long run(long fire, long partner, String status, Long rows) {
        long run = jdbc.sql("""
                insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                        parameters_resolved, format, status, cutoff_at, row_count, sha256, location,
                                        expires_at)
                values ('partner-event-sales', :partner, 'schedule', '{}', '{}', 'XLSX', :status, now(), :rows,
                        case when :status = 'COMPLETED' then repeat('a', 64) end,
                        case when :status = 'COMPLETED' then 'run.xlsx' end,
                        case when :status = 'COMPLETED' then now() + interval '30 days' end)
                returning id
                """).param("partner", partner).param("status", status).param("rows", rows).query(Long.class).single();
        jdbc.sql("insert into schedule_fire_run (fire_id, partner_key, run_id) values (:fire, :partner, :run)")
                .param("fire", fire).param("partner", partner).param("run", run).update();
        return run;
    }

    private void delivery(Schedule schedule, String dueAt, long run, long partner, String recipient, String status,
            int attempts, String sentAt) {
        jdbc.sql("""
                insert into delivery (kind, run_id, schedule_id, due_at, partner_key, recipient, mode, subject, status,
                                      attempts, sent_at)
                values ('REPORT', :run, :schedule, cast(:due as timestamptz), :partner, :recipient, 'ATTACHMENT',
                        'Weekly sales', :status, :attempts, cast(:sent as timestamptz))
                """).param("run", run).param("schedule", schedule.id()).param("due", dueAt).param("partner", partner)
                .param("recipient", recipient).param("status", status).param("attempts", attempts)
                .param("sent", sentAt).update();
    }

    private long sales(List<String> open) {
        return saved.create(null, new SavedReportDraft("Sales of the week", "", "partner-event-sales",
                Map.of("period", "previous-week"), open, OutputFormat.XLSX), "tests").id();
    }
}
