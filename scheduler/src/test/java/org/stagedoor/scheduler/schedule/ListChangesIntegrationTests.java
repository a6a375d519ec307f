package org.stagedoor.scheduler.schedule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.scheduler.SavedDefinitions;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.DeliverySender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A month of weekly deliveries of Northern Lights' opted-in list, sent as changes, over a store that changes between
 * them: customers join, withdraw, give consent again, lose or gain an email address and are erased, and the third
 * week's delivery fails. Each week the list is sent twice, as CSV and as XLSX, and what arrived by mail, applied in
 * order to the first full list, is exactly the full list made at the same moment. Covers R-6 and P-8.
 */
class ListChangesIntegrationTests extends SchedulerNodeIntegrationTest {

    private static final Instant FIRST_MONDAY = Instant.parse("2026-11-02T07:00:00Z");

    private static final Map<String, String> COLUMNS = Map.of("columns", "id,first_name,email");

    @Autowired
    private SavedReports savedReports;

    @Autowired
    private Schedules schedules;

    @Autowired
    private ScheduleFiring firing;

    @Autowired
    private RunRecords runs;

    @Autowired
    private ReportLauncher launcher;

    @Autowired
    private DeliverySender sender;

    @Autowired
    private PartnerPreferences preferences;

    @Autowired
    private CustomerErasure erasure;

    @Autowired
    private SubjectAccess subjectAccess;

    /** What a partner company holds: its rows by customer id, after the full list and the changes it received. */
    private static final class Held {

        private final Map<String, List<String>> rows = new TreeMap<>(Comparator.comparingLong(Long::parseLong));

        private List<String> header;

        void apply(List<List<String>> file) {
            List<String> fileHeader = file.get(0);
            if (!fileHeader.get(0).equals("Change")) {
                header = fileHeader;
                rows.clear();
                file.subList(1, file.size()).forEach(row -> rows.put(row.get(0), row));
                return;
            }
            assertThat(fileHeader.subList(2, fileHeader.size())).isEqualTo(header);
            for (List<String> row : file.subList(1, file.size())) {
                List<String> values = row.subList(2, row.size());
                switch (row.get(0)) {
                    case "New in the list" -> assertThat(rows.put(values.get(0), values)).isNull();
                    case "Left the list" -> {
                        assertThat(rows.remove(values.get(0))).isNotNull();
                        // Only the number the company already holds: nothing else of a leaver goes out again.
                        assertThat(values.subList(1, values.size())).allMatch(String::isEmpty);
                    }
                    default -> throw new AssertionError("Unknown change " + row.get(0));
                }
            }
        }

        List<List<String>> table() {
            List<List<String>> table = new ArrayList<>();
            table.add(header);
            table.addAll(rows.values());
            return table;
        }
    }

