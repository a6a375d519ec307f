package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.order.OrderPlacement;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.pricing.Pricing;
import org.stagedoor.booking.relationship.Relationship;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Customer lists run on the real store, over a small venue worked out by hand. The run is on
 * Wednesday 11 Nov 2026 in London, so "previous-month" is October 2026 (BST until the 25th).
 *
 * <pre>
 * Partner companies North and South, both collecting preferences.
 * Events: Hamlet (North), Macbeth (North and South), Othello (South), Cats (none).
 *
 * Customers, in id order: Ada, Ben, Kim (Ben's child, no email), Dee, Eve (Dee's spouse), Fay,
 * Acme Ltd (an organisation, no email). Ben may act for Kim; Dee and Eve for each other.
 *
 * Order  owner  facilitator  confirmed    lines
 * O1     Kim    Ben          1 Oct        2 Hamlet 10 Oct at 20.00
 * O2     Ada    -            2 Oct        1 Macbeth 15 Oct at 25.00
 * O3     Eve    Dee          3 Oct        3 Othello 20 Oct at 15.00
 * O4     Dee    Eve          4 Oct        1 Hamlet 10 Oct at 20.00
 * O5     Fay    -            5 Oct        2 Hamlet 10 Oct at 30.00, one of them returned
 * O6     Ada    -            20 Sep       1 Hamlet 1 Oct 00:30 London (30 Sep 23:30 UTC) at 20.00
 * O7     Ben    -            6 Oct        1 Cats 5 Oct at 10.00
 * O8     Acme   -            2 Nov        1 Hamlet 5 Nov at 20.00
 * O9     Kim    Ben          7 Oct        Friends membership at 60.00
 * O10    Ada    -            8 Oct        donation of 50.00
 *
 * Preferences   North      South
 * Ada           YES        NO
 * Ben           NO         -
 * Kim           -          -
 * Dee           NOT_ASKED  YES
 * Eve           YES        YES
 * Fay           YES        -
 * Acme          -          -
 * </pre>
 */
