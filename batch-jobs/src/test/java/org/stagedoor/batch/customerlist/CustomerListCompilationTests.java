package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.ColumnType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

/** Binding a definition to a run and the statement it becomes, without a database. */
class CustomerListCompilationTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 11);

    private static final long NORTH = 7;

    private static final long SOUTH = 8;

    private final CustomerListCompiler compiler = new CustomerListCompiler(JsonMapper.builder().build(),
            new KnownIds(Set.of(NORTH, SOUTH, 987654L), Set.of(12L, 13L, 123456L)));

    @Test
    void bindsRunToThePartnerCompanyTheListRunsFor() {
        CompiledList list = compile(ListContext.partner(NORTH, TODAY, LONDON), """
                {"type": "partner-preference", "partnerCompany": "run", "states": ["YES", "NOT_ASKED"]}
                """);

        assertThat(list.parameters()).containsExactly(entry("s0_partner", NORTH),
                entry("s0_states", List.of("YES", "NOT_ASKED")), entry("run_partner", NORTH));
    }

    /** Covers R-6: the YES for the run's partner company is part of every partner run, asked for or not. */
    @Test
    void aPartnerRunAlwaysKeepsOnlyCustomersWhoSaidYesToThatPartnerCompany() {
        CompiledList list = compile(ListContext.partner(NORTH, TODAY, LONDON), """
                {"type": "has-email"}
                """);

        assertThat(list.sql()).containsIgnoringWhitespaces(
                "from partner_preference rp where rp.state = 'YES' and rp.partner_company_id = :run_partner");
        assertThat(list.parameters()).containsEntry("run_partner", NORTH);
    }

    @Test
    void aVenueRunHasNoPartnerCompanyToKeepCustomersFor() {
        CompiledList list = compile(ListContext.venue(TODAY, LONDON), """
                {"type": "has-email"}
                """);

        assertThat(list.sql()).doesNotContain("partner_preference", ":run_partner");
        assertThat(list.parameters()).isEmpty();
    }

    /** Covers R-1: a list run for one partner company selects on no other one. */
    @Test
    void refusesAPartnerRunThatNamesAnotherPartnerCompany() {
        assertThat(errors(ListContext.partner(NORTH, TODAY, LONDON), """
                {"type": "partner-preference", "partnerCompany": 7, "states": ["YES"]},
                {"operator": "AND", "type": "booking", "groupBy": "OWNER", "partnerCompany": 8}
                """)).extracting(FieldError::field, FieldError::message).containsExactly(tuple(
                "segments[1].partnerCompany",
                "a list run for a partner company cannot select on another partner company: use \"run\""));
    }

    /** Covers R-1: a partner run covers only that company's events. */
    @Test
    void refusesAPartnerRunWhoseBookingOrPurchasingCoversEveryEvent() {
        assertThat(errors(ListContext.partner(NORTH, TODAY, LONDON), """
                {"type": "booking", "groupBy": "OWNER", "eventIds": [12]},
                {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"]}
                """)).extracting(FieldError::field).containsExactly("segments[0].partnerCompany",
                "segments[1].partnerCompany");
    }

    @Test
    void refusesRunInAVenueRun() {
        assertThat(errors(ListContext.venue(TODAY, LONDON), """
                {"type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}
                """)).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("segments[0].partnerCompany");
                    assertThat(error.message()).contains("this run is for the venue");
                });
    }

    @Test
    void refusesThePreferenceColumnsInAVenueRun() {
        CustomerListDefinition definition = compiler.parse("""
                {"name": "Consent", "segments": [{"type": "has-email"}],
                 "columns": ["id", "preference_set_at", "preference_channel"]}
                """);

        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> compiler.compile(definition, ListContext.venue(TODAY, LONDON))).errors())
                .extracting(FieldError::field).containsExactly("columns[1]", "columns[2]");
        assertThat(compiler.compile(definition, ListContext.partner(SOUTH, TODAY, LONDON)).columns()).containsExactly(
                new Column("Customer id", ColumnType.INTEGER, "id"),
                new Column("Preference set at", ColumnType.TIMESTAMP, "preference_set_at"),
                // The channel is a code of the store, which the files write in words.
                new Column("Preference channel", ColumnType.TEXT, "preference_channel",
                        ListColumn.PREFERENCE_CHANNEL.column().words()));
        assertThat(ListColumn.PREFERENCE_CHANNEL.column().words().words("ONLINE_CHECKOUT"))
                .isEqualTo("Online checkout");
    }

    @Test
    void refusesPartnerCompaniesAndEventsThatDoNotExist() {
        assertThat(errors(ListContext.venue(TODAY, LONDON), """
                {"type": "partner-preference", "partnerCompany": 99, "states": ["YES"]},
                {"operator": "AND", "type": "booking", "groupBy": "OWNER", "partnerCompany": 7,
                 "eventIds": [12, 41, 40]}
                """)).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("segments[0].partnerCompany", "no partner company has this id"),
                tuple("segments[1].eventIds[1]", "no event has this id"),
                tuple("segments[1].eventIds[2]", "no event has this id"));
    }

    @Test
    void checksADefinitionBuiltInCodeAsStrictlyAsOneReadFromJson() {
        CustomerListDefinition definition = new CustomerListDefinition("Built", List.of(
                new Segment.Booking(SetOperator.AND, null, PartnerRef.of(NORTH), List.of(), null, 0)), List.of("id"));

        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> compiler.compile(definition, ListContext.venue(TODAY, LONDON))).errors())
                .extracting(FieldError::field).containsExactly("segments[0].operator", "segments[0].groupBy",
                        "segments[0].eventIds", "segments[0].minTickets");
    }

    /** Values from the definition are parameters: none of them is written into the SQL. */
    @Test
    void writesNoValueOfTheDefinitionIntoTheSql() {
        CompiledList list = compile(ListContext.venue(TODAY, LONDON), """
                {"type": "partner-preference", "partnerCompany": 987654, "states": ["NOT_ASKED"]},
                {"operator": "AND", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": 987654,
                 "eventIds": [123456], "period": "2026-10-01..2026-10-31", "minTickets": 4242},
                {"operator": "EXCEPT", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET", "DONATION"],
                 "minAmount": 4321.99, "period": "previous-week", "partnerCompany": 987654}
                """);

        assertThat(list.sql()).doesNotContain("987654", "123456", "4242", "4321", "2026", "in ('NOT_ASKED'");
        assertThat(list.parameters()).containsOnly(
                entry("s0_partner", 987654L), entry("s0_states", List.of("NOT_ASKED")),
                entry("s1_from", OffsetDateTime.parse("2026-09-30T23:00Z")),
                entry("s1_to", OffsetDateTime.parse("2026-11-01T00:00Z")),
                entry("s1_partner", 987654L), entry("s1_events", List.of(123456L)), entry("s1_min_tickets", 4242),
                entry("s2_from", OffsetDateTime.parse("2026-11-02T00:00Z")),
                entry("s2_to", OffsetDateTime.parse("2026-11-09T00:00Z")),
                entry("s2_partner", 987654L), entry("s2_min_amount", new BigDecimal("4321.99")));
    }

    /** Covers F-10: each segment counts by its own grouping, one per segment. */
    @Test
    void groupsEachSegmentByItsOwnChoiceOfOwnerOrFacilitator() {
        CompiledList list = compile(ListContext.venue(TODAY, LONDON), """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": 987654, "period": "previous-week"},
                {"operator": "OR", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": 987654,
                 "period": "previous-week"}
                """);

        assertThat(list.sql()).containsIgnoringWhitespaces("select s.owner_id as customer_id")
                .containsIgnoringWhitespaces("group by s.owner_id")
                .containsIgnoringWhitespaces("select s.credited_id as customer_id")
                .containsIgnoringWhitespaces("group by s.credited_id");
    }

    /**
     * Covers F-10: a venue's segment over every event reads each customer's totals on its own side (V31), over a
     * period holding most of the store's sales (here from 1 January to 10 November 2026) less what lies outside it.
     */
    @Test
    void readsTheVenuesSegmentsOverEveryEventFromEachCustomersTotalsOnTheirSide() {
        CustomerListCompiler withSales = new CustomerListCompiler(JsonMapper.builder().build(), new KnownIds(Set.of(),
                Set.of(), new ListReferences.SalesSpan(Instant.parse("2026-01-01T10:00:00Z"),
                        Instant.parse("2026-11-10T18:00:00Z"), Instant.parse("2026-01-05T19:30:00Z"),
                        Instant.parse("2026-12-20T19:30:00Z"))));
        String sql = withSales.compile(withSales.parse(list("""
                {"type": "booking", "groupBy": "OWNER"},
                {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["DONATION"],
                 "minAmount": 10, "period": "last-365-days"}
                """)), ListContext.venue(TODAY, LONDON)).sql();

        assertThat(sql).containsIgnoringWhitespaces("where t.owner_tickets >= :s0_min_tickets")
                .containsIgnoringWhitespaces("where t.credited_donation_cents >= :s1_min_cents")
                .containsIgnoringWhitespaces(
                        "and t.credited_donation_cents - coalesce(o.amount, 0) >= :s1_min_cents")
                .containsIgnoringWhitespaces("and s.confirmed_at < :s1_from")
                .containsIgnoringWhitespaces("and s.confirmed_at >= :s1_to");
        // A week holds a small part of the sales: its own rows are read.
        assertThat(withSales.compile(withSales.parse(list("""
                {"type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["DONATION"], "minAmount": 10,
                 "period": "previous-week"}
                """)), ListContext.venue(TODAY, LONDON)).sql()).doesNotContain("customer_purchase_total");
    }

    /**
     * Covers F-10, P-2 and R-1: a segment of one company's events reads that company's totals (V37) less its rows
     * outside the period, in a venue's run and in the company's own (whose totals are all its policy shows it).
     */
    @Test
    void readsOneCompanysSegmentsFromItsTotalsForTheVenueAndForTheCompany() {
        ListReferences.SalesSpan sales = new ListReferences.SalesSpan(Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-11-10T18:00:00Z"), Instant.parse("2026-01-05T19:30:00Z"),
                Instant.parse("2026-12-20T19:30:00Z"));
        CustomerListCompiler withSales = new CustomerListCompiler(JsonMapper.builder().build(),
                new KnownIds(Set.of(7L, 8L), Set.of(), sales));
        String segments = """
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": 7, "period": "last-365-days",
                 "minTickets": 2},
                {"operator": "OR", "type": "purchasing", "groupBy": "FACILITATOR", "kinds": ["TICKET"],
                 "minAmount": 50, "partnerCompany": 7}
                """;
        CompiledList venue = withSales.compile(withSales.parse(list(segments)), ListContext.venue(TODAY, LONDON));

        assertThat(venue.sql()).containsIgnoringWhitespaces("from partner_customer_total t")
                .containsIgnoringWhitespaces("where t.partner_company_id = :s0_partner and t.owner_tickets >= "
                        + ":s0_min_tickets")
                .containsIgnoringWhitespaces("and :s0_partner = any(s.partner_company_ids)")
                .containsIgnoringWhitespaces("and t.owner_tickets - coalesce(o.amount, 0) >= :s0_min_tickets")
                .containsIgnoringWhitespaces("where t.partner_company_id = :s1_partner "
                        + "and t.credited_ticket_cents >= :s1_min_cents")
                .doesNotContain("customer_purchase_total");
        assertThat(venue.parameters()).contains(entry("s0_partner", 7L), entry("s1_partner", 7L),
                entry("s1_min_cents", 5000L));

        String own = withSales.compile(withSales.parse(list(segments.replace("7", "\"run\""))),
                new ListContext(7L, TODAY, LONDON)).sql();
        assertThat(own).containsIgnoringWhitespaces("where t.partner_company_id = :s0_partner and t.owner_tickets")
                .containsIgnoringWhitespaces("where t.partner_company_id = :s1_partner");

        // At least one ticket: a run reads the totals (no grouping before its first row), a count its rows as a set.
        CustomerListDefinition anyTicket = withSales.parse(list("""
                {"type": "booking", "groupBy": "OWNER", "partnerCompany": 7, "period": "last-365-days"}
                """));
        assertThat(withSales.compile(anyTicket, ListContext.venue(TODAY, LONDON)).sql())
                .contains("partner_customer_total");
        assertThat(withSales.segmentCounts(anyTicket, ListContext.venue(TODAY, LONDON), 5000).sql())
                .doesNotContain("partner_customer_total");
        // Memberships are no company's: a purchasing segment of them is read from the summary's rows.
        assertThat(withSales.compile(withSales.parse(list("""
                {"type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET", "MEMBERSHIP"], "partnerCompany": 7}
                """)), ListContext.venue(TODAY, LONDON)).sql()).doesNotContain("partner_customer_total");
    }

    @Test
    void combinesSegmentsLeftToRightWithExplicitParentheses() {
        CompiledList list = compile(ListContext.venue(TODAY, LONDON), """
                {"type": "has-email"},
                {"operator": "OR", "type": "has-email", "value": false},
                {"operator": "AND", "type": "has-email"}
                """);

        assertThat(list.sql()).isEqualTo("""
                select c.id as id
                  from customer c
                 where ((c.email is not null or c.email is null) and c.email is not null)
                 order by c.id""");
    }

    @Test
    void writesALoneHasEmailSegmentAsAConditionOnTheCustomerRow() {
        CompiledList list = compile(ListContext.venue(TODAY, LONDON), """
                {"type": "has-email", "value": false}
                """);

        assertThat(list.sql()).isEqualTo("""
                select c.id as id
                  from customer c
                 where c.email is null
                 order by c.id""");
    }

    @Test
    void keepsTheConsentAtTheCutoffForALoneHasEmailSegmentOfAPartnerRun() {
        // covers R-6 and P-8: the opted-in list's shape, one has-email segment in a partner run.
        CompiledList list = compile(new ListContext(7L, TODAY, LONDON, Instant.parse("2026-11-11T09:00:00Z")), """
                {"type": "has-email"}
                """);

        assertThat(list.sql()).startsWith("with consent as not materialized (")
                .doesNotContain("selected")
                .containsIgnoringWhitespaces("from consent rp where rp.state = 'YES'")
                .endsWith(" where c.email is not null\n order by rp.customer_id");
        assertThat(list.parameters()).containsEntry("run_partner", 7L)
                .containsEntry("consent_at", Instant.parse("2026-11-11T09:00:00Z").atOffset(ZoneOffset.UTC));
    }

    @Test
    void aPartnerRunLooksUpOnlyTheYesCustomersTheirSegmentsCanKeep() {
        // covers R-6: the YES customers are filtered on their segments' flags before their rows are read.
        CompiledList list = compile(new ListContext(7L, TODAY, LONDON, Instant.parse("2026-11-11T09:00:00Z")), """
                {"type": "partner-preference", "partnerCompany": "run", "states": ["NO"]},
                {"operator": "OR", "type": "has-email", "value": false},
                {"operator": "EXCEPT", "type": "partner-preference", "partnerCompany": "run", "states": ["NOT_ASKED"]}
                """);

        assertThat(list.sql().substring(list.sql().indexOf("select c.id as id"))).isEqualTo("""
                select c.id as id,
                       c.id as ledger_customer_id, rp.state as ledger_consent_state, rp.set_at as ledger_consent_set_at,
                       rp.channel as ledger_consent_channel, c.email as ledger_email
                  from (
                    select rp.customer_id, rp.state, rp.set_at, rp.channel, s0.customer_id is not null as in_0, \
                s2.customer_id is not null as in_2
                      from consent rp
                      left join s0 on s0.customer_id = rp.customer_id
                      left join s2 on s2.customer_id = rp.customer_id
                     where rp.state = 'YES'
                     order by rp.customer_id
                    offset 0
                ) rp
                 cross join lateral (select c.* from customer c where c.id = rp.customer_id offset 0) c
                 where (((rp.in_0 or false) and not not rp.in_2) or ((rp.in_0 or true) and not not rp.in_2))
                   and ((rp.in_0 or c.email is null) and not not rp.in_2)
                 order by rp.customer_id""");
    }

    @Test
    void outputsTheChosenColumnsInOrderWithTheirTypes() {
        CompiledList list = compiler.compile(compiler.parse("""
                {"name": "All", "segments": [{"type": "has-email"}],
                 "columns": ["email", "id", "name", "title", "first_name", "last_name", "organisation_name", "phone",
                             "mobile", "postcode"]}
                """), ListContext.venue(TODAY, LONDON));

        assertThat(list.columns()).extracting(Column::name, Column::type).containsExactly(
                tuple("Email", ColumnType.TEXT), tuple("Customer id", ColumnType.INTEGER),
                tuple("Name", ColumnType.TEXT), tuple("Title", ColumnType.TEXT), tuple("First name", ColumnType.TEXT),
                tuple("Last name", ColumnType.TEXT), tuple("Organisation", ColumnType.TEXT),
                tuple("Phone", ColumnType.TEXT), tuple("Mobile", ColumnType.TEXT), tuple("Postcode", ColumnType.TEXT));
        assertThat(list.sql())
                .contains("customer_name(c.kind, c.title, c.first_name, c.last_name, c.organisation_name) as name")
                .endsWith("order by c.id");
    }

    private CompiledList compile(ListContext context, String segments) {
        return compiler.compile(compiler.parse(list(segments)), context);
    }

    private List<FieldError> errors(ListContext context, String segments) {
        CustomerListDefinition definition = compiler.parse(list(segments));
        return catchThrowableOfType(InvalidRequestException.class, () -> compiler.compile(definition, context))
                .errors();
    }

    private static String list(String segments) {
        return "{\"name\": \"Test list\", \"segments\": [" + segments + "], \"columns\": [\"id\"]}";
    }
}