    @Test
    void aMonthOfWeeklyChangesAppliedInOrderToTheFirstFullListGivesEachWeeksFullList() throws Exception {
        Schedule csv = changesSchedule(OutputFormat.CSV);
        Schedule xlsx = changesSchedule(OutputFormat.XLSX);
        Held heldCsv = new Held();
        Held heldXlsx = new Held();

        // Week 1: Ada and Mallory have said yes and have an address (Nora said yes but has none; Ben said no).
        Week week1 = week(1, csv, xlsx);
        assertThat(week1.csvFile()).containsExactly(
                List.of("Customer id", "First name", "Email"),
                List.of("1", "Ada", "ada@example.org"),
                List.of("4", "'=HYPERLINK(\"http://x\",\"y\")", "mallory@example.org"));
        assertThat(ids(week1.fullCsv())).containsExactly("1", "4");
        heldCsv.apply(week1.csvFile());
        heldXlsx.apply(week1.xlsxFile());
        assertThat(heldCsv.table()).isEqualTo(week1.fullCsv());
        assertThat(heldXlsx.table()).isEqualTo(week1.fullXlsx());

        // Week 2: Joe joins and says yes, Ben says yes again, Mallory withdraws.
        long joe = customer("Joe", "Joiner", "joe@example.org");
        say(joe, PreferenceState.YES);
        say(2, PreferenceState.YES);
        say(4, PreferenceState.NO);
        Week week2 = week(2, csv, xlsx);
        assertThat(week2.csvFile()).containsExactly(
                List.of("Change", "Reason", "Customer id", "First name", "Email"),
                List.of("New in the list", "Agreed to hear from you", "2", "Ben", "ben@example.org"),
                List.of("New in the list", "Agreed to hear from you", "1001", "Joe", "joe@example.org"),
                List.of("Left the list", "Withdrew consent", "4", "", ""));
        assertThat(ids(week2.fullCsv())).containsExactly("1", "2", "1001");
        heldCsv.apply(week2.csvFile());
        heldXlsx.apply(week2.xlsxFile());
        assertThat(heldCsv.table()).isEqualTo(week2.fullCsv());
        assertThat(heldXlsx.table()).isEqualTo(week2.fullXlsx());

        // Week 3: Ada's address is removed, Nora gives one; this week's delivery fails (its file is gone).
        jdbc.sql("update customer set email = null where id = 1").update();
        jdbc.sql("update customer set email = 'nora@example.org' where id = 6").update();
        Week week3 = week(3, csv, xlsx);
        assertThat(week3.csvFile()).containsExactly(
                List.of("Change", "Reason", "Customer id", "First name", "Email"),
                List.of("New in the list", "Now matches the list", "6", "Nora", "nora@example.org"),
                List.of("Left the list", "No longer has an email address", "1", "", ""));
        assertThat(week3.deliveryStatuses()).containsExactly("FAILED", "FAILED");
        assertThat(week3.received()).isFalse();

        // Week 4: Joe is erased, Mallory says yes again: a full list, since the last delivery did not arrive.
        erasure.erase(joe, "tests");
        say(4, PreferenceState.YES);
        Week week4 = week(4, csv, xlsx);
        assertThat(week4.csvFile().get(0)).containsExactly("Customer id", "First name", "Email");
        assertThat(ids(week4.fullCsv())).containsExactly("2", "4", "6");
        assertThat(week4.mailText()).contains("Sent: Full list (the last delivery did not arrive); the next"
                + " deliveries send only the changes");
        assertThat(about(week4.xlsxBytes())).containsEntry("Sent",
                "Full list (the last delivery did not arrive); the next deliveries send only the changes");
        heldCsv.apply(week4.csvFile());
        heldXlsx.apply(week4.xlsxFile());
        assertThat(heldCsv.table()).isEqualTo(week4.fullCsv());
        assertThat(heldXlsx.table()).isEqualTo(week4.fullXlsx());

        // Week 5: Ben is erased at his request, Zoe joins.
        erasure.erase(2, "tests");
        long zoe = customer("Zoe", "Newcomer", "zoe@example.org");
        say(zoe, PreferenceState.YES);
        Week week5 = week(5, csv, xlsx);
        assertThat(week5.csvFile()).containsExactly(
                List.of("Change", "Reason", "Customer id", "First name", "Email"),
                List.of("New in the list", "Agreed to hear from you", "1002", "Zoe", "zoe@example.org"),
                List.of("Left the list", "Erased at their request", "2", "", ""));
        assertThat(week5.mailText()).contains("Sent: Only the changes since the list of ")
                .doesNotContain("ben@example.org");
        assertThat(about(week5.xlsxBytes()).get("Sent")).startsWith("Only the changes since the list of ");
        heldCsv.apply(week5.csvFile());
        heldXlsx.apply(week5.xlsxFile());
        assertThat(heldCsv.table()).isEqualTo(week5.fullCsv());
        assertThat(heldXlsx.table()).isEqualTo(week5.fullXlsx());

        // What each run was counted from, what it shared and whom it told of leaving.
        List<Long> csvRuns = List.of(week1.csvRun(), week2.csvRun(), week3.csvRun(), week4.csvRun(), week5.csvRun());
        assertThat(jdbc.sql("""
                select run_id, coalesce(base_run_id::text, full_because) from list_delivery where schedule_id = :s
                 order by run_id
                """).param("s", csv.id()).query((rs, row) -> rs.getLong(1) + " " + rs.getString(2)).list())
                .containsExactly(csvRuns.get(0) + " FIRST", csvRuns.get(1) + " " + csvRuns.get(0),
                        csvRuns.get(2) + " " + csvRuns.get(1), csvRuns.get(3) + " NOT_DELIVERED",
                        csvRuns.get(4) + " " + csvRuns.get(3));
        assertThat(jdbc.sql("""
                select run_id, customer_id, consent_state, shared_email from sharing_ledger where run_id in (:runs)
                 order by run_id, customer_id
                """).param("runs", csvRuns).query((rs, row) -> List.of(csvRuns.indexOf(rs.getLong(1)) + 1,
                        rs.getLong(2), rs.getString(3), rs.getString(4))).list())
                .containsExactly(
                        List.of(1, 1L, "YES", "ada@example.org"), List.of(1, 4L, "YES", "mallory@example.org"),
                        List.of(2, 2L, "YES", "ben@example.org"), List.of(2, 1001L, "YES", "joe@example.org"),
                        List.of(3, 6L, "YES", "nora@example.org"),
                        List.of(4, 2L, "YES", "ben@example.org"), List.of(4, 4L, "YES", "mallory@example.org"),
                        List.of(4, 6L, "YES", "nora@example.org"),
                        List.of(5, 1002L, "YES", "zoe@example.org"));
        assertThat(jdbc.sql("""
                select run_id, customer_id, partner_company_id, reason from list_leaver where run_id in (:runs)
                 order by run_id, customer_id
                """).param("runs", csvRuns).query((rs, row) -> List.of(csvRuns.indexOf(rs.getLong(1)) + 1,
                        rs.getLong(2), rs.getLong(3), rs.getString(4))).list())
                .containsExactly(List.of(2, 4L, 1L, "WITHDREW"), List.of(3, 1L, 1L, "NO_EMAIL"),
                        List.of(5, 2L, 1L, "ERASED"));
        // Subject access shows whom the venue told that Ben left, and the address they hold.
        assertThat(subjectAccess.of(2).notices()).filteredOn(notice -> notice.state().startsWith("LEFT_"))
                .extracting(notice -> notice.runId() + " " + notice.state() + " " + notice.sharedEmail())
                .containsExactlyInAnyOrder(week5.csvRun() + " LEFT_ERASED ben@example.org",
                        week5.xlsxRun() + " LEFT_ERASED ben@example.org");
        assertThat(jdbc.sql("select row_count from run_manifest where run_id in (:runs) order by run_id")
                .param("runs", csvRuns).query(Long.class).list()).containsExactly(2L, 3L, 2L, 3L, 2L);
    }

