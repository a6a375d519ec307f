package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Covers issue 13, privacy in aggregate reports: no group of fewer than 5 people (the default minimum) can be seen in,
 * or worked out from, a behaviour or demographics file. Small populations worked out by hand; where every group
 * holds 5 or more the files are as before (ReportJobIntegrationTests).
 */
@SpringBootTest
@Import(ReportJobIntegrationTests.FixedClock.class)
class SmallGroupsIntegrationTests extends VenueIntegrationTest {

    /** The note of every hidden number, whether under 5 or hidden to cover one. */
    private static final String HIDDEN = "Hidden so that no number under 5 can be seen or worked out";

    /** The week of venue.sql's performances. */
    private static final long OCTOBER_HAMLET = 2;

    /** A performance of Hamlet (partner 1) on Thursday 12 November 2026, the only one in its week. */
    private static final long NOVEMBER_HAMLET = 10;

    private static final String NOVEMBER = "2026-11-09..2026-11-15";

    /** Thursday 1 October 2026, 42 days before the November performance. */
    private static final String BOOKED = "2026-10-01 12:00:00+00";

    /** Born 1 January 1996: 30 at the cut-off. */
    private static final String THIRTY = "1996-01-01";

    @BeforeEach
    void novemberHamlet() {
        jdbc.sql("""
                insert into event_instance (id, event_id, starts_at, capacity)
                values (:id, 1, '2026-11-12 19:30:00+00', 200)
                """).param("id", NOVEMBER_HAMLET).update();
    }

    @Test
    @DisplayName("covers issue 13, privacy: 7 bookers, Unknown 5, two areas of 1 each cannot be worked out")
    void demographicsHideTheGroupThatWouldGiveTwoSmallOnesAway() throws IOException {
        // Seven bookers, all 30: five without a postcode, one in SW, one in M. Before, Unknown showed 5 and the age
        // band all 7, so the two areas shown as <5 held 1 each. Now SW and M (1 + 1, under 5) take the smallest
        // visible area, Unknown, with them: three hidden areas holding 7 between them. All three have the same note:
        // one saying Unknown was hidden only to cover the others would say it holds 5 or more, leaving 1 and 1.
        for (String postcode : Arrays.asList(null, null, null, null, null, "SW1A 2AA", "M1 1AE")) {
            booker(postcode, THIRTY, NOVEMBER_HAMLET, 1);
        }

        Path file = run("partner-demographics", NOVEMBER, OutputFormat.XLSX);

        assertThat(Spreadsheets.rows(file)).containsExactly(
                List.of("Dimension", "Category", "Customers", "Share", "Note"),
                Arrays.asList("Postcode area", "M", null, null, HIDDEN),
                Arrays.asList("Postcode area", "SW", null, null, HIDDEN),
                Arrays.asList("Postcode area", "Unknown", null, null, HIDDEN),
                Arrays.asList("Age band", "25–34", 7.0, 1.0, null));
        // Empty number cells, not text, so that a spreadsheet's sums still work.
        assertThat(Spreadsheets.types(file, 2)).containsExactly(CellType.STRING, CellType.BLANK, CellType.BLANK,
                CellType.BLANK, CellType.NUMERIC);
        assertThat(Spreadsheets.types(file, 3)).containsExactly(CellType.STRING, CellType.BLANK, CellType.BLANK,
                CellType.BLANK, CellType.NUMERIC);
        assertThat(Files.readString(run("partner-demographics", NOVEMBER, OutputFormat.CSV))).isEqualTo("""
                Dimension,Category,Customers,Share,Note\r
                Postcode area,M,,,Hidden so that no number under 5 can be seen or worked out\r
                Postcode area,SW,,,Hidden so that no number under 5 can be seen or worked out\r
                Postcode area,Unknown,,,Hidden so that no number under 5 can be seen or worked out\r
                Age band,25–34,7,100.0%,\r
                """);
    }

