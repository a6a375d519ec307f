package org.stagedoor.booking.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.store.StoreReset;
import org.stagedoor.booking.venue.VenueProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import of the venue's ticketing system's files (issue 16 item 2): the example venue of docs/import/example
 * imported and checked record by record, imported again without a change, a later export updating, adding and
 * closing, and a corpus of bad files each refused with its file, line, column and reason while nothing is applied.
 */
@SpringBootTest
class VenueImportIntegrationTests extends StoreIntegrationTest {

    /** Every index of the store's tables, as PostgreSQL would build it. */
    private static final String INDEXES = """
            select indexdef from pg_indexes where schemaname not in ('pg_catalog', 'information_schema') order by 1
            """;

    private static final Path EXAMPLE = Path.of("..", "docs", "import", "example");

    /** The tables an import writes, each read whole in a fixed order for before/after comparisons. */
    private static final List<String> IMPORTED_TABLES = List.of("partner_company", "relationship_type", "customer",
            "relationship", "event", "event_instance", "event_partner_company", "membership_scheme", "price_band",
            "customer_order", "ticket", "membership", "donation", "partner_preference", "partner_preference_history");

    @Autowired
    VenueImport venueImport;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    VenueProperties venue;

    @TempDir
    Path folder;

    @Test
    void importsTheExampleVenueWithEveryKindOfRecord() throws IOException {
        ImportOutcome outcome = importExample();

        assertThat(outcome.refusals()).isEmpty();
        assertThat(outcome.report()).isEmpty();
        assertThat(counts(outcome)).containsExactly(
                Map.entry("partner-companies.csv", "3 rows: 3 added"),
                Map.entry("relationship-types.csv", "4 rows: 4 added"),
                Map.entry("customers.csv", "5 rows: 5 added"),
                Map.entry("relationships.csv", "4 rows: 4 added"),
                Map.entry("events.csv", "3 rows: 3 added"),
                Map.entry("performances.csv", "4 rows: 4 added"),
                Map.entry("event-partners.csv", "4 rows: 4 added"),
                Map.entry("membership-schemes.csv", "1 row: 1 added"),
                Map.entry("price-bands.csv", "3 rows: 3 added"),
                Map.entry("orders.csv", "6 rows: 6 added"),
                Map.entry("memberships.csv", "1 row: 1 added"),
                Map.entry("donations.csv", "1 row: 1 added"),
                Map.entry("tickets.csv", "7 rows: 7 added"),
                Map.entry("returns.csv", "1 row: 1 added"),
                Map.entry("preferences.csv", "7 rows: 7 added"));

        assertThat(lines("""
                select concat_ws('|', source_id, name, collects_preferences, web_description)
                  from partner_company order by source_id
                """)).containsExactly(
                "PC-1|Northern Lights Theatre|t|Touring drama from the north, \"live\" and in person.",
                "PC-2|Brass & Reed Ensemble|t|",
                "PC-3|City Arts Council|f|Funding body; assigned for reporting only.");
        assertThat(lines("""
                select concat_ws('|', source_id, kind, coalesce(customer_name(kind, title, first_name, last_name,
                                 organisation_name), ''), coalesce(email, '-'), coalesce(date_of_birth::text, '-'),
                                 online_access, created_channel, to_char(created_at at time zone 'Europe/London',
                                 'YYYY-MM-DD HH24:MI'))
                  from customer order by source_id
                """)).containsExactly(
                "C-100|INDIVIDUAL|Ms Ada Lovelace|ada@example.org|1985-12-10|t|IMPORT|2024-01-15 10:00",
                "C-101|INDIVIDUAL|Byron Lovelace|-|2014-05-02|f|IMPORT|2024-01-15 10:05",
                "C-102|INDIVIDUAL|Mr Charles Babbage|charles@example.org|-|t|IMPORT|2024-02-01 09:30",
                "C-103|INDIVIDUAL|Dr Mary Somerville|mary@example.org|-|t|IMPORT|2024-03-10 12:00",
                "C-104|ORGANISATION|Analytical Engines Ltd|office@engines.example|-|f|IMPORT|2024-03-11 08:00");
        assertThat(lines("""
                select concat_ws('|', r.source_id, t.source_id, a.source_id, b.source_id, r.importance)
                  from relationship r join relationship_type t on t.id = r.type_id
                  join customer a on a.id = r.customer_a_id join customer b on b.id = r.customer_b_id
                 order by r.source_id
                """)).containsExactly("R-1|RT-1|C-100|C-101|1", "R-2|RT-2|C-100|C-102|2", "R-3|RT-3|C-102|C-104|1",
                "R-4|RT-4|C-103|C-100|3");
        assertThat(lines("""
                select concat_ws('|', i.source_id, e.name,
                                 to_char(i.starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
                                 i.capacity)
                  from event_instance i join event e on e.id = i.event_id order by i.source_id
                """)).containsExactly("P-1|The Tempest|2025-03-01 19:30|400", "P-2|The Tempest|2025-03-02 14:30|400",
                "P-3|Brass at Midnight|2025-04-12 22:00|250", "P-4|Open Rehearsal|2025-05-20 17:00|80");
        assertThat(lines("""
                select concat_ws('|', e.source_id, p.source_id)
                  from event_partner_company ep join event e on e.id = ep.event_id
                  join partner_company p on p.id = ep.partner_company_id order by 1
                """)).containsExactly("E-1|PC-1", "E-1|PC-3", "E-2|PC-2", "E-2|PC-3");
        // F-2, both ways: a parent for a child, partners for each other, an employee for the employer.
        assertThat(lines("""
                select concat_ws('|', o.source_id, w.source_id, coalesce(f.source_id, '-'), coalesce(r.source_id, '-'),
                                 o.channel)
                  from customer_order o join customer w on w.id = o.owner_id
                  left join customer f on f.id = o.facilitator_id left join relationship r on r.id = o.relationship_id
                 order by o.source_id
                """)).containsExactly("O-1|C-100|-|-|ONLINE", "O-2|C-101|C-100|R-1|BOX_OFFICE",
                "O-3|C-100|C-102|R-2|ONLINE", "O-4|C-102|C-100|R-2|ONLINE", "O-5|C-104|C-102|R-3|BOX_OFFICE",
                "O-6|C-103|-|-|BOX_OFFICE");
        assertThat(lines("""
                select concat_ws('|', t.source_id, o.source_id, t.line_number, i.source_id, b.name, t.price, t.status,
                                 coalesce(t.return_source_id, '-'))
                  from ticket t join customer_order o on o.id = t.order_id
                  join event_instance i on i.id = t.event_instance_id
                  join price_band b on b.id = t.price_band_id order by t.source_id
                """)).containsExactly("T-1|O-1|0|P-1|Full price|32.50|SOLD|-", "T-2|O-2|0|P-2|Child|12.00|SOLD|-",
                "T-3|O-3|0|P-3|Full price|25.00|SOLD|-", "T-4|O-4|0|P-3|Full price|25.00|SOLD|-",
                "T-5|O-5|0|P-4|Full price|10.00|SOLD|-", "T-6|O-5|1|P-4|Full price|10.00|RETURNED|RET-1",
                "T-7|O-6|1|P-1|Friends|27.00|SOLD|-");
        assertThat(lines("""
                select concat_ws('|', m.source_id, c.source_id, s.name, m.valid_from, m.valid_to, m.price)
                  from membership m join customer c on c.id = m.member_id
                  join membership_scheme s on s.id = m.membership_scheme_id
                """)).containsExactly("M-1|C-103|Friends of the Theatre|2025-02-02|2026-02-01|45.00");
        assertThat(lines("select concat_ws('|', source_id, fund, amount) from donation"))
                .containsExactly("D-1|Education fund|5.00");
        // P-3, P-8: every state, each change kept in the history with its channel and time.
        assertThat(lines("""
                select concat_ws('|', c.source_id, p.source_id, pp.state, pp.channel, coalesce(pp.source_id, '-'))
                  from partner_preference pp join customer c on c.id = pp.customer_id
                  join partner_company p on p.id = pp.partner_company_id order by 1
                """)).containsExactly("C-100|PC-1|YES|ONLINE_CHECKOUT|PR-2", "C-100|PC-2|NO|ONLINE_CHECKOUT|PR-3",
                "C-102|PC-1|NO|ADMINISTRATOR|PR-7", "C-102|PC-2|YES|ONLINE_CHECKOUT|PR-4",
                "C-103|PC-1|NOT_ASKED|BOX_OFFICE|PR-5");
        assertThat(lines("""
                select concat_ws('|', h.source_id, coalesce(h.previous_state, '-'), h.state, h.channel,
                                 coalesce(h.recorded_by, '-'),
                                 to_char(h.set_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'))
                  from partner_preference_history h order by h.source_id
                """)).containsExactly("PR-1|-|NOT_ASKED|BOX_OFFICE|j.smith|2025-01-09 12:00",
                "PR-2|NOT_ASKED|YES|ONLINE_CHECKOUT|-|2025-01-10 09:00", "PR-3|-|NO|ONLINE_CHECKOUT|-|2025-01-12 20:40",
                "PR-4|-|YES|ONLINE_CHECKOUT|-|2025-01-13 08:05", "PR-5|-|NOT_ASKED|BOX_OFFICE|k.jones|2025-02-02 16:20",
                "PR-6|-|YES|ACCOUNT_PAGE|-|2025-02-10 10:00", "PR-7|YES|NO|ADMINISTRATOR|admin|2025-03-01 18:00");
    }