    @Test
    void aSavedCustomerListTellsWhoNoLongerMatchesItAndWhoNowDoes() throws Exception {
        // Customers with two tickets or more for Northern Lights' events, as their owners: Ada alone has said yes.
        long list = SavedDefinitions.fixed(savedReports, "customer-list", Map.of("list", """
                {"name": "Regulars", "segments": [{"type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
                 "minTickets": 2}], "columns": ["id", "last_name"]}"""), OutputFormat.CSV);
        Schedule schedule = schedules.create(request(list));
        Instant due = FIRST_MONDAY;
        firing.fire(new ScheduleFiring.Fire(schedule.id(), due, ScheduleFireJob.Kind.SCHEDULED, due, null));
        ReportRun first = completed(runOf(schedule, due));
        sender.sendDue();
        assertThat(csv(Files.readAllBytes(Path.of(first.location())))).containsExactly(
                List.of("Customer id", "Last name"), List.of("1", "Lovelace"));

        // Ada returns her tickets; Mallory, who said yes long ago, books two.
        jdbc.sql("update ticket set status = 'RETURNED', returned_at = now() where order_id in (1, 5)").update();
        jdbc.sql("""
                insert into customer_order (id, owner_id, channel, confirmed_at) values (900, 4, 'ONLINE', now());
                insert into ticket (id, order_id, line_number, event_instance_id, price_band_id, price, status)
                values (900, 900, 0, 5, 1, 25.00, 'SOLD'), (901, 900, 1, 5, 1, 25.00, 'SOLD');
                """).update();
        Instant next = due.plus(Duration.ofDays(7));
        firing.fire(new ScheduleFiring.Fire(schedule.id(), next, ScheduleFireJob.Kind.SCHEDULED, next, null));
        ReportRun second = completed(runOf(schedule, next));

        assertThat(csv(Files.readAllBytes(Path.of(second.location())))).containsExactly(
                List.of("Change", "Reason", "Customer id", "Last name"),
                List.of("New in the list", "Now matches the list", "4", "Mallory"),
                List.of("Left the list", "No longer matches the list", "1", ""));
        assertThat(jdbc.sql("select customer_id from sharing_ledger where run_id = :run").param("run", second.id())
                .query(Long.class).list()).containsExactly(4L);
    }