    @Test
    @DisplayName("covers issue 13, privacy: a small group takes every other group of its dimension with it")
    void demographicsHideTheLastVisibleGroupWhenTheSmallOnesAddUpToFewerThanFive() throws IOException {
        // Venue.sql's bookers of the week, Ada (SW, 36), Ben (none, none), Kim (none, 11) and Dee (sw, none), and
        // five more in M, all 30: nine. Areas: M 5, SW 2, Unknown 2; the hidden 2 + 2 are under 5, so M goes too.
        // Age bands: Under 18 1, 25–34 5, 35–44 1, Unknown 2; 1 + 1 + 2 are under 5, so 25–34 goes too.
        for (int fan = 0; fan < 5; fan++) {
            booker("M1 1AA", THIRTY, OCTOBER_HAMLET, 1);
        }

        assertThat(Spreadsheets.rows(run("partner-demographics", ReportJobIntegrationTests.WEEK,
                OutputFormat.XLSX))).containsExactly(
                        List.of("Dimension", "Category", "Customers", "Share", "Note"),
                        Arrays.asList("Postcode area", "M", null, null, HIDDEN),
                        Arrays.asList("Postcode area", "SW", null, null, HIDDEN),
                        Arrays.asList("Postcode area", "Unknown", null, null, HIDDEN),
                        Arrays.asList("Age band", "Under 18", null, null, HIDDEN),
                        Arrays.asList("Age band", "25–34", null, null, HIDDEN),
                        Arrays.asList("Age band", "35–44", null, null, HIDDEN),
                        Arrays.asList("Age band", "Unknown", null, null, HIDDEN));
    }

    @Test
    @DisplayName("covers issue 13, privacy: one order of 10 or more tickets is hidden with its complement")
    void behaviourHidesALoneLargeGroupWithTheNextSmallestGroupSizeAndEveryNumberOfTickets() throws IOException {
        // Twelve new customers, one order each on Thu 1 Oct for the 12 Nov performance (42 days ahead): six of 2
        // tickets, five of 4, one of 10; 42 tickets. Before, "10 or more" showed 1 order and 1 customer. Now it is
        // hidden, and with it the smallest visible group size, 4 (5 orders): 12 - 6 = 6 orders hidden in two sizes.
        // The tickets would still give them away (4 a + 10 b = 42 - 12 with a + b = 6 leaves a = 5, b = 1), so no
        // number of tickets is shown anywhere.
        for (int tickets : new int[] {2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 10}) {
            booker(null, null, NOVEMBER_HAMLET, tickets);
        }

        // The file's measures are sheets of their own; stacked again here, under a Measure column.
        assertThat(Spreadsheets.stacked(run("partner-customer-behaviour", NOVEMBER, OutputFormat.XLSX), "Measure"))
                .containsExactly(
                List.of("Measure", "Category", "Orders", "Customers", "Tickets", "Share", "Note"),
                Arrays.asList("Booking lead time", "28–55 days", 12.0, 12.0, null, 1.0, HIDDEN),
                Arrays.asList("Day of week of booking", "Thursday", 12.0, 12.0, null, 1.0, HIDDEN),
                Arrays.asList("Group size", "2", 6.0, 6.0, null, 0.5, HIDDEN),
                Arrays.asList("Group size", "4", null, null, null, null, HIDDEN),
                Arrays.asList("Group size", "10 or more", null, null, null, null, HIDDEN),
                Arrays.asList("New or returning", "New", 12.0, 12.0, null, 1.0, HIDDEN));
    }

