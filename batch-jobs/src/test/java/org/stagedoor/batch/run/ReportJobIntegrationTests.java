package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report run as a real job over the hand-built venue of {@code venue.sql}, read back from the
 * XLSX it wrote. Expected figures are worked out by hand in the comments, not by running the SQL.
 * Partner 1 is Northern Lights (Hamlet, Macbeth), partner 2 Southern Cross (Macbeth, Othello).
 */
@SpringBootTest
@Import(ReportJobIntegrationTests.FixedClock.class)
class ReportJobIntegrationTests extends VenueIntegrationTest {

    static final Instant CUTOFF = Instant.parse("2026-10-20T12:00:00Z");

    static final String WEEK = "2026-10-05..2026-10-11";

    @Autowired
    RunRecords records;

    @Test
    void eventSalesCountSoldReturnedAndComplimentaryTicketsPerEventOfThePartner() throws IOException {
        // Hamlet: 2 performances (200 seats); order 1 two at 20.00, order 2 one comp, order 3 three at 25.00 of
        // which one returned: 4 sold, 1 return, 1 comp, 90.00 gross, 22.50 average, (4 + 1) / 200 = 2.5 %.
        // Macbeth (shared with partner 2): 1 performance (50 seats); orders 2 and 4 one each at 15.00.
        // Cats (no partner) and Hamlet on 20 Oct (outside the week) are not in it.
        assertThat(rows(run("partner-event-sales", 1L, Map.of("period", WEEK))))
                .containsExactly(
                        List.of("Event id", "Event", "Performances", "Capacity", "Tickets sold", "Returns", "Comps",
                                "Gross revenue", "Average price", "% of capacity"),
                        Arrays.asList(1.0, "Hamlet", 2.0, 200.0, 4.0, 1.0, 1.0, 90.0, 22.5, 0.025),
                        Arrays.asList(2.0, "Macbeth", 1.0, 50.0, 2.0, 0.0, 0.0, 30.0, 15.0, 0.04));
    }

    @Test
    void aSharedEventCountsInFullForEachOfItsPartners() throws IOException {
        // Partner 2: Macbeth as above; Othello: order 4 two at 30.00 of 80 seats.
        assertThat(rows(run("partner-event-sales", 2L, Map.of("period", WEEK)))).containsExactly(
                List.of("Event id", "Event", "Performances", "Capacity", "Tickets sold", "Returns", "Comps",
                        "Gross revenue", "Average price", "% of capacity"),
                Arrays.asList(2.0, "Macbeth", 1.0, 50.0, 2.0, 0.0, 0.0, 30.0, 15.0, 0.04),
                Arrays.asList(3.0, "Othello", 1.0, 80.0, 2.0, 0.0, 0.0, 60.0, 30.0, 0.025));
    }

    @Test
    void instanceSalesGiveTheSameFiguresPerPerformanceInTheVenuesTimeZone() throws IOException {
        assertThat(rows(run("partner-instance-sales", 1L, Map.of("period", WEEK)))).containsExactly(
                List.of("Performance id", "Event", "Starts at", "Capacity", "Tickets sold", "Returns", "Comps",
                        "Gross revenue", "Average price", "% of capacity"),
                Arrays.asList(1.0, "Hamlet", LocalDateTime.of(2026, 10, 6, 19, 30), 100.0, 2.0, 0.0, 1.0, 40.0, 20.0,
                        0.03),
                Arrays.asList(3.0, "Macbeth", LocalDateTime.of(2026, 10, 7, 19, 30), 50.0, 2.0, 0.0, 0.0, 30.0, 15.0,
                        0.04),
                Arrays.asList(2.0, "Hamlet", LocalDateTime.of(2026, 10, 8, 19, 30), 100.0, 2.0, 1.0, 0.0, 50.0, 25.0,
                        0.02));
    }