    @Test
    void importingTheSameFilesAgainChangesNothing() throws IOException {
        importExample();
        Map<String, List<String>> before = store();

        ImportOutcome again = venueImport.run(folder, folder, line -> { });

        assertThat(again.refusals()).isEmpty();
        assertThat(again.files()).allSatisfy(file -> assertThat(file.unchanged()).isEqualTo(file.rows()));
        assertThat(counts(again)).containsEntry("customers.csv", "5 rows: 5 unchanged")
                .containsEntry("preferences.csv", "7 rows: 7 unchanged");
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void aLaterExportUpdatesAddsAndCloses() throws IOException {
        importExample();
        replace("customers.csv", "charles@example.org", "charles.babbage@example.org");
        append("customers.csv", "C-105,person,,Grace,Hopper,,,,,,,no,2025-06-01 10:00");
        replace("event-partners.csv", "E-2,PC-3,no", "E-2,PC-3,yes");
        replace("relationships.csv", "R-4,RT-4,C-103,C-100,3,no", "R-4,RT-4,C-103,C-100,3,yes");
        append("preferences.csv", "PR-8,C-103,PC-1,yes,2025-06-02 10:00,online checkout,");
        append("returns.csv", "RET-2,T-5,2025-06-03 09:00");

        ImportOutcome outcome = venueImport.run(folder, folder, line -> { });

        assertThat(outcome.refusals()).isEmpty();
        assertThat(counts(outcome)).containsEntry("customers.csv", "6 rows: 1 added, 1 updated, 4 unchanged")
                .containsEntry("event-partners.csv", "4 rows: 3 unchanged, 1 closed")
                .containsEntry("relationships.csv", "4 rows: 3 unchanged, 1 closed")
                .containsEntry("preferences.csv", "8 rows: 1 added, 7 unchanged")
                .containsEntry("returns.csv", "2 rows: 1 added, 1 unchanged")
                .containsEntry("orders.csv", "6 rows: 6 unchanged");
        assertThat(lines("select email from customer where source_id = 'C-102'"))
                .containsExactly("charles.babbage@example.org");
        assertThat(lines("select concat_ws(' ', first_name, last_name) from customer where source_id = 'C-105'"))
                .containsExactly("Grace Hopper");
        assertThat(lines("select count(*) from event_partner_company")).containsExactly("3");
        assertThat(lines("select string_agg(source_id, ',' order by source_id) from relationship"))
                .containsExactly("R-1,R-2,R-3");
        assertThat(lines("""
                select concat_ws('|', previous_state, state, channel) from partner_preference_history
                 where source_id = 'PR-8'
                """)).containsExactly("NOT_ASKED|YES|ONLINE_CHECKOUT");
        assertThat(lines("select status from ticket where source_id = 'T-5'")).containsExactly("RETURNED");
    }

    @Test
    void aLargeImportChecksTheStoresGuardsOverTheWholeSetAndWritesTheSameStore() throws IOException {
        VenueImport rowByRow = venueImport(Long.MAX_VALUE);
        VenueImport atOnce = venueImport(0);
        List<String> keys = lines("""
                select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
                 where contype = 'f' order by 1
                """);
        List<String> triggers = lines("""
                select tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text from pg_trigger
                 where not tgisinternal order by 1
                """);
        List<String> indexes = lines(INDEXES);
        LargeWrites writes = new LargeWrites(jdbc, 0);
        // The large write does the work of these tables' triggers itself, so it must know every one of them.
        assertThat(List.of("ticket", "membership", "donation"))
                .allMatch(table -> writes.triggersAre(table, ImportRows.summaryTriggers(table)));
        assertThat(writes.triggersAre(ImportRows.PREFERENCE, List.of(ImportRows.PREFERENCE_TRIGGER))).isTrue();
        assertThat(writes.triggersAre(ImportRows.HISTORY, ImportRows.HISTORY_TRIGGERS)).isTrue();
        copyExample();
        // A second export: a change of the same preference twice and once to what is in force already (no history
        // entry, as the store's trigger writes none), a change older than the latest entry kept, and new records.
        append("customers.csv", "C-105,person,,Grace,Hopper,,grace@example.org,,,,,no,2025-06-01 10:00");
        Map<String, List<String>> viaRows = importTwice(rowByRow);
        StoreReset.emptyAllTables(jdbc);

        Map<String, List<String>> viaSets = importTwice(atOnce);

        assertThat(viaSets).isEqualTo(viaRows);
        assertThat(lines("""
                select concat_ws('|', h.source_id, h.previous_state, h.state, h.channel)
                  from partner_preference_history h join customer c on c.id = h.customer_id
                 where c.source_id = 'C-105' order by h.id
                """)).containsExactly("PR-10|YES|ONLINE_CHECKOUT", "PR-11|YES|NO|BOX_OFFICE",
                "PR-13|NO|YES|ACCOUNT_PAGE");
        assertThat(lines("""
                select concat_ws('|', l.state, l.channel) from partner_preference_latest l
                  join customer c on c.id = l.customer_id where c.source_id = 'C-105'
                """)).containsExactly("YES|ACCOUNT_PAGE");
        assertThat(lines("""
                select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
                 where contype = 'f' order by 1
                """)).isEqualTo(keys);
        assertThat(lines("""
                select tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text from pg_trigger
                 where not tgisinternal order by 1
                """)).isEqualTo(triggers);
        assertThat(lines(INDEXES)).isEqualTo(indexes);
    }

    /** Row by row, and as a large write (a plain insert, with the unique ids built after it). */
    @ParameterizedTest
    @ValueSource(longs = { Long.MAX_VALUE, 0 })
    void anIdListedTwiceInAFirstImportIsRefusedWithItsLine(long largeWriteRows) throws IOException {
        VenueImport venueImport = venueImport(largeWriteRows);
        copyExample();
        append("tickets.csv", "T-1,O-1,5,P-1,PB-1,10.00");

        ImportOutcome outcome = venueImport.run(folder, folder, line -> { });

        assertThat(outcome.refusals()).containsExactly(new Refusal("tickets.csv", 9, "id", "This id is also on line 2;"
                + " each record is listed once in its file."));
        assertThat(lines("select count(*) from ticket")).containsExactly("0");
    }

    @Test
    void aLargeWriteBreakingAForeignKeyFailsAsARowByRowWriteWould() {
        LargeWrites writes = new LargeWrites(jdbc, 0);

        assertThatThrownBy(() -> transactionally(() -> writes.checkedAfter("event_instance", 1, () -> jdbc.sql("""
                insert into event_instance (event_id, starts_at, capacity) values (999999, now(), 10)
                """).update()))).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("event_instance_event_id_fkey");
        assertThat(lines("""
                select conname from pg_constraint where conrelid = 'event_instance'::regclass and contype = 'f'
                """)).containsExactly("event_instance_event_id_fkey");
    }

    @Test
    void aLargeWriteBreakingAUniqueIndexFailsAsARowByRowWriteWould() {
        LargeWrites writes = new LargeWrites(jdbc, 0);
        List<String> indexes = lines(INDEXES);

        assertThatThrownBy(() -> transactionally(() -> writes.checkedAfter("customer", 2, () -> jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                values ('INDIVIDUAL', 'Ada', 'Lovelace', 'ada@example.org', 'IMPORT'),
                       ('INDIVIDUAL', 'Ada', 'King', 'ADA@example.org', 'IMPORT')
                """).update()))).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("customer_email_key");
        assertThat(lines(INDEXES)).isEqualTo(indexes).anyMatch(index -> index.contains("customer_email_key"));
    }

    /** The example venue, then a second export of it adding a customer with preference changes, by {@code import}. */
    private Map<String, List<String>> importTwice(VenueImport venueImport) throws IOException {
        Path first = folder.resolve("first-" + System.nanoTime());
        Files.createDirectories(first);
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, first.resolve(file.getFileName()));
            }
        }
        assertThat(venueImport.run(first, first, line -> { }).refusals()).isEmpty();
        Files.copy(EXAMPLE.resolve("preferences.csv"), folder.resolve("preferences.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        append("preferences.csv", "PR-10,C-105,PC-1,yes,2025-06-02 10:00,online checkout,");
        append("preferences.csv", "PR-11,C-105,PC-1,no,2025-06-03 10:00,box office,k.jones");
        append("preferences.csv", "PR-12,C-105,PC-1,no,2025-06-03 10:00,box office,a.smith");
        append("preferences.csv", "PR-13,C-105,PC-1,yes,2025-06-04 10:00,account page,");
        append("preferences.csv", "PR-14,C-100,PC-2,no,2025-06-04 11:00,box office,");
        ImportOutcome second = venueImport.run(folder, folder, line -> { });
        assertThat(second.refusals()).isEmpty();
        Map<String, List<String>> store = store();
        store.put("partner_preference_latest", lines("select t::text from partner_preference_latest t order by 1"));
        store.put("order_summary", lines("select t::text from order_summary t order by 1"));
        // The moments the store took from its clock (a record's creation), in microseconds, differ between the two
        // imports; the files' moments are whole seconds.
        store.replaceAll((table, rows) -> rows.stream()
                .map(row -> row.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+\\+00", "now"))
                .toList());
        return store;
    }

    private void transactionally(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    /** One rule broken once per case, on top of a valid change that must not be applied either. */
    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("a facilitated order without any relationship (covers F-2)", "orders.csv",
                        "O-7,C-103,C-101,online,2025-06-01 10:00",
                        new Refusal("orders.csv", 8, "facilitator_id", "An order made for someone else needs the"
                                + " relationship that lets the person making it act for them.")),
                Arguments.of("a child facilitating for the parent, the other way than the type allows"
                        + " (covers F-1, F-2)",
                        "orders.csv", "O-7,C-100,C-101,online,2025-06-01 10:00",
                        new Refusal("orders.csv", 8, "facilitator_id", "The relationship between these customers does"
                                + " not let the person making the order act for the person it is for.")),
                Arguments.of("a plain relationship does not let either act (covers F-1)", "orders.csv",
                        "O-7,C-100,C-103,box office,2025-06-01 10:00",
                        new Refusal("orders.csv", 8, "facilitator_id", "The relationship between these customers does"
                                + " not let the person making the order act for the person it is for.")),
                Arguments.of("the facilitator is the owner (covers F-3)", "orders.csv",
                        "O-7,C-100,C-100,online,2025-06-01 10:00",
                        new Refusal("orders.csv", 8, "facilitator_id", "The person making an order and the person it is"
                                + " for must be different customers.")),
                Arguments.of("an organisation facilitating (covers F-3)", "orders.csv",
                        "O-7,C-102,C-104,box office,2025-06-01 10:00",
                        new Refusal("orders.csv", 8, "facilitator_id", "Only a person, not an organisation, can make an"
                                + " order for someone else.")),
                Arguments.of("NOT_ASKED through online checkout (covers P-4)", "preferences.csv",
                        "PR-8,C-101,PC-2,not asked,2025-06-01 10:00,online checkout,",
                        new Refusal("preferences.csv", 9, "state", "Online, a customer can answer only yes or no.")),
                Arguments.of("NOT_ASKED through the account page (covers P-4)", "preferences.csv",
                        "PR-8,C-101,PC-2,not asked,2025-06-01 10:00,account page,",
                        new Refusal("preferences.csv", 9, "state", "Online, a customer can answer only yes or no.")),
                Arguments.of("an unknown performance", "tickets.csv", "T-8,O-1,2,P-99,PB-1,10.00",
                        new Refusal("tickets.csv", 9, "performance_id", "There is no performance with the id 'P-99',"
                                + " neither in performances.csv nor imported before.")),
                Arguments.of("a members' price band for an owner who is no member (covers F-7)", "tickets.csv",
                        "T-8,O-2,1,P-2,PB-3,27.00",
                        new Refusal("tickets.csv", 9, "price_band_id", "The price band Friends is for Friends of the"
                                + " Theatre members, and Byron Lovelace, for whom the order is, held no valid"
                                + " membership on the day of the order.")),
                Arguments.of("an unknown customer", "relationships.csv", "R-5,RT-1,C-100,C-999,1,no",
                        new Refusal("relationships.csv", 6, "customer_b_id", "There is no customer with the id 'C-999',"
                                + " neither in customers.csv nor imported before.")),
                Arguments.of("another customer's email address", "customers.csv",
                        "C-105,person,,Ada,King,,ADA@example.org,,,,,yes,",
                        new Refusal("customers.csv", 7, "email", "Another customer already has this email address.")),
                Arguments.of("a state that is not a word the format knows", "preferences.csv",
                        "PR-8,C-101,PC-2,maybe,2025-06-01 10:00,box office,",
                        new Refusal("preferences.csv", 9, "state", "Write one of yes, no, not asked here, not"
                                + " 'maybe'.")),
                Arguments.of("a line with a value too many", "events.csv", "E-4,Late Show,extra",
                        new Refusal("events.csv", 5, "", "This line has 3 values where the first line names 2"
                                + " columns.")),
                Arguments.of("an order with nothing in it", "orders.csv", "O-7,C-100,,online,2025-06-01 10:00",
                        new Refusal("orders.csv", 8, "id", "This order has nothing in it: no ticket, membership or"
                                + " donation names it, neither in tickets.csv, memberships.csv and donations.csv nor"
                                + " imported before.")),
                Arguments.of("an id listed twice in its file", "customers.csv", "C-100,person,,Ada,Twice,,,,,,,yes,",
                        new Refusal("customers.csv", 7, "id", "This id is also on line 2; each record is listed once"
                                + " in its file.")),
                Arguments.of("a line number of an order used twice", "tickets.csv", "T-8,O-1,0,P-1,PB-1,10.00",
                        new Refusal("tickets.csv", 9, "line_number", "The order already has a ticket on this line"
                                + " number; each line of an order has its own number.")),
                Arguments.of("a ticket returned twice", "returns.csv", "RET-2,T-6,2025-02-04 09:00",
                        new Refusal("returns.csv", 3, "ticket_id", "This ticket was already returned.")),
                Arguments.of("a preference change older than the current preference (covers P-8)", "preferences.csv",
                        "PR-8,C-100,PC-1,no,2025-01-01 10:00,box office,",
                        new Refusal("preferences.csv", 9, "set_at", "This change is older than the customer's current"
                                + " preference for this partner company, set 10 January 2025 at 09:00; list each"
                                + " customer's changes in the order they happened.")),
                Arguments.of("a NUL character", "events.csv", "E-4,Late\u0000Show",
                        new Refusal("events.csv", 5, "name", "This value holds a character the store does not accept"
                                + " (a NUL character); remove it and import again.")),
                Arguments.of("an id too long", "events.csv", "E" + "x".repeat(200) + ",Late Show",
                        new Refusal("events.csv", 5, "id", "An id is at most 200 characters long; this one is 201.")),
                Arguments.of("a partner company's name taken, whatever its case", "partner-companies.csv",
                        "PC-4,NORTHERN LIGHTS THEATRE,yes,",
                        new Refusal("partner-companies.csv", 5, "name", "A partner company with this name already"
                                + " exists.")),
                Arguments.of("an email address twice among new customers", "customers.csv",
                        "C-105,person,,Grace,Hopper,,grace@example.org,,,,,yes,\nC-106,person,,Grace,Brewster,,"
                                + "Grace@Example.org,,,,,yes,",
                        new Refusal("customers.csv", 8, "email", "Another customer already has this email address.")),
                Arguments.of("a huge value", "events.csv", "E-4," + "x".repeat(VenueImport.LONGEST_VALUE + 1),
                        new Refusal("events.csv", 5, "name", "This value is 4001 characters long; the longest a value"
                                + " may be is 4000.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadRowIsRefusedWithItsLineAndNothingIsApplied(String broken, String file, String line, Refusal expected)
            throws IOException {
        importExample();
        Map<String, List<String>> before = store();
        replace("customers.csv", "charles@example.org", "charles.babbage@example.org");
        append(file, line);

        ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });

        assertThat(outcome.refusals()).containsExactly(expected);
        assertThat(store()).isEqualTo(before);
        assertThat(outcome.report()).isPresent();
        assertThat(Files.readAllLines(outcome.report().orElseThrow(), StandardCharsets.UTF_8))
                .first().isEqualTo("\"file\",\"line\",\"field\",\"reason\"");
    }

    @Test
    void aQuotationMarkNeverClosedStopsTheImportAtItsLine() throws IOException {
        copyExample();
        append("events.csv", "E-4,\"Late Show");
        append("events.csv", "E-5,Matinee");

        ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });

        assertThat(outcome.refusals()).containsExactly(
                new Refusal("events.csv", 5, "", "A value opened with a quotation mark is never closed;"
                        + " a quotation mark inside a value is written twice (\"\")."),
                new Refusal("events.csv", 0, "", "The files after this one were not checked, as they may refer to its"
                        + " records; import again once it is corrected."));
        for (String table : IMPORTED_TABLES) {
            assertThat(lines("select count(*) from " + table)).as(table).containsExactly("0");
        }
    }

    @Test
    void aRowReferringToARefusedRowSaysWhichLineWasRefused() throws IOException {
        copyExample();
        append("customers.csv", "C-105,person,,,Hopper,,,,,,,no,");
        append("orders.csv", "O-7,C-105,,online,2025-06-01 10:00");

        ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });

        assertThat(outcome.refusals()).containsExactly(
                new Refusal("customers.csv", 7, "first_name", "A value is required here."),
                new Refusal("orders.csv", 8, "owner_id", "The customer with the id 'C-105' was itself refused"
                        + " (customers.csv, line 7)."));
    }

    /** Row by row, and as a large write (the order summary rebuilt once every file is in, without the order). */
    @ParameterizedTest
    @ValueSource(longs = { Long.MAX_VALUE, 0 })
    void anOrderWhoseTicketsWereAllReturnedIsNotAnEmptyOrder(long largeWriteRows) throws IOException {
        VenueImport venueImport = venueImport(largeWriteRows);
        copyExample();
        append("orders.csv", "O-9,C-100,,online,2025-06-01 10:00");
        append("tickets.csv", "T-9,O-9,0,P-1,PB-1,10.00");
        append("returns.csv", "RET-9,T-9,2025-06-02 10:00");

        ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });

        assertThat(outcome.refusals()).isEmpty();
        assertThat(lines("select status from ticket where source_id = 'T-9'")).containsExactly("RETURNED");
    }

    /** Row by row, and as a large write (the order summary rebuilt once every file is in). */
    @ParameterizedTest
    @ValueSource(longs = { Long.MAX_VALUE, 0 })
    void aPerformanceSoldBeyondItsSeatsIsRefusedOnceItsReturnsAreCounted(long largeWriteRows) throws IOException {
        VenueImport venueImport = venueImport(largeWriteRows);
        copyExample();
        // P-4 has two tickets, one returned: one seat is enough, none is not.
        replace("performances.csv", "P-4,E-3,2025-05-20 18:00,80", "P-4,E-3,2025-05-20 18:00,1");
        ImportOutcome fits = venueImport.run(folder, folder, progress -> { });
        assertThat(fits.refusals()).isEmpty();

        append("tickets.csv", "T-8,O-6,2,P-4,PB-1,10.00");
        ImportOutcome beyond = venueImport.run(folder, folder, progress -> { });

        assertThat(beyond.refusals()).containsExactly(new Refusal("tickets.csv", 0, "performance_id", "The performance"
                + " 'P-4' of Open Rehearsal has 1 seat but would have 2 tickets sold."));
        assertThat(lines("select count(*) from ticket")).containsExactly("7");
    }

    @Test
    void aFileNotInUtf8IsRefusedAtTheLinesItCannotRead() throws IOException {
        copyExample();
        String customers = Files.readString(folder.resolve("customers.csv"), StandardCharsets.UTF_8)
                + "C-105,person,,Zoë,Brontë,,,,,,,no,\n";
        Files.writeString(folder.resolve("customers.csv"), customers, Charset.forName("windows-1252"));

        ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });

        String reason = "This value is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
                + " and import it again.";
        assertThat(outcome.refusals()).containsExactly(new Refusal("customers.csv", 7, "first_name", reason),
                new Refusal("customers.csv", 7, "last_name", reason));
        for (String table : IMPORTED_TABLES) {
            assertThat(lines("select count(*) from " + table)).as(table).containsExactly("0");
        }
    }

    @Test
    void aFileOfAnUnknownNameOrColumnIsRefused() throws IOException {
        copyExample();
        Files.writeString(folder.resolve("clients.csv"), "id,name\n1,Ada\n");
        replace("events.csv", "id,name", "id,title");

        ImportOutcome outcome = venueImport.run(folder, folder, progress -> { });

        assertThat(outcome.refusals()).containsExactly(
                new Refusal("clients.csv", 0, "", "Stagedoor does not import a file of this name; the files it imports"
                        + " are " + String.join(", ", VenueImport.fileNames()) + "."),
                new Refusal("events.csv", 1, "title", "This file has no column 'title'; its columns are id, name."),
                new Refusal("events.csv", 1, "name", "The column 'name' is required."),
                new Refusal("events.csv", 0, "", "The files after this one were not checked, as they may refer to its"
                        + " records; import again once it is corrected."));
    }

    /** An import whose writes of at least {@code largeWriteRows} rows are large ({@link LargeWrites}). */
    private VenueImport venueImport(long largeWriteRows) {
        return new VenueImport(jdbc, dataSource, transactions, venue, largeWriteRows);
    }

    private ImportOutcome importExample() throws IOException {
        copyExample();
        List<String> progress = new ArrayList<>();
        ImportOutcome outcome = venueImport.run(folder, folder, progress::add);
        assertThat(outcome.refusals()).isEmpty();
        // Once every file is in, what the import still does is said, as it may take a while for a large one.
        assertThat(progress.get(progress.size() - 1)).startsWith("Every file is written; now checking the import as a"
                + " whole");
        return outcome;
    }

    private void copyExample() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }

    private void replace(String file, String from, String to) throws IOException {
        String text = Files.readString(folder.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(folder.resolve(file), text.replace(from, to));
    }

    private void append(String file, String line) throws IOException {
        Files.writeString(folder.resolve(file), Files.readString(folder.resolve(file)) + line + "\n");
    }

    private static Map<String, String> counts(ImportOutcome outcome) {
        Map<String, String> counts = new LinkedHashMap<>();
        outcome.files().forEach(file -> counts.put(file.file(), file.inWords()));
        return counts;
    }

    private List<String> lines(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }

    /** Every row of every imported table as text, in a fixed order. */
    private Map<String, List<String>> store() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : IMPORTED_TABLES) {
            // Table names are the constants above.
            rows.put(table, new ArrayList<>(lines("select t::text from " + table + " t order by 1")));
        }
        return rows;
    }
}
