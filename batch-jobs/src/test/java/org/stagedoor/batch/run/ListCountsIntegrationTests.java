package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ListCounts.Funnel;
import org.stagedoor.batch.run.ListCounts.ListCount;
import org.stagedoor.batch.run.ListCounts.SegmentCount;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.order.OrderPlacement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Live counts (issue 14 part 3) over the hand-built venue of {@code venue.sql}, counted at the tests' cut-off,
 * noon UTC on Tuesday 20 October 2026, so "last-30-days" is 20 September to 19 October in London.
 *
 * <pre>
 * Northern Lights (partner 1): Hamlet, Macbeth. Southern Cross (2): Macbeth, Othello.
 * SOLD tickets in the period, for Northern's events:
 *   by owner:       Ada 3, Kim 2, Ben 2, Dee 1      (Ben facilitated Kim's order)
 *   by facilitator: Ada 3, Ben 4, Dee 1
 * Ticket spend on Northern's events in orders confirmed in the period: by facilitator Ben 90, Dee 15.
 * With email: Ada, Ben, Mallory, Dee. YES for Northern: Ada, Mallory, Nora (no email); Ben said NO on 12 Oct.
 * </pre>
 */
@SpringBootTest(properties = "stagedoor.reports.count-timeout=700ms")
@Import(ReportJobIntegrationTests.FixedClock.class)
class ListCountsIntegrationTests extends VenueIntegrationTest {

    private static final long NORTHERN = 1L;

    @Autowired
    ListCounts counts;

    @Autowired
    OrderPlacement placement;

    @Autowired
    CustomerErasure erasure;

    @Test
    @DisplayName("covers issue 14 item 3: each segment and the running total through AND, OR and EXCEPT, F-10")
    void countsEachSegmentAndTheResultAfterEachAcrossOperatorsAndGroupings() {
        ListCount count = counts.count(list("""
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": 1, "period": "last-30-days"},
                {"operator": "AND", "type": "has-email"},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": 1, "states": ["YES"]},
                {"operator": "EXCEPT", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": 1,
                 "period": "last-30-days", "minTickets": 3},
                {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["TICKET"],
                 "partnerCompany": 1, "minAmount": 40, "period": "last-30-days"}
                """, "\"id\""), null, "tests");

        assertThat(count.segments()).extracting(SegmentCount::type, SegmentCount::operator, SegmentCount::customers,
                SegmentCount::runningTotal).containsExactly(
                        tuple("booking", null, 4L, 4L),              // Ada, Kim, Ben, Dee
                        tuple("has-email", "AND", 4L, 3L),           // Ada, Ben, Dee
                        tuple("partner-preference", "OR", 3L, 5L),   // + Mallory, Nora
                        tuple("booking", "EXCEPT", 2L, 3L),          // - Ada, Ben
                        tuple("purchasing", "OR", 1L, 4L));          // + Ben
        assertThat(count.total()).isEqualTo(4L);
        assertThat(count.funnel()).isNull();
    }

    /**
     * A list with a booking segment of at least one ticket is counted as sorted sets of customers (V35), where
     * "has email" and "never asked" are kept as the customers they leave out: these two lists take each operator
     * between a set and such a complement, both ways round, and between two of each.
     */
    @Test
    @DisplayName("covers issue 14 item 3, P-3: bookings with never asked and has-email, every way round, exact")
    void aListWithBookingsCombinesSegmentsAndTheirComplementsExactly() {
        ListCount first = counts.count(list("""
                {"type": "has-email"},
                {"operator": "AND", "type": "booking", "groupBy": "OWNER", "partnerCompany": 1,
                 "period": "last-30-days"},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": 2, "states": ["NOT_ASKED"]},
                {"operator": "EXCEPT", "type": "has-email"},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": 1, "states": ["NOT_ASKED"]},
                {"operator": "OR", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": 1,
                 "period": "last-30-days"}
                """, "\"id\""), null, "tests");
        assertThat(first.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal).containsExactly(
                tuple(4L, 4L),   // Ada, Ben, Mallory, Dee
                tuple(4L, 3L),   // Ada, Kim, Ben, Dee booked: Ada, Ben, Dee
                tuple(4L, 6L),   // never asked by Southern: Ben, Kim, Mallory, Nora: everyone
                tuple(4L, 2L),   // less those with an email: Kim, Nora
                tuple(2L, 1L),   // never asked by Northern: Kim, Dee: Kim
                tuple(3L, 4L));  // Ada, Ben, Dee made bookings: Ada, Ben, Kim, Dee

        ListCount second = counts.count(list("""
                {"type": "partner-preference", "partnerCompany": 1, "states": ["NOT_ASKED"]},
                {"operator": "OR", "type": "has-email"},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": 2, "states": ["NOT_ASKED"]},
                {"operator": "OR", "type": "booking", "groupBy": "OWNER", "partnerCompany": 1,
                 "period": "last-30-days"},
                {"operator": "AND", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": 1,
                 "period": "last-30-days"},
                {"operator": "AND", "type": "has-email", "value": false}
                """, "\"id\""), null, "tests");
        assertThat(second.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal).containsExactly(
                tuple(2L, 2L),   // Kim, Dee
                tuple(4L, 5L),   // with an email, Ada, Ben, Mallory, Dee: all but Nora
                tuple(4L, 3L),   // never asked by Southern, Ben, Kim, Mallory, Nora: Ben, Kim, Mallory
                tuple(4L, 5L),   // booked, Ada, Kim, Ben, Dee: all but Nora
                tuple(3L, 3L),   // made bookings: Ada, Ben, Dee
                tuple(2L, 0L));  // Kim and Nora have no email: nobody
    }

    @Test
    @DisplayName("covers issue 14 item 3: the consent funnel of a partner company's list, R-6")
    void aPartnerListShowsWhomConsentLeavesOutAndWhoIsSharedWithoutAnEmailAddress() {
        String segments = """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": "run", "period": "last-30-days"},
                {"operator": "OR", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": "run",
                 "period": "last-30-days"},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}
                """;
        ListCount withEmail = counts.count(list(segments, "\"id\", \"email\""), NORTHERN, "tests");

        assertThat(withEmail.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(tuple(4L, 4L), tuple(3L, 4L), tuple(3L, 6L));
        // Six matched; Ben (NO), Kim and Dee (never asked) have no YES; Nora is shared with no email address.
        assertThat(withEmail.funnel()).isEqualTo(new Funnel(6, 3, 3, 1L));
        assertThat(counts.count(list(segments, "\"id\""), NORTHERN, "tests").funnel())
                .isEqualTo(new Funnel(6, 3, 3, null));
    }

    @Test
    @DisplayName("covers issue 14 item 3: a partner list mixing has-email with other segments, each count exact")
    void aPartnerListWithAHasEmailSegmentCountsEachSegmentAndTheFunnelExactly() {
        ListCount count = counts.count(list("""
                {"type": "has-email"},
                {"operator": "AND", "type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
                 "period": "last-30-days"},
                {"operator": "EXCEPT", "type": "partner-preference", "partnerCompany": "run", "states": ["NO"]}
                """, "\"id\", \"email\""), NORTHERN, "tests");

        assertThat(count.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(
                        tuple(4L, 4L),   // Ada, Ben, Mallory, Dee
                        tuple(4L, 3L),   // Ada, Kim, Ben, Dee booked: Ada, Ben, Dee
                        tuple(1L, 2L));  // Ben said NO: Ada, Dee
        // Of Ada and Dee only Ada said YES to the company, and she has an email address.
        assertThat(count.funnel()).isEqualTo(new Funnel(2, 1, 1, 0L));
    }

    @Test
    @DisplayName("covers issue 14 item 3, P-3: never asked (no record counts) and has-email, mixed, each count exact")
    void listsOfNeverAskedAndHasEmailSegmentsCountTheCustomersInNoSegmentsExpressionExactly() {
        String segments = """
                {"type": "partner-preference", "partnerCompany": 1, "states": ["NOT_ASKED"]},
                {"operator": "OR", "type": "has-email", "value": false},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": 2,
                 "states": ["NOT_ASKED", "YES"]},
                {"operator": "EXCEPT", "type": "has-email"}
                """;
        ListCount count = counts.count(list(segments, "\"id\""), null, "tests");

        assertThat(count.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(
                        tuple(2L, 2L),   // Kim and Dee have no record for Northern Lights
                        tuple(2L, 3L),   // Kim and Nora have no email: Kim, Dee, Nora
                        tuple(5L, 3L),   // all but Ada (NO to Southern Cross)
                        tuple(4L, 2L));  // Ada, Ben, Mallory and Dee have an email: Kim, Nora
        assertThat(count.total()).isEqualTo(2L);

        ListCount forNorthern = counts.count(list("""
                {"type": "partner-preference", "partnerCompany": "run", "states": ["NOT_ASKED"]},
                {"operator": "OR", "type": "has-email", "value": false}
                """, "\"id\", \"email\""), NORTHERN, "tests");
        // Kim, Dee and Nora matched; only Nora said YES to Northern Lights, and she has no email address.
        assertThat(forNorthern.funnel()).isEqualTo(new Funnel(3, 2, 1, 1L));
    }

    @Test
    @DisplayName("covers issue 14 item 3, P-3: preference segments of two companies, joined, each count exact")
    void aListOfPreferenceSegmentsAloneCountsEachSegmentAndTheRunningTotalExactly() {
        ListCount count = counts.count(list("""
                {"type": "partner-preference", "partnerCompany": 1, "states": ["YES"]},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": 2, "states": ["NO"]},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": 1, "states": ["NO"]}
                """, "\"id\""), null, "tests");

        assertThat(count.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(
                        tuple(3L, 3L),   // Ada, Mallory, Nora said YES to Northern Lights
                        tuple(1L, 1L),   // Ada said NO to Southern Cross
                        tuple(1L, 2L));  // Ben said NO to Northern Lights: Ada, Ben
        assertThat(count.total()).isEqualTo(2L);
    }

    @Test
    @DisplayName("covers issue 14 item 3, P-3: one company's preferences and has-email, counted by group, exact")
    void aListOfOneCompanysPreferencesAndHasEmailCountsEachSegmentExactly() {
        ListCount count = counts.count(list("""
                {"type": "partner-preference", "partnerCompany": 1, "states": ["YES"]},
                {"operator": "AND", "type": "has-email"},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": 1, "states": ["NOT_ASKED"]},
                {"operator": "EXCEPT", "type": "has-email", "value": false}
                """, "\"id\""), null, "tests");

        assertThat(count.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(
                        tuple(3L, 3L),   // Ada, Mallory, Nora said YES to Northern Lights
                        tuple(4L, 2L),   // Ada, Ben, Mallory, Dee have an email: Ada, Mallory
                        tuple(2L, 4L),   // Kim and Dee have no record for it: Ada, Mallory, Kim, Dee
                        tuple(2L, 3L));  // Kim and Nora have no email: Ada, Mallory, Dee
        assertThat(count.total()).isEqualTo(3L);
    }

    @Test
    @DisplayName("covers issue 14 item 3, P-3: two companies' preferences and has-email, counted by group, exact")
    void aListOfTwoCompaniesPreferencesAndHasEmailCountsEachGroupOfCustomersExactly() {
        // Ada has entries for both companies, Ben, Mallory and Nora for Northern Lights only, Dee for Southern Cross
        // only, Kim for neither.
        ListCount count = counts.count(list("""
                {"type": "partner-preference", "partnerCompany": 1, "states": ["NO", "NOT_ASKED"]},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": 2, "states": ["YES"]},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": 2, "states": ["NOT_ASKED"]},
                {"operator": "EXCEPT", "type": "has-email", "value": false}
                """, "\"id\""), null, "tests");

        assertThat(count.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(
                        tuple(3L, 3L),   // Ben said NO to Northern Lights; Kim and Dee have no record for it
                        tuple(1L, 1L),   // Dee said YES to Southern Cross: Dee
                        tuple(4L, 5L),   // Ben, Kim, Mallory, Nora have no record for it: Dee and those four
                        tuple(2L, 3L));  // Kim and Nora have no email: Dee, Ben, Mallory
        assertThat(count.total()).isEqualTo(3L);
    }

    @Test
    @DisplayName("covers issue 14 item 3: has-email lists count only the customers with or without an address")
    void hasEmailListsCountTheCustomersWithAndWithoutAnAddressExactly() {
        assertThat(counts.count(list("{\"type\": \"has-email\"}", "\"id\""), null, "tests").total())
                .isEqualTo(4L);   // Ada, Ben, Mallory, Dee
        assertThat(counts.count(list("{\"type\": \"has-email\", \"value\": false}", "\"id\""), null, "tests")
                .total()).isEqualTo(2L);   // Kim, Nora
        ListCount bookersWithout = counts.count(list("""
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": 1, "period": "last-30-days"},
                {"operator": "AND", "type": "has-email", "value": false}
                """, "\"id\""), null, "tests");

        assertThat(bookersWithout.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(
                        tuple(4L, 4L),   // Ada, Kim, Ben, Dee
                        tuple(2L, 1L));  // Kim and Nora have no email: Kim
    }

    @Test
    @DisplayName("covers issue 14 item 3: the count's shared number is the number of rows of the run's file")
    void everyListOfTheCorpusSharesExactlyAsManyCustomersAsItsRunWritesRows() throws IOException, CsvException {
        List<Map.Entry<Long, String>> corpus = List.of(
                Map.entry(0L, list("{\"type\": \"has-email\"}", "\"id\", \"name\", \"email\"")),
                Map.entry(0L, list("""
                        {"type": "booking", "groupBy": "FACILITATOR", "period": "previous-month"},
                        {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"],
                         "minAmount": 30, "period": "last-30-days"}""", "\"id\", \"postcode\"")),
                Map.entry(0L, list("""
                        {"type": "partner-preference", "partnerCompany": 2, "states": ["NOT_ASKED", "NO"]},
                        {"operator": "EXCEPT", "type": "has-email", "value": false}""", "\"id\"")),
                Map.entry(NORTHERN, list("{\"type\": \"has-email\"}", "\"id\", \"email\"")),
                Map.entry(NORTHERN, list("""
                        {"type": "has-email"},
                        {"operator": "OR", "type": "has-email", "value": false}""",
                        "\"id\", \"first_name\", \"preference_set_at\"")),
                Map.entry(NORTHERN, list("""
                        {"type": "booking", "groupBy": "OWNER", "partnerCompany": "run", "period": "last-30-days",
                         "minTickets": 2},
                        {"operator": "AND", "type": "partner-preference", "partnerCompany": "run",
                         "states": ["YES", "NOT_ASKED"]}""", "\"id\", \"email\"")),
                Map.entry(NORTHERN, list("""
                        {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["TICKET"], "partnerCompany": "run",
                         "minAmount": 0},
                        {"operator": "OR", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]},
                        {"operator": "EXCEPT", "type": "has-email", "value": false}""", "\"id\"")),
                Map.entry(NORTHERN, list("""
                        {"type": "booking", "groupBy": "FACILITATOR", "partnerCompany": "run"},
                        {"operator": "OR", "type": "has-email", "value": false}""", "\"id\", \"email\"")));
        for (Map.Entry<Long, String> entry : corpus) {
            Long partner = entry.getKey() == 0L ? null : entry.getKey();
            ListCount count = counts.count(entry.getValue(), partner, "tests");
            ReportRun run = launcher.run(new RunRequest(ReportCatalogue.CUSTOMER_LIST, partner,
                    Map.of("list", entry.getValue()), OutputFormat.CSV, "tests"));
            assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);

            List<String[]> lines;
            try (CSVReader csv = new CSVReader(Files.newBufferedReader(Path.of(run.location()),
                    StandardCharsets.UTF_8))) {
                lines = csv.readAll();
            }
            List<String[]> rows = lines.subList(1, lines.size());
            long counted = partner == null ? count.total() : count.funnel().shared();
            assertThat(counted).as(entry.getValue()).isEqualTo(rows.size()).isEqualTo(run.rowCount());
            int email = List.of(lines.get(0)).indexOf("Email");
            if (partner != null && email >= 0) {
                assertThat(count.funnel().sharedWithoutEmail()).as(entry.getValue())
                        .isEqualTo(rows.stream().filter(row -> row[email].isEmpty()).count());
            }
        }
    }

    @Test
    @DisplayName("covers issue 14 item 3, R-6, P-8: a count follows a return, a preference change and an erasure")
    void aCountSeesAReturnedTicketAChangedPreferenceAndAnErasureAsSoonAsTheyAreCommitted() {
        String bookers = list("""
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": 1, "period": "last-30-days",
                 "minTickets": 2},
                {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["TICKET"],
                 "partnerCompany": 1, "minAmount": 70, "period": "last-30-days"}""", "\"id\"");
        String partnerList = list("""
                {"type": "has-email"},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}""",
                "\"id\", \"email\"");
        // Ada 3 tickets, Kim 2, Ben 2; Ben spent 90 as facilitator.
        assertThat(counts.count(bookers, null, "tests").segments())
                .extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(tuple(3L, 3L), tuple(1L, 3L));
        // Ada, Ben, Mallory, Dee with email; Ada, Mallory, Nora YES; shared: Ada, Mallory, Nora (no email).
        assertThat(counts.count(partnerList, NORTHERN, "tests").funnel()).isEqualTo(new Funnel(5, 2, 3, 1L));

        // Ben returns one of his two Hamlet tickets (25.00): one ticket left, 65 spent.
        placement.returnTicket(5L);
        // Mallory says no to Northern on 15 October, before the count's moment; Ada is erased.
        jdbc.sql("""
                update partner_preference set state = 'NO', set_at = '2026-10-15 10:00:00+00', channel = 'ACCOUNT_PAGE'
                 where customer_id = 4 and partner_company_id = 1
                """).update();
        erasure.erase(1L, "admin@venue.example");

        // Ada's orders stay: she still booked 3 tickets.
        assertThat(counts.count(bookers, null, "tests").segments())
                .extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(tuple(2L, 2L), tuple(0L, 2L));
        // With email: Ben, Mallory, Dee; YES now: Nora; shared: Nora only, who has no email address.
        ListCount partner = counts.count(partnerList, NORTHERN, "tests");
        assertThat(partner.segments()).extracting(SegmentCount::customers, SegmentCount::runningTotal)
                .containsExactly(tuple(3L, 3L), tuple(1L, 4L));
        assertThat(partner.funnel()).isEqualTo(new Funnel(4, 3, 1, 1L));
    }

    @Test
    @DisplayName("covers issue 14 item 3, R-6, P-8: an opted-in list's count reads consent as at the count's moment")
    void anOptedInListCountsConsentGivenOrWithdrawnAfterItsMomentAsTheRunDoes() throws IOException {
        String optedIn = list("{\"type\": \"has-email\"}", "\"id\", \"email\"");
        // With email: Ada, Ben, Mallory, Dee; YES: Ada, Mallory, and Nora, who has no email address.
        assertThat(counts.count(optedIn, NORTHERN, "tests").funnel()).isEqualTo(new Funnel(4, 2, 2, 0L));

        // After the count's moment (noon on 20 October): Ada says NO and Dee YES. Neither counts yet.
        jdbc.sql("""
                update partner_preference set state = 'NO', set_at = '2026-10-25 10:00:00+00', channel = 'ACCOUNT_PAGE'
                 where customer_id = 1 and partner_company_id = 1
                """).update();
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel)
                values (5, 1, 'YES', '2026-10-26 10:00:00+00', 'ACCOUNT_PAGE')
                """).update();
        assertThat(counts.count(optedIn, NORTHERN, "tests").funnel()).isEqualTo(new Funnel(4, 2, 2, 0L));

        // Before it: Mallory said NO on 15 October. Nora gives an email address.
        jdbc.sql("""
                update partner_preference set state = 'NO', set_at = '2026-10-15 10:00:00+00', channel = 'ACCOUNT_PAGE'
                 where customer_id = 4 and partner_company_id = 1
                """).update();
        jdbc.sql("update customer set email = 'nora@example.org' where id = 6").update();
        // With email now also Nora: five; shared Ada (YES at the moment) and Nora.
        ListCount count = counts.count(optedIn, NORTHERN, "tests");
        assertThat(count.funnel()).isEqualTo(new Funnel(5, 3, 2, 0L));

        ReportRun run = launcher.run(new RunRequest(ReportCatalogue.CUSTOMER_LIST, NORTHERN,
                Map.of("list", optedIn), OutputFormat.CSV, "tests"));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Files.readAllLines(Path.of(run.location()), StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    @DisplayName("covers issue 14 item 3, R-6, P-8: a list with bookings reads consent as at the count's moment")
    void aListWithBookingsCountsConsentWithdrawnAfterItsMomentAsTheRunDoes() throws IOException {
        String bookersOrYes = list("""
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": "run", "period": "last-30-days"},
                {"operator": "OR", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": "run",
                 "period": "last-30-days"}""", "\"id\", \"email\"");
        // Ada, Kim, Ben and Dee booked; of them only Ada said YES by the moment, and she has an address.
        assertThat(counts.count(bookersOrYes, NORTHERN, "tests").funnel()).isEqualTo(new Funnel(4, 3, 1, 0L));

        // After the count's moment (noon on 20 October) Ada says NO: the stored set of YES customers has lost her,
        // the consent in force at the moment has not.
        jdbc.sql("""
                update partner_preference set state = 'NO', set_at = '2026-10-25 10:00:00+00', channel = 'ACCOUNT_PAGE'
                 where customer_id = 1 and partner_company_id = 1
                """).update();
        assertThat(counts.count(bookersOrYes, NORTHERN, "tests").funnel()).isEqualTo(new Funnel(4, 3, 1, 0L));

        ReportRun run = launcher.run(new RunRequest(ReportCatalogue.CUSTOMER_LIST, NORTHERN,
                Map.of("list", bookersOrYes), OutputFormat.CSV, "tests"));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Files.readAllLines(Path.of(run.location()), StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    @DisplayName("covers issue 14 item 3: a definition a run would refuse is refused with the run's words")
    void aListARunWouldRefuseIsRefusedWithTheSameFieldErrors() {
        String foreign = list("{\"type\": \"partner-preference\", \"partnerCompany\": 2, \"states\": [\"YES\"]}",
                "\"id\"");

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> counts.count(foreign, NORTHERN, "tests"));

        assertThat(refused.errors()).isEqualTo(catchThrowableOfType(InvalidRequestException.class,
                () -> requestCheck.check(new RunRequest(ReportCatalogue.CUSTOMER_LIST, NORTHERN,
                        Map.of("list", foreign), OutputFormat.CSV, "tests"))).errors());
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("list.segments[0].partnerCompany");
    }

    @Test
    @DisplayName("covers issue 14 item 3: a count never holds its caller longer than the count timeout")
    void aCountThatTakesTooLongIsStoppedWithAMessageInWords() throws Exception {
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("lock table customer, customer_email_tally in access exclusive mode");

            CountTookTooLong stopped = catchThrowableOfType(CountTookTooLong.class,
                    () -> counts.count(list("{\"type\": \"has-email\"}", "\"id\""), null, "tests"));

            assertThat(stopped.getMessage()).startsWith("Counting this list took longer than 700 milliseconds,"
                    + " so it was stopped.");
            blocker.rollback();
        }
    }

    private static String list(String segments, String columns) {
        return "{\"name\": \"Counted\", \"segments\": [" + segments + "], \"columns\": [" + columns + "]}";
    }
}