    @Test
    void theOptInListHoldsCustomersWithEmailWhosePreferenceWasYesAtTheCutoff() throws IOException {
        // covers R-6 and P-8: Ada (YES), Mallory (YES). Ben said YES then NO before the cut-off; Nora has no
        // email; Dee said YES to the other partner only.
        Path file = run("partner-optin-list", 1L, Map.of());
        assertThat(rows(file)).containsExactly(
                List.of("Customer id", "Title", "First name", "Last name", "Email", "Preference set at",
                        "Preference channel"),
                // The channel in words, not as the store keeps it (covers issue 15 item 6).
                Arrays.asList(1.0, "Ms", "Ada", "Lovelace", "ada@example.org", LocalDateTime.of(2026, 9, 1, 10, 0),
                        "Box office"),
                // A name that is a formula comes back exactly, as a text cell (covers issue 13 item 8).
                Arrays.asList(4.0, null, "=HYPERLINK(\"http://x\",\"y\")", "Mallory", "mallory@example.org",
                        LocalDateTime.of(2026, 10, 1, 11, 0), "Online checkout"));
        assertThat(Spreadsheets.about(file)).contains("Northern Lights Productions").contains("personal data");
    }

    @Test
    void customerBehaviourDescribesLeadTimeDayOfWeekGroupSizeNewOrReturningAndCrossovers() throws IOException {
        // Bookings for partner 1's performances in the week (returned tickets left out):
        //   order 1 (Ada, Tue 1 Sep, 2 tickets, first show 6 Oct: 35 days), order 2 (Kim, Mon 5 Oct, 2 tickets,
        //   6 Oct: 1 day), order 3 (Ben, Fri 2 Oct, 2 tickets, 8 Oct: 6 days), order 4 (Dee, Wed 7 Oct, 1 ticket,
        //   7 Oct: same day). Ada booked Hamlet on 20 Sep before: returning. Kim booked Hamlet and Macbeth.
        // Each of them five times over, so that no group is under 5 and nothing is hidden: five times the counts of
        // one venue, the same shares (covers issue 13, privacy in aggregate reports; smaller groups:
        // SmallGroupsIntegrationTests).
        // A sheet per measure, each its own table (covers issue 15 item 6).
        fiveOfEachBookerOfTheWeek();
        List<Object> header = List.of("Category", "Orders", "Customers", "Tickets", "Share", "Note");
        Map<String, List<List<Object>>> sheets = Spreadsheets.sheets(run("partner-customer-behaviour", 1L,
                Map.of("period", WEEK)));
        assertThat(sheets.keySet()).containsExactly("Booking lead time", "Day of week of booking", "Group size",
                "New or returning", "Event crossover");
        assertThat(sheets.get("Booking lead time")).containsExactly(header,
                Arrays.asList("Same day", 5.0, 5.0, 5.0, 0.25, null),
                Arrays.asList("1–6 days", 10.0, 10.0, 20.0, 0.5, null),
                Arrays.asList("28–55 days", 5.0, 5.0, 10.0, 0.25, null));
        assertThat(sheets.get("Day of week of booking")).containsExactly(header,
                Arrays.asList("Monday", 5.0, 5.0, 10.0, 0.25, null),
                Arrays.asList("Tuesday", 5.0, 5.0, 10.0, 0.25, null),
                Arrays.asList("Wednesday", 5.0, 5.0, 5.0, 0.25, null),
                Arrays.asList("Friday", 5.0, 5.0, 10.0, 0.25, null));
        assertThat(sheets.get("Group size")).containsExactly(header,
                Arrays.asList("1", 5.0, 5.0, 5.0, 0.25, null),
                Arrays.asList("2", 15.0, 15.0, 30.0, 0.75, null));
        assertThat(sheets.get("New or returning")).containsExactly(header,
                Arrays.asList("New", 15.0, 15.0, 25.0, 0.75, null),
                Arrays.asList("Returning", 5.0, 5.0, 10.0, 0.25, null));
        // A crossover counts customers only: its sheet has no orders or tickets.
        assertThat(sheets.get("Event crossover")).containsExactly(List.of("Category", "Customers", "Share", "Note"),
                Arrays.asList("Hamlet × Macbeth", 5.0, 0.25, null));
    }