@SpringBootTest
class CustomerListIntegrationTests extends StoreIntegrationTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 11);

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    Relationships relationships;

    @Autowired
    Events events;

    @Autowired
    Pricing pricing;

    @Autowired
    PartnerPreferences preferences;

    @Autowired
    OrderPlacement placement;

    @Autowired
    CustomerListCompiler compiler;

    PartnerCompany north;

    PartnerCompany south;

    long hamlet;

    long macbeth;

    long othello;

    Customer ada;

    Customer ben;

    Customer kim;

    Customer dee;

    Customer eve;

    Customer fay;

    Customer acme;

    PriceBand band;

    @BeforeEach
    void smallVenue() {
        north = fixtures.partner("North", true);
        south = fixtures.partner("South", true);
        hamlet = events.create("Hamlet", Set.of(north.id())).id();
        macbeth = events.create("Macbeth", Set.of(north.id(), south.id())).id();
        othello = events.create("Othello", Set.of(south.id())).id();
        long cats = events.create("Cats", Set.of()).id();
        EventInstance hamletOct = events.addInstance(hamlet, Instant.parse("2026-10-10T18:30:00Z"), 100);
        EventInstance hamletFirstOct = events.addInstance(hamlet, Instant.parse("2026-09-30T23:30:00Z"), 100);
        EventInstance hamletNov = events.addInstance(hamlet, Instant.parse("2026-11-05T19:30:00Z"), 100);
        EventInstance macbethOct = events.addInstance(macbeth, Instant.parse("2026-10-15T18:30:00Z"), 100);
        EventInstance othelloOct = events.addInstance(othello, Instant.parse("2026-10-20T18:30:00Z"), 100);
        EventInstance catsOct = events.addInstance(cats, Instant.parse("2026-10-05T18:30:00Z"), 100);
        band = fixtures.standardBand();
        long friends = pricing.createScheme("Friends", new BigDecimal("60.00")).id();

        ada = fixtures.person("Ada", "Lovelace");
        ben = fixtures.person("Ben", "Parent");
        kim = fixtures.personWithoutEmail("Kim", "Parent");
        dee = fixtures.person("Dee", "Spouse");
        eve = fixtures.person("Eve", "Spouse");
        fay = fixtures.person("Fay", "Returner");
        acme = fixtures.organisation("Acme Ltd");
        Relationship benForKim = relationships.link(fixtures.parentChild().id(), ben.id(), kim.id(), 1);
        Relationship spouses = relationships.link(relationships.defineType("Spouse", "Spouse", true, true).id(),
                dee.id(), eve.id(), 1);

        long o1 = order(kim, ben, benForKim, "2026-10-01T10:00:00Z");
        tickets(o1, hamletOct, band, "20.00", 2);
        tickets(order(ada, null, null, "2026-10-02T10:00:00Z"), macbethOct, band, "25.00", 1);
        tickets(order(eve, dee, spouses, "2026-10-03T10:00:00Z"), othelloOct, band, "15.00", 3);
        tickets(order(dee, eve, spouses, "2026-10-04T10:00:00Z"), hamletOct, band, "20.00", 1);
        List<Long> fays = tickets(order(fay, null, null, "2026-10-05T10:00:00Z"), hamletOct, band, "30.00", 2);
        placement.returnTicket(fays.get(1));
        tickets(order(ada, null, null, "2026-09-20T10:00:00Z"), hamletFirstOct, band, "20.00", 1);
        tickets(order(ben, null, null, "2026-10-06T10:00:00Z"), catsOct, band, "10.00", 1);
        tickets(order(acme, null, null, "2026-11-02T10:00:00Z"), hamletNov, band, "20.00", 1);
        jdbc.sql("""
                insert into membership (order_id, line_number, membership_scheme_id, member_id, valid_from, valid_to,
                                        price)
                values (:order, 0, :scheme, :member, date '2026-10-07', date '2027-10-06', 60.00)
                """).param("order", order(kim, ben, benForKim, "2026-10-07T10:00:00Z")).param("scheme", friends)
                .param("member", kim.id()).update();
        jdbc.sql("""
                insert into donation (order_id, line_number, fund, amount) values (:order, 0, 'Building fund', 50.00)
                """).param("order", order(ada, null, null, "2026-10-08T10:00:00Z")).update();

        prefer(ada, north, PreferenceState.YES);
        prefer(ada, south, PreferenceState.NO);
        prefer(ben, north, PreferenceState.NO);
        prefer(dee, north, PreferenceState.NOT_ASKED);
        prefer(dee, south, PreferenceState.YES);
        prefer(eve, north, PreferenceState.YES);
        prefer(eve, south, PreferenceState.YES);
        prefer(fay, north, PreferenceState.YES);
    }

    /** Covers F-10: the same tickets credited to owners or to the people who made the orders. */
    @Test
    void bookingByOwnerCountsTheOrdersOwnersAndByFacilitatorTheirMakers() {
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "period": "previous-month"}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, kim, dee, fay));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "FACILITATOR", "partnerCompany": %d, "period": "previous-month"}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, ben, eve, fay));
    }

    /** Covers F-10 with a threshold: Ben made Kim's two tickets, Dee and Eve one for each other. */
    @Test
    void minimumTicketsCountPerOwnerOrPerFacilitatorAndNeverCountReturnedTickets() {
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "period": "previous-month",
                 "minTickets": 2}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, kim));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "FACILITATOR", "partnerCompany": %d, "period": "previous-month",
                 "minTickets": 2}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, ben));
    }

    @Test
    void bookingPeriodsAreJudgedByPerformanceTimeInTheVenuesZone() {
        // Ada's second Hamlet starts at 00:30 on 1 October in London, still 30 September in UTC.
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "period": "2026-10-01..2026-10-01"}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "period": "month-to-date"}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(acme));
    }

    /** Covers P-3: NOT_ASKED selects the explicit NOT_ASKED and every customer never asked. */
    @Test
    void notAskedIncludesCustomersWithNoPreferenceRecord() {
        assertThat(selected(venueRun(), """
                {"type": "partner-preference", "partnerCompany": %d, "states": ["NOT_ASKED"]}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(kim, dee, acme));
        assertThat(selected(venueRun(), """
                {"type": "partner-preference", "partnerCompany": %d, "states": ["YES"]}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, eve, fay));
        assertThat(selected(venueRun(), """
                {"type": "partner-preference", "partnerCompany": %d, "states": ["NO", "NOT_ASKED"]}
                """.formatted(south.id()))).containsExactlyElementsOf(ids(ada, ben, kim, fay, acme));
    }

    @Test
    void selectsCustomersWithoutAnEmailAddressWithTheirDisplayNames() {
        CompiledList list = compile(venueRun(), """
                {"type": "has-email", "value": false}
                """, "\"id\", \"name\", \"organisation_name\", \"email\"");

        assertThat(jdbc.sql(list.sql()).params(list.parameters())
                .query((rs, row) -> tuple(rs.getLong("id"), rs.getString("name"), rs.getString("organisation_name"),
                        rs.getString("email")))
                .list()).containsExactly(tuple(kim.id(), "Kim Parent", null, null),
                        tuple(acme.id(), "Acme Ltd", "Acme Ltd", null));
    }

    /** Covers R-2 and P-2: Macbeth belongs to both companies and counts for each, once. */
    @Test
    void anEventSharedByTwoPartnerCompaniesCountsForEachOfThemOnce() {
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "period": "previous-month"}
                """.formatted(south.id()))).containsExactlyElementsOf(ids(ada, eve));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "eventIds": [%d]}
                """.formatted(north.id(), macbeth))).containsExactlyElementsOf(ids(ada));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "eventIds": [%d]}
                """.formatted(south.id(), macbeth))).containsExactlyElementsOf(ids(ada));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "eventIds": [%d], "minTickets": 2}
                """.formatted(macbeth))).isEmpty();
    }

    @Test
    void eventIdsOutsideThePartnerCompanysEventsSelectNobody() {
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "eventIds": [%d]}
                """.formatted(north.id(), othello))).isEmpty();
    }

    @Test
    void andKeepsCustomersInBothSegments() {
        assertThat(selected(venueRun(), """
                {"type": "has-email"},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": %d, "states": ["YES"]}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, eve, fay));
    }

    @Test
    void orKeepsCustomersInEitherSegment() {
        assertThat(selected(venueRun(), """
                {"type": "partner-preference", "partnerCompany": %d, "states": ["NO"]},
                {"operator": "OR", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": %d,
                 "period": "previous-month"}
                """.formatted(north.id(), south.id()))).containsExactlyElementsOf(ids(ada, ben, dee));
    }

    @Test
    void exceptRemovesTheSegmentsCustomers() {
        assertThat(selected(venueRun(), """
                {"type": "has-email"},
                {"operator": "EXCEPT", "type": "booking", "groupBy": "OWNER", "partnerCompany": %d,
                 "period": "previous-month"}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ben, eve));
    }

    /** SQL alone would intersect first and keep Acme; the documented order is left to right. */
    @Test
    void segmentsCombineLeftToRightNotBySqlPrecedence() {
        assertThat(selected(venueRun(), """
                {"type": "has-email", "value": false},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": %1$d, "states": ["YES"]},
                {"operator": "AND", "type": "booking", "groupBy": "OWNER", "partnerCompany": %1$d,
                 "period": "previous-month"}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ada, kim, fay));
    }

    @Test
    void purchasingAddsUpSoldTicketsOfOrdersConfirmedInThePeriod() {
        // Owners' October tickets: Kim 40, Ada 25 (her September order does not count), Eve 45, Dee 20,
        // Fay 30 (the returned ticket does not count), Ben 10.
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 30.01,
                 "period": "previous-month"}
                """)).containsExactlyElementsOf(ids(kim, eve));
    }

    /** Covers F-10: a membership and tickets Ben bought for Kim are his as facilitator, hers as owner. */
    @Test
    void purchasingAddsMembershipsDonationsAndTicketsPerOwnerOrPerFacilitator() {
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["MEMBERSHIP", "DONATION", "TICKET"],
                 "minAmount": 50, "period": "previous-month"}
                """)).containsExactlyElementsOf(ids(ada, ben));
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["MEMBERSHIP", "DONATION", "TICKET"],
                 "minAmount": 50, "period": "previous-month"}
                """)).containsExactlyElementsOf(ids(ada, kim));
    }

    /**
     * Covers F-10 and issue 14 item 3: a venue's segment over every event reads each customer's totals (V31), less
     * what was bought outside the period when the store's sales lie mostly within it (October here: sales from 20
     * September to 5 November), and the summary rows of the period otherwise (the previous week); the same customers.
     */
    @Test
    void theVenuesSegmentsOverEveryEventSelectTheSameCustomersFromEachCustomersTotals() {
        // Any amount in October: Acme bought tickets only on 2 November, Ada also on 20 September.
        String anyTicketsInOctober = """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 0,
                 "period": "previous-month"}""";
        assertThat(compile(venueRun(), anyTicketsInOctober, "\"id\"").sql()).contains("customer_purchase_total");
        assertThat(selected(venueRun(), anyTicketsInOctober)).containsExactlyElementsOf(ids(ada, ben, kim, dee, eve,
                fay));
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["MEMBERSHIP", "DONATION"], "minAmount": 0,
                 "period": "previous-month"}""")).containsExactlyElementsOf(ids(ada, kim));
        // October's performances (Ada's Hamlet at 00:30 on 1 October and her Macbeth; Acme's Hamlet is in November).
        String twoTicketsInOctober = """
                {"type": "booking", "groupBy": "OWNER", "period": "previous-month", "minTickets": 2}""";
        assertThat(compile(venueRun(), twoTicketsInOctober, "\"id\"").sql()).contains("customer_purchase_total");
        assertThat(selected(venueRun(), twoTicketsInOctober)).containsExactlyElementsOf(ids(ada, kim, eve));
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "FACILITATOR", "period": "previous-month"}"""))
                .containsExactlyElementsOf(ids(ada, ben, dee, eve, fay));
        // All time, by facilitator: Ben 40 + 60 + 10, Ada 25 + 20 + 50; by owner: Kim 40 + 60, Ada 95.
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["TICKET", "MEMBERSHIP", "DONATION"],
                 "minAmount": 60}""")).containsExactlyElementsOf(ids(ada, ben));
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET", "MEMBERSHIP", "DONATION"],
                 "minAmount": 95}""")).containsExactlyElementsOf(ids(ada, kim));
        // The previous week (2 to 8 November) holds a day of the store's sales: read from its summary rows.
        String lastWeek = """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 0,
                 "period": "previous-week"}""";
        assertThat(compile(venueRun(), lastWeek, "\"id\"").sql()).doesNotContain("customer_purchase_total");
        assertThat(selected(venueRun(), lastWeek)).containsExactlyElementsOf(ids(acme));
    }

    /** Covers issue 14 item 3: a venue's count of several segments groups the totals' rows with the others. */
    @Test
    void aVenuesCountOfSeveralSegmentsReadsTheTotalsWithTheSameNumbers() {
        SegmentCounts counts = compiler.segmentCounts(compiler.parse(list("""
                {"type": "booking", "groupBy": "OWNER", "period": "previous-month"},
                {"operator": "EXCEPT", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"],
                 "minAmount": 30.01, "period": "previous-month"},
                {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["MEMBERSHIP"],
                 "minAmount": 60}
                """, "\"id\"")), venueRun(), 5000);

        assertThat(counts.sql()).contains("customer_purchase_total");
        assertThat(jdbc.sql(counts.sql()).params(counts.parameters()).query((rs, row) -> List.of(
                rs.getLong("segment_0"), rs.getLong("total_0"), rs.getLong("segment_1"), rs.getLong("total_1"),
                rs.getLong("segment_2"), rs.getLong("total_2"))).single())
                // Ada, Ben, Kim, Dee, Eve, Fay; less Kim (40) and Eve (45); plus Ben (Kim's membership).
                .containsExactly(6L, 6L, 2L, 4L, 1L, 4L);
    }

    /**
     * Covers F-10, P-2, R-1 and issue 14 item 3: a segment of one company's events over a period holding most of the
     * store's sales reads the company's totals (V37) less its rows outside the period (Acme's November Hamlet), in a
     * venue's run and in the company's own; an event shared by two companies counts for each; the same customers.
     */
    @Test
    void aCompanysSegmentsSelectTheSameCustomersFromItsTotals() {
        // Kim's November Othello is South's alone: outside October, and not taken from her North tickets.
        EventInstance othelloNov = events.addInstance(othello, Instant.parse("2026-11-04T19:30:00Z"), 100);
        tickets(order(kim, null, null, "2026-11-01T10:00:00Z"), othelloNov, band, "15.00", 1);
        String northTwoTickets = """
                {"type": "booking", "groupBy": "%s", "partnerCompany": %d, "period": "previous-month",
                 "minTickets": 2}""";
        assertThat(compile(venueRun(), northTwoTickets.formatted("OWNER", north.id()), "\"id\"").sql())
                .contains("partner_customer_total");
        // North's October: Kim 2 Hamlet; Ada 1 Hamlet (00:30 on 1 October) and 1 Macbeth; Dee 1; Fay 1 (1 returned).
        assertThat(selected(venueRun(), northTwoTickets.formatted("OWNER", north.id())))
                .containsExactlyElementsOf(ids(ada, kim));
        assertThat(selected(venueRun(), northTwoTickets.formatted("FACILITATOR", north.id())))
                .containsExactlyElementsOf(ids(ada, ben));
        // South's October: Ada's Macbeth (shared with North) and Eve's three Othello.
        assertThat(selected(venueRun(), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "period": "previous-month"}"""
                .formatted(south.id()))).containsExactlyElementsOf(ids(ada, eve));
        // South's own run: Eve's 45.00 reaches 40, Ada's 25.00 does not (and she said NO to South).
        String southSpent = """
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 40,
                 "period": "previous-month", "partnerCompany": "run"}""";
        ListContext southRun = ListContext.partner(south.id(), TODAY, LONDON);
        assertThat(compile(southRun, southSpent, "\"id\"").sql()).contains("partner_customer_total");
        assertThat(selected(southRun, southSpent)).containsExactlyElementsOf(ids(eve));
    }

    @Test
    void purchasingForAPartnerCompanyCountsOnlyTicketsForItsEvents() {
        // North tickets made in October: Ben 40 (for Kim), Ada 25, Eve 20 (for Dee), Fay 30.
        assertThat(selected(venueRun(), """
                {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["TICKET"], "minAmount": 30,
                 "period": "previous-month", "partnerCompany": %d}
                """.formatted(north.id()))).containsExactlyElementsOf(ids(ben, fay));
    }

    /** Covers R-6: the definition forgot to ask for YES; the run still keeps only YES customers. */
    @Test
    void aPartnerRunKeepsOnlyCustomersWhoSaidYesToThatPartnerEvenIfTheDefinitionForgot() {
        String bookedLastMonth = """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": "run", "period": "previous-month"}
                """;

        // North's October bookers are Ada, Kim, Dee and Fay; of them Ada and Fay said YES to North.
        assertThat(selected(ListContext.partner(north.id(), TODAY, LONDON), bookedLastMonth))
                .containsExactlyElementsOf(ids(ada, fay));
        // South's are Ada (Macbeth, shared) and Eve; Ada said NO to South.
        assertThat(selected(ListContext.partner(south.id(), TODAY, LONDON), bookedLastMonth))
                .containsExactlyElementsOf(ids(eve));
    }

    /**
     * A partner company's rows come in customer order from its YES customers read in that order, so that a run's file
     * and ledger start on them at once: no sort of the whole result holds them back to its end.
     */
    @Test
    void aPartnerListsRowsStreamInCustomerOrderWithNoSortOfTheWholeResult() {
        CompiledList list = compile(new ListContext(north.id(), TODAY, LONDON, Instant.now()),
                """
                {"type": "has-email"},
                {"operator": "AND", "type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
                 "period": "previous-month"}
                """, "\"id\", \"email\"");

        assertThat(jdbc.sql(list.sql()).params(list.parameters()).query((rs, row) -> rs.getLong("id")).list())
                .containsExactlyElementsOf(ids(ada, fay));
        List<String> plan = jdbc.sql("explain " + list.sql()).params(list.parameters()).query(String.class).list();
        assertThat(plan.get(0)).as(String.join("\n", plan)).doesNotStartWith("Sort");
    }

    /** Covers and P-8: the data-sharing list, with the consent behind each row. */
    @Test
    void theDataSharingListGivesEachCustomersConsentForThePartnerCompany() {
        CompiledList list = compile(ListContext.partner(north.id(), TODAY, LONDON), """
                {"type": "has-email"},
                {"operator": "AND", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}
                """, "\"id\", \"email\", \"preference_set_at\", \"preference_channel\"");

        assertThat(jdbc.sql(list.sql()).params(list.parameters())
                .query((rs, row) -> tuple(rs.getLong("id"), rs.getString("email") != null,
                        rs.getTimestamp("preference_set_at") != null, rs.getString("preference_channel")))
                .list()).containsExactly(tuple(ada.id(), true, true, "BOX_OFFICE"),
                        tuple(eve.id(), true, true, "BOX_OFFICE"), tuple(fay.id(), true, true, "BOX_OFFICE"));
    }

    @Test
    void everyColumnReadsFromTheStore() {
        CompiledList list = compile(ListContext.partner(north.id(), TODAY, LONDON), """
                {"type": "has-email"}
                """, Arrays.stream(ListColumn.values()).map(column -> "\"" + column.columnName() + "\"")
                .reduce((a, b) -> a + ", " + b).orElseThrow());

        List<Map<String, Object>> rows = jdbc.sql(list.sql()).params(list.parameters()).query().listOfRows();
        assertThat(rows).extracting(row -> row.get("id")).containsExactlyElementsOf(ids(ada, eve, fay));
        assertThat(rows.get(0)).containsEntry("name", "Ada Lovelace").containsEntry("first_name", "Ada")
                .containsEntry("last_name", "Lovelace").containsEntry("preference_channel", "BOX_OFFICE");
    }

    /** Covers R-1: a list run for North cannot look at South's customers. */
    @Test
    void aPartnerRunNamingAnotherPartnerCompanyIsRefused() {
        CustomerListDefinition definition = compiler.parse(list("""
                {"type": "partner-preference", "partnerCompany": %d, "states": ["YES", "NO"]}
                """.formatted(south.id()), "\"id\", \"email\""));

        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> compiler.compile(definition, ListContext.partner(north.id(), TODAY, LONDON))).errors())
                .extracting(FieldError::field).containsExactly("segments[0].partnerCompany");
    }

    @Test
    void partnerCompaniesAndEventsThatDoNotExistAreRefused() {
        CustomerListDefinition definition = compiler.parse(list("""
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": %d, "eventIds": [%d, 999999]},
                {"operator": "OR", "type": "partner-preference", "partnerCompany": 888888, "states": ["YES"]}
                """.formatted(north.id(), hamlet), "\"id\""));

        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> compiler.compile(definition, venueRun())).errors())
                .extracting(FieldError::field, FieldError::message).containsExactly(
                        tuple("segments[1].partnerCompany", "no partner company has this id"),
                        tuple("segments[0].eventIds[1]", "no event has this id"));
    }

    private static ListContext venueRun() {
        return ListContext.venue(TODAY, LONDON);
    }

    private List<Long> selected(ListContext context, String segments) {
        CompiledList list = compile(context, segments, "\"id\"");
        return jdbc.sql(list.sql()).params(list.parameters()).query((rs, row) -> rs.getLong("id")).list();
    }

    private CompiledList compile(ListContext context, String segments, String columns) {
        return compiler.compile(compiler.parse(list(segments, columns)), context);
    }

    private static String list(String segments, String columns) {
        return "{\"name\": \"Test list\", \"segments\": [" + segments + "], \"columns\": [" + columns + "]}";
    }

    private static List<Long> ids(Customer... customers) {
        return Arrays.stream(customers).map(Customer::id).sorted(Comparator.naturalOrder()).toList();
    }

    private long order(Customer owner, Customer facilitator, Relationship relationship, String confirmedAt) {
        return jdbc.sql("""
                insert into customer_order (owner_id, facilitator_id, relationship_id, channel, confirmed_at)
                values (:owner, :facilitator, :relationship, 'BOX_OFFICE', :confirmedAt)
                returning id
                """)
                .param("owner", owner.id())
                .param("facilitator", facilitator == null ? null : facilitator.id())
                .param("relationship", relationship == null ? null : relationship.id())
                .param("confirmedAt", OffsetDateTime.ofInstant(Instant.parse(confirmedAt), ZoneOffset.UTC))
                .query(Long.class).single();
    }

    private List<Long> tickets(long orderId, EventInstance instance, PriceBand band, String price, int count) {
        return IntStream.range(0, count).mapToObj(line -> jdbc.sql("""
                insert into ticket (order_id, line_number, event_instance_id, price_band_id, price)
                values (:order, :line, :instance, :band, :price)
                returning id
                """)
                .param("order", orderId)
                .param("line", line)
                .param("instance", instance.id())
                .param("band", band.id())
                .param("price", new BigDecimal(price))
                .query(Long.class).single()).toList();
    }

    private void prefer(Customer customer, PartnerCompany partner, PreferenceState state) {
        preferences.record(customer.id(), partner.id(), state, PreferenceChannel.BOX_OFFICE, "box office");
    }
}
