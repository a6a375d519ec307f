package org.stagedoor.scheduler.schedule;

import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.opencsv.CSVReader;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.scheduler.SavedDefinitions;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.DeliverySender;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.WebhookRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules fired by a real clustered Quartz node on the hand-built venue: on their own, on request,
 * paused and resumed with each misfire policy, fanned out, and chained across daylight-saving changes.
 * Covers for the fan-out.
 */
class ScheduleFiringIntegrationTests extends SchedulerNodeIntegrationTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final String WEEK = "2026-10-05..2026-10-11";

    @Autowired
    private SavedReports savedReports;

    @Autowired
    private Schedules schedules;

    @Autowired
    private ScheduleFiring firing;

    @Autowired
    private RunRecords runs;

    @Autowired
    private DeliverySender sender;

    @Autowired
    private Destinations destinations;

    @Test
    void aCronScheduleFiresOnItsOwnAndDeliversTheFileToItsRecipients() throws Exception {
        Schedule schedule = schedules.create(weeklySales(When.cron("*/2 * * * * *"), MisfirePolicy.RUN_ONCE));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from delivery d join report_run r on r.id = d.run_id where r.status = 'COMPLETED'
                """) >= 1);
        schedules.pause(schedule.id());

        Map<String, Object> fire = jdbc.sql("select * from schedule_fire order by due_at limit 1").query().singleRow();
        assertThat(fire.get("kind")).isEqualTo("SCHEDULED");
        assertThat(fire.get("outcome")).isEqualTo("RAN");
        assertThat(((java.sql.Timestamp) fire.get("due_at")).toInstant().getEpochSecond() % 2).isZero();
        Map<String, Object> delivery = jdbc.sql("select * from delivery order by id limit 1").query().singleRow();
        assertThat(delivery.get("recipient")).isEqualTo("marketing@venue.example");
        assertThat(delivery.get("subject")).isEqualTo("Weekly sales — Northern Lights Productions — 5–11 Oct 2026");
        assertThat(delivery.get("mode")).isEqualTo("ATTACHMENT");
        ReportRun run = runs.get(((Number) delivery.get("run_id")).longValue());
        assertThat(run.rowCount()).isEqualTo(2);

        sender.sendDue();

        // Read back over real SMTP: one message, the run's file attached byte for byte.
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Weekly sales — Northern Lights Productions — 5–11 Oct 2026");
        assertThat(received[0].getAllRecipients()).extracting(Object::toString)
                .containsExactly("marketing@venue.example");
        MimeMultipart parts = (MimeMultipart) received[0].getContent();
        BodyPart attachment = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (run.fileName().equals(parts.getBodyPart(i).getFileName())) {
                attachment = parts.getBodyPart(i);
            }
        }
        assertThat(attachment).as("attachment " + run.fileName()).isNotNull();
        try (var in = attachment.getInputStream()) {
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())))
                    .isEqualTo(run.sha256());
        }
    }

    @Test
    void runNowFiresOnceWithoutMovingTheNextFire() {
        Schedule schedule = schedules.create(weeklySales(When.cron("0 0 3 1 1 *"), MisfirePolicy.RUN_ONCE));
        ZonedDateTime next = schedules.nextFire(schedule);

        schedules.runNow(schedule.id(), "ada@venue.example");

        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from report_run where status = 'COMPLETED'
                """) == 1);
        assertThat(count("select count(*) from schedule_fire where kind = 'RUN_NOW'")).isEqualTo(1);
        assertThat(jdbc.sql("select requested_by from report_run").query(String.class).single())
                .isEqualTo("ada@venue.example (run now: Weekly sales)");
        assertThat(schedules.nextFire(schedules.find(schedule.id()).orElseThrow())).isEqualTo(next);
        assertThat(next.toLocalDateTime()).isEqualTo("2027-01-01T03:00");
    }

    @Test
    void fanningOutToPartnersWithEventsRunsOncePerPartnerCompanyWithOnlyItsOwnEvents()
            throws IOException, CsvException {
        // covers R-1: both partner companies have performances in the week; each gets its own events only.
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales",
                SavedDefinitions.fixed(savedReports, "partner-event-sales", Map.of("period", WEEK), OutputFormat.CSV),
                Map.of(), null, When.cron("0 0 3 1 1 *"), null, null,
                FanOut.PARTNERS_WITH_EVENTS, null, null, false, List.of("marketing@venue.example"), true, "tests"));

        schedules.runNow(schedule.id(), "tests");

        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from report_run where status = 'COMPLETED'
                """) == 2);
        assertThat(events(1)).containsExactlyInAnyOrder("Hamlet", "Macbeth");
        assertThat(events(2)).containsExactlyInAnyOrder("Macbeth", "Othello");
        assertThat(jdbc.sql("select subject from delivery order by partner_key").query(String.class).list())
                .containsExactly("Weekly sales — Northern Lights Productions — 5–11 Oct 2026",
                        "Weekly sales — Southern Cross Theatre — 5–11 Oct 2026");
    }

    @Test
    void aFanOutSendsEachCompanysRunToTheDestinationsThatReceiveTheScheduleOnly() {
        // issue 18: Northern Lights' web address receives the schedule; Southern Cross has none, its run goes by mail.
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales",
                SavedDefinitions.fixed(savedReports, "partner-event-sales", Map.of("period", WEEK), OutputFormat.CSV),
                Map.of(), null, When.cron("0 0 3 1 1 *"), null, null,
                FanOut.PARTNERS_WITH_EVENTS, null, null, false, List.of("marketing@venue.example"), true, "tests"));
        Destination hook = destinations.addWebhook(1, new WebhookRequest("Northern's box office",
                "https://northern.example/hook"), "tests").destination();
        destinations.addWebhook(1, new WebhookRequest("Not chosen", "https://northern.example/other"), "tests");
        destinations.setSchedules(1, hook.id(), Set.of(schedule.id()));

        schedules.runNow(schedule.id(), "tests");

        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from delivery where kind = 'REPORT'
                """) == 3);
        record Row(long partner, String recipient, Long destination, String mode) {
        }
        assertThat(jdbc.sql("""
                select partner_key, recipient, destination_id, mode from delivery order by partner_key, id
                """).query((rs, row) -> new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getString(4))).list())
                .containsExactly(new Row(1, "marketing@venue.example", null, "ATTACHMENT"),
                        new Row(1, "Web address https://northern.example/hook", hook.id(), "LINK"),
                        new Row(2, "marketing@venue.example", null, "ATTACHMENT"));
    }

    @Test
    void everyRunOfAFireRecordsTheDefinitionAtItsNewestVersionAndThePeriodTheScheduleChose() {
        // issue 14: a schedule runs a saved definition; its open period is the schedule's, read for the fan-out too.
        long sales = savedReports.create(null, new SavedReportDraft("Sales of a week", "", "partner-event-sales",
                Map.of("period", "2026-09-14..2026-09-20"), List.of("period"), OutputFormat.XLSX), "tests").id();
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales", sales, Map.of("period", WEEK), null,
                When.cron("0 0 3 1 1 *"), null, null, FanOut.PARTNERS_WITH_EVENTS, null, null, false,
                List.of("marketing@venue.example"), true, "tests"));
        // Changed after the schedule was saved: the next fire runs version 2, as a CSV file.
        savedReports.update(sales, new SavedReportDraft("Sales of a week", "", null,
                Map.of("period", "2026-09-14..2026-09-20"), List.of("period"), OutputFormat.CSV), "tests");
        Instant due = Instant.parse("2027-01-01T03:00:00Z");

        assertThat(firing.fire(new ScheduleFiring.Fire(schedule.id(), due, ScheduleFireJob.Kind.SCHEDULED, due, null)))
                .isEqualTo(ScheduleFiring.Outcome.RAN);

        record Recorded(long partner, long saved, int version, String format, String period) {
        }
        assertThat(jdbc.sql("""
                select partner_company_id, saved_report_id, saved_report_version, format,
                       parameters_given ->> 'period'
                  from report_run order by partner_company_id
                """).query((rs, row) -> new Recorded(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5))).list())
                .containsExactly(new Recorded(1, sales, 2, "CSV", WEEK), new Recorded(2, sales, 2, "CSV", WEEK));
    }

    @Test
    void aFireOfAWithdrawnDefinitionTellsTheAdministratorsAndRecordsNoRun() {
        long sales = SavedDefinitions.fixed(savedReports, "partner-event-sales", Map.of("period", WEEK),
                OutputFormat.XLSX);
        Schedule schedule = schedules.create(weeklySales(sales, When.cron("0 0 3 1 1 *"), MisfirePolicy.RUN_ONCE));
        String name = savedReports.get(sales).name();
        savedReports.retire(sales);
        Instant due = Instant.parse("2027-01-01T03:00:00Z");

        assertThat(firing.fire(new ScheduleFiring.Fire(schedule.id(), due, ScheduleFireJob.Kind.SCHEDULED, due, null)))
                .isEqualTo(ScheduleFiring.Outcome.NOT_RUN);

        assertThat(count("select count(*) from report_run")).isZero();
        assertThat(count("select count(*) from schedule_fire_run")).isZero();
        assertThat(jdbc.sql("select outcome from schedule_fire").query(String.class).single()).isEqualTo("NOT_RUN");
        Map<String, Object> notice = jdbc.sql("select * from delivery").query().singleRow();
        assertThat(notice.get("kind")).isEqualTo("NOTICE");
        assertThat(notice.get("recipient")).isEqualTo("admin@stagedoor.local");
        assertThat(notice.get("subject")).isEqualTo("Scheduled report not run — Weekly sales");
        assertThat(notice.get("notice_text")).isEqualTo("The schedule \"Weekly sales\" due on Fri 1 Jan 2027 at 03:00"
                + " GMT did not run, for anyone: \"" + name + "\" was withdrawn and cannot run. Nothing was sent. Open"
                + " the schedule in the console and choose its saved report or settings again.");
        // Its next fire is still scheduled: choosing another definition is enough to set it going again.
        assertThat(schedules.nextFire(schedules.find(schedule.id()).orElseThrow())).isNotNull();
    }

    @Test
    void aFireWhoseChosenPeriodTheDefinitionNowFixesRecordsNoRunAndSaysWhy() {
        long sales = savedReports.create(null, new SavedReportDraft("Sales of a week", "", "partner-event-sales",
                Map.of("period", WEEK), List.of("period"), OutputFormat.XLSX), "tests").id();
        Schedule schedule = schedules.create(new ScheduleRequest("Weekly sales", sales,
                Map.of("period", "previous-week"), null, When.cron("0 0 3 1 1 *"), null, null, FanOut.ONE_PARTNER, 1L,
                null, false, List.of("marketing@venue.example"), true, "tests"));
        savedReports.update(sales, new SavedReportDraft("Sales of a week", "", null, Map.of("period", WEEK),
                List.of(), OutputFormat.XLSX), "tests");
        Instant due = Instant.parse("2027-01-01T03:00:00Z");

        assertThat(firing.fire(new ScheduleFiring.Fire(schedule.id(), due, ScheduleFireJob.Kind.SCHEDULED, due, null)))
                .isEqualTo(ScheduleFiring.Outcome.NOT_RUN);

        assertThat(count("select count(*) from report_run")).isZero();
        assertThat(jdbc.sql("select notice_text from delivery").query(String.class).single()).isEqualTo(
                "The schedule \"Weekly sales\" due on Fri 1 Jan 2027 at 03:00 GMT did not run, for anyone: the period"
                        + " is set by \"Sales of a week\" and cannot be changed when it runs. Nothing was sent. Open"
                        + " the schedule in the console and choose its saved report or settings again.");
    }

    @Test
    void aPausedScheduleDoesNotFireAndOnResumeRunsTheMissedFireOnce() {
        Schedule schedule = schedules.create(weeklySales(dailyInSeconds(2), MisfirePolicy.RUN_ONCE));
        schedules.pause(schedule.id());

        sleep(Duration.ofSeconds(4));
        assertThat(count("select count(*) from schedule_fire")).isZero();

        schedules.resume(schedule.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from report_run where status = 'COMPLETED'
                """) == 1);
        assertThat(count("select count(*) from schedule_fire where outcome = 'RAN'")).isEqualTo(1);
        // The next fire is tomorrow's; the missed one was run once, late.
        assertThat(schedules.nextFire(schedules.find(schedule.id()).orElseThrow()).toInstant())
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void aMissedFireIsSkippedWhenThePolicyIsSkip() {
        Schedule schedule = schedules.create(weeklySales(dailyInSeconds(2), MisfirePolicy.SKIP));
        schedules.pause(schedule.id());
        sleep(Duration.ofSeconds(4));

        schedules.resume(schedule.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from schedule_fire") == 1);
        assertThat(jdbc.sql("select outcome from schedule_fire").query(String.class).single())
                .isEqualTo("SKIPPED_MISFIRE");
        assertThat(count("select count(*) from report_run")).isZero();
        assertThat(schedules.nextFire(schedules.find(schedule.id()).orElseThrow()).toInstant())
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void aFireWhileEveryNodeIsDownRunsOnceWhenOneComesBack() throws SchedulerException {
        Schedule schedule = schedules.create(weeklySales(dailyInSeconds(2), MisfirePolicy.RUN_ONCE));
        scheduler.standby();
        sleep(Duration.ofSeconds(4));

        scheduler.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from report_run where status = 'COMPLETED'
                """) == 1);
        assertThat(count("select count(*) from schedule_fire")).isEqualTo(1);
        assertThat(schedules.nextFire(schedules.find(schedule.id()).orElseThrow()).toInstant())
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void aFireDeliveredAgainAfterARecoveryIsNotRunTwice() {
        Schedule schedule = schedules.create(weeklySales(When.cron("0 0 3 1 1 *"), MisfirePolicy.RUN_ONCE));
        Instant due = Instant.parse("2027-01-01T03:00:00Z");
        ScheduleFiring.Fire fire = new ScheduleFiring.Fire(schedule.id(), due, ScheduleFireJob.Kind.SCHEDULED, due,
                null);

        assertThat(firing.fire(fire)).isEqualTo(ScheduleFiring.Outcome.RAN);
        assertThat(firing.fire(fire)).isEqualTo(ScheduleFiring.Outcome.RAN);

        assertThat(count("select count(*) from schedule_fire")).isEqualTo(1);
        assertThat(count("select count(*) from schedule_fire_run")).isEqualTo(1);
        assertThat(count("select count(*) from report_run")).isEqualTo(1);
    }

    @Test
    void aDaily0130LondonScheduleChainsOneFireADayAcrossBothClockChanges() throws SchedulerException {
        // Each fire schedules the next as a Quartz trigger in the job store; following that chain through
        // the spring-forward day (28 Mar 2027) and the fall-back day (31 Oct 2027) shows one fire a day.
        Schedule schedule = schedules.create(new ScheduleRequest("Overnight list",
                SavedDefinitions.fixed(savedReports, "partner-optin-list", Map.of(), OutputFormat.CSV), Map.of(), null,
                When.dailyAt(java.time.LocalTime.of(1, 30)), "Europe/London", null,
                FanOut.ONE_PARTNER, 1L, null, false, List.of("marketing@venue.example"), true, "tests"));
        scheduler.standby();

        assertThat(chain(schedule, Instant.parse("2027-03-27T01:30:00Z"), 3)).containsExactly(
                Instant.parse("2027-03-28T01:30:00Z"), // 02:30 BST: 01:30 does not exist that day
                Instant.parse("2027-03-29T00:30:00Z"), // 01:30 BST
                Instant.parse("2027-03-30T00:30:00Z"));
        assertThat(chain(schedule, Instant.parse("2027-10-30T00:30:00Z"), 2)).containsExactly(
                Instant.parse("2027-10-31T00:30:00Z"), // the first of the two 01:30s
                Instant.parse("2027-11-01T01:30:00Z")); // 01:30 GMT: no second fire on the 31st
    }

    /** Fires the schedule at {@code due} as Quartz would, then follows the next-fire triggers it leaves. */
    private List<Instant> chain(Schedule schedule, Instant due, int fires) throws SchedulerException {
        java.util.ArrayList<Instant> next = new java.util.ArrayList<>();
        Instant at = due;
        for (int i = 0; i < fires; i++) {
            firing.fire(new ScheduleFiring.Fire(schedule.id(), at, ScheduleFireJob.Kind.SCHEDULED, at, null));
            Instant previous = at;
            at = scheduler.getTriggersOfJob(ScheduleTriggers.jobKey(schedule.id())).stream()
                    .map(Trigger::getNextFireTime).map(Date::toInstant).filter(time -> time.isAfter(previous))
                    .min(Instant::compareTo).orElseThrow();
            next.add(at);
        }
        return next;
    }

    private ScheduleRequest weeklySales(When when, MisfirePolicy misfire) {
        return weeklySales(SavedDefinitions.fixed(savedReports, "partner-event-sales", Map.of("period", WEEK),
                OutputFormat.XLSX), when, misfire);
    }

    private static ScheduleRequest weeklySales(long savedReport, When when, MisfirePolicy misfire) {
        return new ScheduleRequest("Weekly sales", savedReport, Map.of(), null, when, "Europe/London", misfire,
                FanOut.ONE_PARTNER, 1L, DeliveryMode.ATTACHMENT, false,
                List.of("marketing@venue.example"), true, "tests");
    }

    /** Daily at the time of day it will be in {@code seconds} seconds. */
    private static When dailyInSeconds(int seconds) {
        ZonedDateTime at = Instant.now().plusSeconds(seconds).atZone(LONDON);
        return When.cron(at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * *");
    }

    private List<String> events(long partner) throws IOException, CsvException {
        String location = jdbc.sql("select location from report_run where partner_company_id = :p")
                .param("p", partner).query(String.class).single();
        try (Reader reader = new FileReader(location, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(reader)) {
            List<String[]> rows = csv.readAll();
            assertThat(rows.get(0)[1]).isEqualTo("Event");
            return rows.subList(1, rows.size()).stream().map(row -> row[1]).toList();
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