    @Test
    void demographicsCountTheBookersOfEachPostcodeAreaAndAgeBand() throws IOException {
        // Bookers: Ada (SW, 36), Ben (none), Kim (none, 11), Dee (sw), each five times over: twenty, and no group
        // under 5, so nothing is hidden (covers issue 13, privacy in aggregate reports).
        fiveOfEachBookerOfTheWeek();
        assertThat(rows(run("partner-demographics", 1L, Map.of("period", WEEK)))).containsExactly(
                List.of("Dimension", "Category", "Customers", "Share", "Note"),
                Arrays.asList("Postcode area", "SW", 10.0, 0.5, null),
                Arrays.asList("Postcode area", "Unknown", 10.0, 0.5, null),
                Arrays.asList("Age band", "Under 18", 5.0, 0.25, null),
                Arrays.asList("Age band", "35–44", 5.0, 0.25, null),
                Arrays.asList("Age band", "Unknown", 10.0, 0.5, null));
    }

    /**
     * Four copies of Ada, Ben, Kim and Dee, each with a copy of their orders 1 to 5 (Ada's of 20 Sep too), so that
     * partner 1's week has five of each booker. The copies have no email (one customer per address) and book for
     * themselves: behaviour and demographics count owners.
     */
    private void fiveOfEachBookerOfTheWeek() {
        jdbc.sql("""
                insert into customer (id, kind, title, first_name, last_name, postcode, date_of_birth, created_channel)
                select copy * 100 + c.id, c.kind, c.title, c.first_name, c.last_name, c.postcode, c.date_of_birth,
                       c.created_channel
                  from customer c cross join generate_series(1, 4) copy
                 where c.id in (1, 2, 3, 5)
                """).update();
        jdbc.sql("""
                insert into customer_order (id, owner_id, channel, confirmed_at)
                select copy * 100 + o.id, copy * 100 + o.owner_id, o.channel, o.confirmed_at
                  from customer_order o cross join generate_series(1, 4) copy
                 where o.id between 1 and 5
                """).update();
        jdbc.sql("""
                insert into ticket (id, order_id, line_number, event_instance_id, price_band_id, price, status,
                                    returned_at)
                select copy * 100 + t.id, copy * 100 + t.order_id, t.line_number, t.event_instance_id, t.price_band_id,
                       t.price, t.status, t.returned_at
                  from ticket t cross join generate_series(1, 4) copy
                 where t.order_id between 1 and 5
                """).update();
    }

    @Test
    void facilitatedSalesReportBothCustomersOfAFacilitatedOrderAndTheOwnerOnlyOtherwise() throws IOException {
        // covers F-9: orders confirmed 1–7 Oct, in order of confirmation, are 7 (Ada, 1 Oct), 3 (Ben, 2 Oct),
        // 2 (Kim, facilitated by Ben, 5 Oct) and 4 (Dee, 7 Oct).
        List<List<Object>> rows = rows(run("facilitated-sales", null, Map.of("period", "2026-10-01..2026-10-07")));
        assertThat(rows.get(0)).containsExactly("Order id", "Confirmed at", "Ticket id", "Event", "Performance",
                "Price band", "Price", "Ticket status", "Facilitator Email Address", "Facilitator First Name",
                "Facilitator Id", "Facilitator Last Name", "Facilitator Mobile Number", "Facilitator Name",
                "Facilitator Phone Number", "Facilitator Title", "Owner Email Address", "Owner First Name", "Owner Id",
                "Owner Last Name", "Owner Mobile Number", "Owner Name", "Owner Phone Number", "Owner Title",
                "Relationship Email Address");
        assertThat(rows).hasSize(1 + 9);
        assertThat(rows.get(5)).containsExactly(2.0, LocalDateTime.of(2026, 10, 5, 10, 0), 3.0, "Macbeth",
                LocalDateTime.of(2026, 10, 7, 19, 30), "Standard", 15.0, "Sold",
                "ben@example.org", "Ben", 2.0, "Parent", "07700 900002", "Mr Ben Parent", null, "Mr",
                null, "Kim", 3.0, "Parent", null, "Kim Parent", null, null,
                "ben@example.org");
        assertThat(rows.get(4)).containsExactly(3.0, LocalDateTime.of(2026, 10, 2, 13, 0), 7.0, "Hamlet",
                LocalDateTime.of(2026, 10, 8, 19, 30), "Standard", 25.0, "Returned",
                null, null, null, null, null, null, null, null,
                "ben@example.org", "Ben", 2.0, "Parent", "07700 900002", "Mr Ben Parent", null, "Mr",
                "ben@example.org");
        assertThat(rows.stream().skip(1).map(row -> row.get(0))).containsExactly(7.0, 3.0, 3.0, 3.0, 2.0, 2.0, 4.0,
                4.0, 4.0);
    }