    @Test
    void onlyAListOfCustomersSentToPartnerCompaniesCanSendOnlyTheChanges() {
        long sales = SavedDefinitions.fixed(savedReports, "partner-event-sales",
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV);
        String name = savedReports.find(sales).orElseThrow().name();

        assertThatThrownBy(() -> schedules.create(request(sales))).isInstanceOfSatisfying(
                InvalidRequestException.class, ex -> assertThat(ex.errors())
                        .extracting(error -> error.field() + ": " + error.message())
                        .containsExactly("sends: only a list of customers sent to partner companies can send only the"
                                + " changes; \"" + name + "\" is sent whole each time"));
    }

    /** One week's fire of both schedules, the full lists made at the same moment, and what the mail brought. */
    private record Week(long csvRun, long xlsxRun, List<List<String>> csvFile, List<List<String>> xlsxFile,
            byte[] xlsxBytes, List<List<String>> fullCsv, List<List<String>> fullXlsx, String mailText,
            List<String> deliveryStatuses, boolean received) {
    }

    private Week week(int number, Schedule csv, Schedule xlsx) throws Exception {
        Instant due = FIRST_MONDAY.plus(Duration.ofDays(7L * (number - 1)));
        firing.fire(new ScheduleFiring.Fire(csv.id(), due, ScheduleFireJob.Kind.SCHEDULED, due, null));
        firing.fire(new ScheduleFiring.Fire(xlsx.id(), due, ScheduleFireJob.Kind.SCHEDULED, due, null));
        ReportRun csvRun = completed(runOf(csv, due));
        ReportRun xlsxRun = completed(runOf(xlsx, due));
        // The full lists at the same moment, by the same code as any list.
        ReportRun fullCsv = completed(launcher.run(new RunRequest("partner-optin-list", 1L, COLUMNS,
                OutputFormat.CSV, "tests")).id());
        ReportRun fullXlsx = completed(launcher.run(new RunRequest("partner-optin-list", 1L, COLUMNS,
                OutputFormat.XLSX, "tests")).id());
        byte[] csvBytes = Files.readAllBytes(Path.of(csvRun.location()));
        byte[] xlsxBytes = Files.readAllBytes(Path.of(xlsxRun.location()));
        boolean fail = number == 3;
        if (fail) {
            Files.delete(Path.of(csvRun.location()));
            Files.delete(Path.of(xlsxRun.location()));
        }
        sender.sendDue();
        List<String> statuses = jdbc.sql("select status from delivery where run_id in (:runs) order by run_id")
                .param("runs", List.of(csvRun.id(), xlsxRun.id())).query(String.class).list();
        assertThat(statuses).allMatch(status -> status.equals(fail ? "FAILED" : "SENT"));
        String mailText = "";
        if (!fail) {
            // The server stores a message just after accepting it.
            await().atMost(Duration.ofSeconds(10)).until(() -> carries(MAIL.getReceivedMessages(),
                    csvRun.fileName()) && carries(MAIL.getReceivedMessages(), xlsxRun.fileName()));
        }
        MimeMessage[] received = MAIL.getReceivedMessages();
        if (!fail) {
            // What arrived is what is applied: the attachments as the mail server took them.
            csvBytes = attachment(received, csvRun.fileName());
            xlsxBytes = attachment(received, xlsxRun.fileName());
            mailText = text(received, csvRun.fileName());
        }
        return new Week(csvRun.id(), xlsxRun.id(), csv(csvBytes), xlsx(xlsxBytes), xlsxBytes,
                csv(Files.readAllBytes(Path.of(fullCsv.location()))),
                xlsx(Files.readAllBytes(Path.of(fullXlsx.location()))), mailText, statuses,
                carries(received, csvRun.fileName()) || carries(received, xlsxRun.fileName()));
    }

    private Schedule changesSchedule(OutputFormat format) {
        long list = SavedDefinitions.fixed(savedReports, "partner-optin-list", COLUMNS, format);
        return schedules.create(request(list));
    }