    @Test
    @DisplayName("covers issue 13, privacy: fewer than 5 returning customers, though with 5 or more orders")
    void behaviourHidesFewerThanFiveCustomersWithTheirOrdersAndTheirComplement() throws IOException {
        // Three returning customers (they booked Hamlet on 20 Sep) with two orders each, and six new ones with one:
        // twelve orders of one ticket, nine customers. Returning: 6 orders but 3 customers, hidden with their share
        // and their orders (at least the customers, they narrow them down), and so their tickets. The customers of
        // the measure add up to all nine, and its orders to all twelve, so New is hidden too.
        for (int returning = 0; returning < 3; returning++) {
            long customer = booker(null, null, NOVEMBER_HAMLET, 1);
            order(customer, NOVEMBER_HAMLET, 1, BOOKED);
            order(customer, 6, 1, "2026-09-01 10:00:00+00");
        }
        for (int fresh = 0; fresh < 6; fresh++) {
            booker(null, null, NOVEMBER_HAMLET, 1);
        }

        // The file's measures are sheets of their own; stacked again here, under a Measure column.
        assertThat(Spreadsheets.stacked(run("partner-customer-behaviour", NOVEMBER, OutputFormat.XLSX), "Measure"))
                .containsExactly(
                List.of("Measure", "Category", "Orders", "Customers", "Tickets", "Share", "Note"),
                Arrays.asList("Booking lead time", "28–55 days", 12.0, 9.0, 12.0, 1.0, null),
                Arrays.asList("Day of week of booking", "Thursday", 12.0, 9.0, 12.0, 1.0, null),
                Arrays.asList("Group size", "1", 12.0, 9.0, 12.0, 1.0, null),
                hidden("New or returning", "New"),
                hidden("New or returning", "Returning"));
    }

    @Test
    @DisplayName("covers issue 13, privacy: a population of fewer than 5 shows no number at all")
    void behaviourOfFewerThanFiveCustomersShowsNoNumber() throws IOException {
        // Venue.sql's week: four orders of four customers (see ReportJobIntegrationTests for the categories), and
        // one customer, Kim, who booked both Hamlet and Macbeth.
        assertThat(Spreadsheets.stacked(run("partner-customer-behaviour", ReportJobIntegrationTests.WEEK,
                OutputFormat.XLSX), "Measure")).containsExactly(
                        List.of("Measure", "Category", "Orders", "Customers", "Tickets", "Share", "Note"),
                        hidden("Booking lead time", "Same day"),
                        hidden("Booking lead time", "1–6 days"),
                        hidden("Booking lead time", "28–55 days"),
                        hidden("Day of week of booking", "Monday"),
                        hidden("Day of week of booking", "Tuesday"),
                        hidden("Day of week of booking", "Wednesday"),
                        hidden("Day of week of booking", "Friday"),
                        hidden("Group size", "1"),
                        hidden("Group size", "2"),
                        hidden("New or returning", "New"),
                        hidden("New or returning", "Returning"),
                        hidden("Event crossover", "Hamlet × Macbeth"));
    }

    private static List<Object> hidden(String measure, String category) {
        return Arrays.asList(measure, category, null, null, null, null, HIDDEN);
    }

    private Path run(String report, String period, OutputFormat format) {
        return ReportJobIntegrationTests.completed(launcher,
                new RunRequest(report, 1L, Map.of("period", period), format, "tests"));
    }

    /** A new customer with one order of {@code tickets} tickets for {@code performance}, confirmed {@link #BOOKED}. */
    private long booker(String postcode, String born, long performance, int tickets) {
        long customer = jdbc.sql("""
                insert into customer (kind, first_name, last_name, postcode, date_of_birth, created_channel)
                values ('INDIVIDUAL', 'Test', 'Booker', :postcode, cast(:born as date), 'BOX_OFFICE')
                returning id
                """).param("postcode", postcode).param("born", born).query(Long.class).single();
        order(customer, performance, tickets, BOOKED);
        return customer;
    }

    private void order(long customer, long performance, int tickets, String confirmedAt) {
        long order = jdbc.sql("""
                insert into customer_order (owner_id, channel, confirmed_at)
                values (:owner, 'ONLINE', cast(:confirmed as timestamptz))
                returning id
                """).param("owner", customer).param("confirmed", confirmedAt).query(Long.class).single();
        jdbc.sql("""
                insert into ticket (order_id, line_number, event_instance_id, price_band_id, price)
                select :order, line, :performance, 1, 25.00 from generate_series(0, :tickets - 1) line
                """).param("order", order).param("performance", performance).param("tickets", tickets).update();
    }
}