    @Test
    void everyPartnerReportRunForOnePartnerHoldsNothingOfAnother() throws IOException {
        // covers R-1: Othello, Dee's opt-in and partner 2's name appear in none of partner 1's files.
        for (String report : List.of("partner-optin-list", "partner-event-sales", "partner-instance-sales",
                "partner-customer-behaviour", "partner-demographics")) {
            Map<String, String> parameters = report.equals("partner-optin-list") ? Map.of() : Map.of("period", WEEK);
            Path file = run(report, 1L, parameters);
            String everything = Spreadsheets.sheets(file).toString() + Spreadsheets.about(file);
            assertThat(everything).as(report).doesNotContain("Othello").doesNotContain("dee@example.org")
                    .doesNotContain("Southern Cross").doesNotContain("Cats");
        }
    }

    @Test
    void aCompletedRunRecordsItsRowsSizeChecksumAndExpiryAndLeavesNoPartialFile() throws IOException {
        ReportRun run = launcher.run(new RunRequest("partner-event-sales", 1L, Map.of("period", WEEK),
                OutputFormat.XLSX, "tests"));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.rowCount()).isEqualTo(2);
        Path file = Path.of(run.location());
        assertThat(run.fileSize()).isEqualTo(Files.size(file));
        assertThat(run.sha256()).isEqualTo(Checksums.sha256(file));
        assertThat(run.cutoffAt()).isEqualTo(CUTOFF);
        assertThat(run.expiresAt()).isEqualTo(CUTOFF.plus(Duration.ofDays(30)));
        assertThat(run.parametersResolved()).containsEntry("periodFrom", "2026-10-05")
                .containsEntry("periodTo", "2026-10-11").containsEntry("periodLabel", "5–11 Oct 2026");
        assertThat(run.fileName()).isEqualTo("Event sales 2026-10-05 to 2026-10-11 (run " + run.id() + ").xlsx");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }
        // The job repository says what the execution was: its identifying parameters.
        assertThat(jdbc.sql("""
                select parameter_name || '=' || parameter_value from batch_job_execution_params
                 where job_execution_id = :execution and identifying = 'Y' order by parameter_name
                """).param("execution", run.jobExecutionId()).query(String.class).list())
                .containsExactly("parameter.period=" + WEEK, "parameter.periodFrom=2026-10-05",
                        "parameter.periodLabel=5–11 Oct 2026", "parameter.periodTo=2026-10-11", "partnerCompanyId=1",
                        "report=partner-event-sales", "runId=" + run.id());
    }

    private Path run(String report, Long partner, Map<String, String> parameters) {
        return completed(launcher, new RunRequest(report, partner, parameters, OutputFormat.XLSX, "tests"));
    }

    /** The file of a run that completed. */
    static Path completed(ReportLauncher launcher, RunRequest request) {
        ReportRun run = launcher.run(request);
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return Path.of(run.location());
    }

    private static List<List<Object>> rows(Path file) throws IOException {
        return Spreadsheets.rows(file);
    }

    /**
     * The hand-built venue of venue.sql, on the emptied store, and an empty reports directory (run ids
     * start again at 1 with every emptied store, so older files would otherwise share their names).
     */
    static void loadVenue(DataSource dataSource, ReportSettings settings) {
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
        FileSystemUtils.deleteRecursively(settings.directory().toFile());
    }

    /**
     * The cut-off of every run in these tests: noon UTC on 20 October 2026. Imported, not annotated: a nested
     * {@code @TestConfiguration} would be added to this class's context alone, and not shared with the others.
     */
    static class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(CUTOFF, ZoneOffset.UTC);
        }
    }
}