    private static ScheduleRequest request(long savedReport) {
        return new ScheduleRequest("Weekly list", savedReport, Map.of(), null, When.cron("0 0 7 * * MON"),
                "Europe/London", MisfirePolicy.RUN_ONCE, FanOut.ONE_PARTNER, 1L, DeliveryMode.ATTACHMENT, false,
                List.of("marketing@venue.example"), true, "tests", ListSends.CHANGES);
    }

    private long runOf(Schedule schedule, Instant due) {
        return jdbc.sql("""
                select fr.run_id from schedule_fire_run fr join schedule_fire f on f.id = fr.fire_id
                 where f.schedule_id = :schedule and f.due_at = :due
                """).param("schedule", schedule.id()).param("due", java.sql.Timestamp.from(due))
                .query(Long.class).single();
    }

    private ReportRun completed(long runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(RunStatus.COMPLETED, RunStatus.FAILED,
                RunStatus.STOPPED).contains(runs.get(runId).status()));
        ReportRun run = runs.get(runId);
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    private long customer(String first, String last, String email) {
        return jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                values ('INDIVIDUAL', :first, :last, :email, 'BOX_OFFICE') returning id
                """).param("first", first).param("last", last).param("email", email).query(Long.class).single();
    }

    private void say(long customerId, PreferenceState state) {
        preferences.record(customerId, 1L, state, PreferenceChannel.BOX_OFFICE, "tests");
    }

    private static List<String> ids(List<List<String>> table) {
        return table.subList(1, table.size()).stream().map(row -> row.get(0)).toList();
    }

    private static boolean carries(MimeMessage[] received, String fileName)
            throws MessagingException, IOException {
        try {
            part(received, fileName, true);
            return true;
        }
        catch (AssertionError ex) {
            return false;
        }
    }

    private static byte[] attachment(MimeMessage[] received, String fileName)
            throws MessagingException, IOException {
        BodyPart part = part(received, fileName, true);
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The plain text of the message carrying {@code fileName}. */
    private static String text(MimeMessage[] received, String fileName)
            throws MessagingException, IOException {
        return (String) part(received, fileName, false).getContent();
    }

    private static BodyPart part(MimeMessage[] received, String fileName, boolean attachment)
            throws MessagingException, IOException {
        for (int m = 0; m < received.length; m++) {
            // The administrators' notices of week 3's failure are plain text.
            if (!(received[m].getContent() instanceof MimeMultipart parts)) {
                continue;
            }
            BodyPart file = null;
            BodyPart text = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart candidate = parts.getBodyPart(i);
                if (fileName.equals(candidate.getFileName())) {
                    file = candidate;
                }
                text = text == null ? plain(candidate) : text;
            }
            if (file != null) {
                return attachment ? file : text;
            }
        }
        throw new AssertionError("No mail carries " + fileName);
    }

    /** The text/plain part within {@code part}, or null. */
    private static BodyPart plain(BodyPart part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part;
        }
        if (part.getContent() instanceof MimeMultipart nested) {
            for (int i = 0; i < nested.getCount(); i++) {
                BodyPart found = plain(nested.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<List<String>> csv(byte[] bytes) throws IOException, CsvException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8); CSVReader csv = new CSVReader(reader)) {
            return csv.readAll().stream().map(List::of).toList();
        }
    }

    /** The "Data" sheet as text: numbers as integers, empty cells as "". */
    private static List<List<String>> xlsx(byte[] bytes) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheet("Data");
            int width = sheet.getRow(0).getLastCellNum();
            List<List<String>> table = new ArrayList<>();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    Cell cell = row.getCell(i);
                    values.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                            ? Long.toString((long) cell.getNumericCellValue()) : cell.getStringCellValue());
                }
                table.add(values);
            }
            return table;
        }
    }

    /** The "About" sheet's labels and values. */
    private static Map<String, String> about(byte[] bytes) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Row row : workbook.getSheet("About")) {
                Cell label = row.getCell(0);
                Cell value = row.getCell(1);
                if (label != null && value != null && label.getCellType() == CellType.STRING
                        && value.getCellType() == CellType.STRING) {
                    lines.putIfAbsent(label.getStringCellValue(), value.getStringCellValue());
                }
            }
        }
        return lines;
    }
}
