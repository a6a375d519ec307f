package org.stagedoor.booking.imports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.booking.store.StoreRefusals;

/**
 * The rows of each kind of import file, in two steps. First each row alone, as it is read: its values checked (a
 * missing or malformed value, a rule of one row) and turned into the store's values for the staging table, its
 * references still the source system's ids. Then the staged file as a whole, in a few statements: the references
 * resolved to the store's ids with joins, the store's rules checked over the set (each refused row named by its line
 * and field, and taken out), and each table written by one {@code insert … select … on conflict … do update … where}
 * the values differ, keyed by the source system's ids (V21), so that importing the same files again changes nothing
 * and the store's statement-level triggers run once per file. The store's constraints and triggers stay the last
 * guard; rules that are costly to check over millions of rows (a name, an email address or an order's line number used
 * twice) are checked only when the store has refused the file's write for them, which is then written again without
 * the rows named.
 */
final class ImportRows {

    static final Map<String, String> KINDS = words("person", "INDIVIDUAL", "organisation", "ORGANISATION");

    static final Map<String, String> ORDER_CHANNELS = words("box office", "BOX_OFFICE", "online", "ONLINE");

    static final Map<String, String> STATES = words("yes", "YES", "no", "NO", "not asked", "NOT_ASKED");

    static final Map<String, String> PREFERENCE_CHANNELS = words("online checkout", "ONLINE_CHECKOUT", "box office",
            "BOX_OFFICE", "account page", "ACCOUNT_PAGE", "administrator", "ADMINISTRATOR", "import", "IMPORT");

    /** Email addresses as the store accepts them (V1's check). */
    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

    /** The longest source id the store keeps (V21). */
    private static final int LONGEST_ID = 200;

    static final String PREFERENCE = "partner_preference";

    static final String HISTORY = "partner_preference_history";

    /** Each pair's latest history entry (V25). */
    private static final String LATEST = "partner_preference_latest";

    /** The store's trigger that writes a preference's history entry (V1, V21). */
    static final String PREFERENCE_TRIGGER = "partner_preference_history_on_change";

    /** The store's trigger that keeps each pair's latest history entry (V25). */
    private static final String LATEST_TRIGGER = "partner_preference_latest_on_history";

    /** The history's triggers: the one above, and two that an insert does not fire. */
    static final List<String> HISTORY_TRIGGERS = List.of("partner_preference_history_append_only",
            LATEST_TRIGGER, "partner_preference_latest_on_history_truncate");

    /**
     * The files whose rows are each written by one statement adding or updating the record of its id, with their
     * tables. Written into an empty table, a file's id listed twice makes that statement fail, and is then found;
     * otherwise it is looked for before the write (a second row of an id already stored would update its record).
     */
    private static final Map<String, String> UPSERTED_BY_ID = Map.ofEntries(
            Map.entry(ImportFile.PARTNER_COMPANIES, "partner_company"),
            Map.entry(ImportFile.RELATIONSHIP_TYPES, "relationship_type"), Map.entry(ImportFile.CUSTOMERS, "customer"),
            Map.entry(ImportFile.EVENTS, "event"), Map.entry(ImportFile.PERFORMANCES, "event_instance"),
            Map.entry(ImportFile.MEMBERSHIP_SCHEMES, "membership_scheme"), Map.entry(ImportFile.PRICE_BANDS,
                    "price_band"), Map.entry(ImportFile.ORDERS, "customer_order"),
            Map.entry(ImportFile.MEMBERSHIPS, "membership"), Map.entry(ImportFile.DONATIONS, "donation"),
            Map.entry(ImportFile.TICKETS, "ticket"));

    /** The order summary that live counts read (V17): each order's tickets, memberships and donations. */
    private static final String SUMMARY = "order_summary";

    /** The changes whose order summary triggers a large write leaves to {@link #settle()}, on each table it sums. */
    private static final List<String> SUMMED_CHANGES = List.of("insert", "update");

    /** PostgreSQL's unique violation and "ON CONFLICT DO UPDATE command cannot affect row a second time". */
    private static final List<String> USED_TWICE = List.of("23505", "21000");

    private final JdbcClient jdbc;

    private final TransactionTemplate savepoint;

    private final ZoneId zone;

    private final List<Refusal> refusals;

    private final LargeWrites writes;

    /** The tables whose writes left the order summary to {@link #settle()}, with their triggers off till then. */
    private final Set<String> summaryOwed = new LinkedHashSet<>();

    ImportRows(JdbcClient jdbc, TransactionTemplate savepoint, ZoneId zone, List<Refusal> refusals,
            LargeWrites writes) {
        this.jdbc = jdbc;
        this.savepoint = savepoint;
        this.zone = zone;
        this.refusals = refusals;
        this.writes = writes;
        // The import's joins, sorts and groupings run over whole files: with the server's default memory for each
        // (4 MB) those of a file of a million rows spill to disk. For this transaction only.
        jdbc.sql("set local work_mem = '128MB'").update();
        // Likewise for building the indexes of a large write (LargeWrites), which sorts a whole table.
        jdbc.sql("set local maintenance_work_mem = '256MB'").update();
        jdbc.sql("""
                create temp table if not exists import_refused (file text not null, line bigint not null, source text)
                    on commit drop
                """).update();
        jdbc.sql("create temp table if not exists import_ticketed (id bigint not null) on commit drop").update();
        jdbc.sql("create temp table if not exists import_orders (line bigint, id text, ref bigint) on commit drop")
                .update();
    }

    /** The tables a reference can name, with the words and the file that say what it is. */
    enum Target {
        PARTNER_COMPANY("partner_company", "partner company", ImportFile.PARTNER_COMPANIES),
        RELATIONSHIP_TYPE("relationship_type", "relationship type", ImportFile.RELATIONSHIP_TYPES),
        CUSTOMER("customer", "customer", ImportFile.CUSTOMERS),
        EVENT("event", "event", ImportFile.EVENTS),
        PERFORMANCE("event_instance", "performance", ImportFile.PERFORMANCES),
        MEMBERSHIP_SCHEME("membership_scheme", "membership scheme", ImportFile.MEMBERSHIP_SCHEMES),
        PRICE_BAND("price_band", "price band", ImportFile.PRICE_BANDS),
        ORDER("customer_order", "order", ImportFile.ORDERS),
        TICKET("ticket", "ticket", ImportFile.TICKETS);

        final String table;

        final String words;

        final String file;

        Target(String table, String words, String file) {
            this.table = table;
            this.words = words;
            this.file = file;
        }
    }

    /** A column naming a record of another file by its source id, resolved into {@code <column>_ref}. */
    private record Reference(String column, Target target) {
    }

    // ---- Each row alone: its values in the store's terms, or null when refused (the row holds why). ----

    Object[] partnerCompany(SourceRow row) {
        String name = row.required("name");
        Boolean collects = row.yesNo("collects_preferences", null);
        String description = row.text("web_description");
        return row.refused() ? null : values(name, collects, description == null ? "" : description);
    }

    Object[] relationshipType(SourceRow row) {
        String aLabel = row.required("a_label");
        String bLabel = row.required("b_label");
        Boolean aActsForB = row.yesNo("a_acts_for_b", null);
        Boolean bActsForA = row.yesNo("b_acts_for_a", null);
        return row.refused() ? null : values(aLabel, bLabel, aActsForB, bActsForA);
    }

    Object[] customer(SourceRow row) {
        String kind = row.choice("kind", KINDS, null);
        // A person needs both names and an organisation its name (V1, V9): asked here too, as the store's check lets a
        // missing name through.
        if ("INDIVIDUAL".equals(kind)) {
            row.required("first_name");
            row.required("last_name");
            if (row.text("organisation_name") != null) {
                row.refuse("organisation_name", "A person has no organisation name; leave it empty or make the"
                        + " customer an organisation.");
            }
        }
        else if ("ORGANISATION".equals(kind)) {
            row.required("organisation_name");
        }
        String email = row.text("email");
        if (email != null && !email.matches(EMAIL)) {
            row.refuse("email", "This is not an email address: '" + email + "'.");
        }
        LocalDate birth = row.date("date_of_birth", false);
        if (birth != null && "ORGANISATION".equals(kind)) {
            row.refuse("date_of_birth", StoreRefusals.forConstraint("customer_birth_date_individual_only"));
        }
        Boolean online = row.yesNo("online_access", true);
        Instant created = row.moment("created_at", Instant.now());
        return row.refused() ? null : values(kind, row.text("title"), row.text("first_name"), row.text("last_name"),
                row.text("organisation_name"), email, row.text("phone"), row.text("mobile"), birth,
                row.text("postcode"), online, created);
    }

    Object[] relationship(SourceRow row) {
        Boolean closed = row.yesNo("closed", false);
        if (Boolean.TRUE.equals(closed)) {
            // Closing names the relationship by its id alone.
            return row.refused() ? null : values(row.text("type_id"), row.text("customer_a_id"),
                    row.text("customer_b_id"), null, true);
        }
        String type = row.id("type_id", true);
        String a = row.id("customer_a_id", true);
        String b = row.id("customer_b_id", true);
        Integer importance = row.wholeNumber("importance", 1, 1);
        return row.refused() ? null : values(type, a, b, importance, false);
    }

    Object[] event(SourceRow row) {
        String name = row.required("name");
        return row.refused() ? null : values(name);
    }

    Object[] performance(SourceRow row) {
        String event = row.id("event_id", true);
        Instant starts = row.moment("starts_at", null);
        Integer capacity = row.wholeNumber("capacity", 1, null);
        return row.refused() ? null : values(event, starts, capacity);
    }

    Object[] eventPartner(SourceRow row) {
        String event = row.id("event_id", true);
        String partner = row.id("partner_company_id", true);
        Boolean closed = row.yesNo("closed", false);
        return row.refused() ? null : values(event, partner, closed);
    }

    Object[] membershipScheme(SourceRow row) {
        String name = row.required("name");
        BigDecimal price = row.amount("price", false);
        return row.refused() ? null : values(name, price);
    }

    Object[] priceBand(SourceRow row) {
        String name = row.required("name");
        String scheme = row.id("membership_scheme_id", false);
        return row.refused() ? null : values(name, scheme);
    }

    Object[] order(SourceRow row) {
        return unlessRefused(row, row.id("owner_id", true), row.id("facilitator_id", false),
                row.choice("channel", ORDER_CHANNELS, null), row.moment("confirmed_at", null));
    }

    Object[] membership(SourceRow row) {
        String order = row.id("order_id", true);
        Integer line = row.wholeNumber("line_number", 0, null);
        String scheme = row.id("membership_scheme_id", true);
        LocalDate from = row.date("valid_from", true);
        LocalDate to = row.date("valid_to", true);
        BigDecimal price = row.amount("price", false);
        if (from != null && to != null && to.isBefore(from)) {
            row.refuse("valid_to", StoreRefusals.forConstraint("membership_valid_period"));
        }
        return row.refused() ? null : values(order, line, scheme, from, to, price);
    }

    Object[] donation(SourceRow row) {
        return unlessRefused(row, row.id("order_id", true), row.wholeNumber("line_number", 0, null),
                row.required("fund"), row.amount("amount", true));
    }

    Object[] ticket(SourceRow row) {
        return unlessRefused(row, row.id("order_id", true), row.wholeNumber("line_number", 0, null),
                row.id("performance_id", true), row.id("price_band_id", true), row.amount("price", false));
    }

    Object[] ticketReturn(SourceRow row) {
        String ticket = row.id("ticket_id", true);
        Instant returned = row.moment("returned_at", null);
        return row.refused() ? null : values(ticket, returned);
    }

    Object[] preference(SourceRow row) {
        String customer = row.id("customer_id", true);
        String partner = row.id("partner_company_id", true);
        String state = row.choice("state", STATES, null);
        Instant setAt = row.moment("set_at", null);
        String channel = row.choice("channel", PREFERENCE_CHANNELS, null);
        // P-4, the store's check said with the row's field.
        if ("NOT_ASKED".equals(state) && ("ONLINE_CHECKOUT".equals(channel) || "ACCOUNT_PAGE".equals(channel))) {
            row.refuse("state", StoreRefusals.forConstraint("partner_preference_online_yes_or_no"));
        }
        return row.refused() ? null : values(customer, partner, state, setAt, channel, row.text("recorded_by"));
    }

    // ---- The staged file as a whole. ----

    Map<Change, Long> writePartnerCompanies(ImportFile file) {
        resolve(file);
        return upsertTable(file, "partner_company", columns("name", "r.name", "collects_preferences",
                "r.collects_preferences", "web_description", "r.web_description"), () -> {
                    unique(file, "name", "lower(%s.name)", "partner_company", "lower(%s.name)",
                            "partner_company_name_key");
                });
    }

    Map<Change, Long> writeRelationshipTypes(ImportFile file) {
        resolve(file);
        return upsertTable(file, "relationship_type", columns("a_label", "r.a_label", "b_label", "r.b_label",
                "a_acts_for_b", "r.a_acts_for_b", "b_acts_for_a", "r.b_acts_for_a"), () -> {
                    unique(file, "b_label", "lower(%1$s.a_label), lower(%1$s.b_label)", "relationship_type",
                            "lower(%1$s.a_label), lower(%1$s.b_label)", "relationship_type_labels_key");
                });
    }

    Map<Change, Long> writeCustomers(ImportFile file) {
        resolve(file);
        Map<String, String> values = columns("kind", "r.kind", "title", "r.title", "first_name", "r.first_name",
                "last_name", "r.last_name", "organisation_name", "r.organisation_name", "email", "r.email", "phone",
                "r.phone", "mobile", "r.mobile", "date_of_birth", "r.date_of_birth", "postcode", "r.postcode",
                "online_access", "r.online_access");
        // An erased customer stays erased: a later export of its old record leaves it as it is (V9).
        return guarded(file, () -> upsert("customer", values, columns("created_channel", "'IMPORT'", "created_at",
                "r.created_at"), "import_rows r", "t.erased_at is null", accepted("true")), () -> {
                    unique(file, "email", "lower(%s.email)", "customer", "lower(%s.email)", "customer_email_key");
                });
    }

    Map<Change, Long> writeRelationships(ImportFile file) {
        resolve(file, new Reference("type_id", Target.RELATIONSHIP_TYPE),
                new Reference("customer_a_id", Target.CUSTOMER), new Reference("customer_b_id", Target.CUSTOMER));
        refuse(file, "closed", """
                select r.line, r.id as source from import_rows r join relationship t on t.source_id = r.id
                 where r.closed and exists (select 1 from customer_order o where o.relationship_id = t.id)
                """, Map.of(), rs -> "Orders were made through this relationship, so it stays as their record; it"
                        + " cannot be closed.");
        refuse(file, "customer_b_id", """
                select r.line, r.id as source from import_rows r where r.customer_a_id_ref = r.customer_b_id_ref
                """, Map.of(), rs -> StoreRefusals.forConstraint("relationship_two_customers"));
        Map<Change, Long> changes = guarded(file, () -> upsert("relationship", columns("type_id", "r.type_id_ref",
                "customer_a_id", "r.customer_a_id_ref", "customer_b_id", "r.customer_b_id_ref", "importance",
                "r.importance"), Map.of(), "import_rows r where not r.closed", "true", accepted("not closed")), () -> {
                    unique(file, "customer_b_id",
                            "%1$s.type_id_ref, %1$s.customer_a_id_ref, %1$s.customer_b_id_ref", "relationship",
                            "%1$s.type_id, %1$s.customer_a_id, %1$s.customer_b_id", "relationship_once");
                });
        long closing = accepted("closed");
        long closed = jdbc.sql("""
                delete from relationship t using import_rows r where r.closed and t.source_id = r.id
                """).update();
        changes.merge(Change.CLOSED, closed, Long::sum);
        changes.merge(Change.UNCHANGED, closing - closed, Long::sum);
        return changes;
    }

    Map<Change, Long> writeEvents(ImportFile file) {
        resolve(file);
        return upsertTable(file, "event", columns("name", "r.name"), () -> { });
    }

    Map<Change, Long> writePerformances(ImportFile file) {
        resolve(file, new Reference("event_id", Target.EVENT));
        return upsertTable(file, "event_instance", columns("event_id", "r.event_id_ref", "starts_at", "r.starts_at",
                "capacity", "r.capacity"), () -> { });
    }

    Map<Change, Long> writeEventPartners(ImportFile file) {
        resolve(file, new Reference("event_id", Target.EVENT),
                new Reference("partner_company_id", Target.PARTNER_COMPANY));
        Map<Change, Long> changes = new EnumMap<>(Change.class);
        long closing = accepted("closed");
        long closed = jdbc.sql("""
                delete from event_partner_company e using import_rows r
                 where r.closed and e.event_id = r.event_id_ref and e.partner_company_id = r.partner_company_id_ref
                """).update();
        // P-5: assigning a partner company sets no preference; customers are asked at their next booking.
        long adding = accepted("not closed");
        long added = jdbc.sql("""
                insert into event_partner_company (event_id, partner_company_id)
                select r.event_id_ref, r.partner_company_id_ref from import_rows r where not r.closed order by r.line
                    on conflict do nothing
                """).update();
        analyze("event_partner_company");
        changes.put(Change.ADDED, added);
        changes.put(Change.CLOSED, closed);
        changes.put(Change.UNCHANGED, closing - closed + adding - added);
        return changes;
    }

    Map<Change, Long> writeMembershipSchemes(ImportFile file) {
        resolve(file);
        return upsertTable(file, "membership_scheme", columns("name", "r.name", "price", "r.price"), () -> {
            unique(file, "name", "lower(%s.name)", "membership_scheme", "lower(%s.name)", "membership_scheme_name_key");
        });
    }

    Map<Change, Long> writePriceBands(ImportFile file) {
        resolve(file, new Reference("membership_scheme_id", Target.MEMBERSHIP_SCHEME));
        return upsertTable(file, "price_band", columns("name", "r.name", "membership_scheme_id",
                "r.membership_scheme_id_ref"), () -> {
                    unique(file, "name", "lower(%s.name)", "price_band", "lower(%s.name)", "price_band_name_key");
                });
    }

    Map<Change, Long> writeOrders(ImportFile file) {
        resolve(file, new Reference("owner_id", Target.CUSTOMER), new Reference("facilitator_id", Target.CUSTOMER));
        refuse(file, "facilitator_id", """
                select r.line, r.id as source from import_rows r where r.facilitator_id_ref = r.owner_id_ref
                """, Map.of(), rs -> StoreRefusals.forConstraint("order_facilitator_not_owner"));
        // F-2: the most important relationship that lets the facilitator act for the owner, as at the box office;
        // failing one, any relationship of the two, which is then refused in the rule's words.
        jdbc.sql("""
                create temp table import_facilitation on commit drop as
                select r.line, r.id, f.kind as facilitator_kind, chosen.id as relationship_id, chosen.allowed
                  from import_rows r
                  join customer f on f.id = r.facilitator_id_ref
                  left join lateral (
                       select x.id, ((x.customer_a_id = r.facilitator_id_ref and t.a_acts_for_b)
                                     or (x.customer_b_id = r.facilitator_id_ref and t.b_acts_for_a)) as allowed
                         from relationship x join relationship_type t on t.id = x.type_id
                        where (x.customer_a_id = r.facilitator_id_ref and x.customer_b_id = r.owner_id_ref)
                           or (x.customer_b_id = r.facilitator_id_ref and x.customer_a_id = r.owner_id_ref)
                        order by 2 desc, x.importance, x.id
                        limit 1) chosen on true
                """).update();
        refuse(file, "facilitator_id", """
                select line, id as source from import_facilitation where relationship_id is null
                """, Map.of(), rs -> StoreRefusals.forConstraint("order_facilitation_has_relationship"));
        refuse(file, "facilitator_id", """
                select line, id as source from import_facilitation
                 where relationship_id is not null and facilitator_kind <> 'INDIVIDUAL'
                """, Map.of(), rs -> StoreRefusals.forRule("F-3"));
        refuse(file, "facilitator_id", """
                select line, id as source from import_facilitation
                 where relationship_id is not null and facilitator_kind = 'INDIVIDUAL' and not allowed
                """, Map.of(), rs -> StoreRefusals.forRule("F-2"));
        Map<Change, Long> changes = guarded(file, () -> upsert("customer_order", columns("owner_id", "r.owner_id_ref",
                "facilitator_id", "r.facilitator_id_ref", "relationship_id", "f.relationship_id", "channel",
                "r.channel", "confirmed_at", "r.confirmed_at"), Map.of(),
                "import_rows r left join import_facilitation f on f.line = r.line", "true", accepted("true")),
                () -> { });
        jdbc.sql("drop table import_facilitation").update();
        // Kept to the end, when every line of the import is in: an order holds at least one.
        jdbc.sql("""
                insert into import_orders (line, id, ref)
                select r.line, r.id, t.id from import_rows r join customer_order t on t.source_id = r.id
                """).update();
        return changes;
    }

    Map<Change, Long> writeMemberships(ImportFile file) {
        resolve(file, new Reference("order_id", Target.ORDER),
                new Reference("membership_scheme_id", Target.MEMBERSHIP_SCHEME));
        // The member is the order's owner (F-7), as for a membership sold here.
        long rows = accepted("true");
        return summedAfter("membership", rows, () -> guarded(file, () -> upsert("membership", columns("order_id",
                "r.order_id_ref", "line_number", "r.line_number", "membership_scheme_id", "r.membership_scheme_id_ref",
                "member_id", "o.owner_id", "valid_from", "r.valid_from", "valid_to", "r.valid_to", "price", "r.price"),
                Map.of(), "import_rows r join customer_order o on o.id = r.order_id_ref", "true", rows), () -> {
                    lineTwice(file, "membership", "membership");
                }));
    }

    Map<Change, Long> writeDonations(ImportFile file) {
        resolve(file, new Reference("order_id", Target.ORDER));
        long rows = accepted("true");
        return summedAfter("donation", rows, () -> guarded(file, () -> upsert("donation", columns("order_id",
                "r.order_id_ref", "line_number", "r.line_number", "fund", "r.fund", "amount", "r.amount"), Map.of(),
                "import_rows r", "true", rows), () -> {
                    lineTwice(file, "donation", "donation");
                }));
    }

    Map<Change, Long> writeTickets(ImportFile file) {
        resolve(file, new Reference("order_id", Target.ORDER), new Reference("performance_id", Target.PERFORMANCE),
                new Reference("price_band_id", Target.PRICE_BAND));
        // F-7: a members' price band is judged on the order's owner, also when someone else made the order: a
        // membership of the band's scheme valid on the day of the order (in the venue's time zone). The members'
        // bands are named by their ids, so that PostgreSQL knows from the staged file's statistics how few tickets
        // are in them and looks only their orders up, instead of joining every ticket to every order.
        List<Long> membersBands = jdbc.sql("select id from price_band where membership_scheme_id is not null")
                .query(Long.class).list();
        if (!membersBands.isEmpty()) {
            refuse(file, "price_band_id", """
                    select r.line, r.id as source, b.name as band, s.name as scheme,
                           customer_name(c.kind, null, c.first_name, c.last_name, c.organisation_name) as owner
                      from import_rows r
                      join price_band b on b.id = r.price_band_id_ref
                      join membership_scheme s on s.id = b.membership_scheme_id
                      join customer_order o on o.id = r.order_id_ref
                      join customer c on c.id = o.owner_id
                     where r.price_band_id_ref in (:bands)
                       and not exists (select 1 from membership m
                                        where m.member_id = o.owner_id and m.membership_scheme_id = s.id
                                          and m.valid_from <= (o.confirmed_at at time zone :zone)::date
                                          and m.valid_to >= (o.confirmed_at at time zone :zone)::date)
                    """, Map.of("zone", zone.getId(), "bands", membersBands), rs -> "The price band "
                            + rs.getString("band") + " is for " + rs.getString("scheme") + " members, and "
                            + rs.getString("owner")
                            + ", for whom the order is, held no valid membership on the day of the order.");
        }
        // A return is its own file: a later export of the ticket leaves its status as it is.
        long rows = accepted("true");
        Map<Change, Long> changes = summedAfter("ticket", rows, () -> guarded(file, () -> upsert("ticket",
                columns("order_id", "r.order_id_ref", "line_number", "r.line_number", "event_instance_id",
                        "r.performance_id_ref", "price_band_id", "r.price_band_id_ref", "price", "r.price"),
                Map.of(), "import_rows r", "true", rows),
                () -> {
                    lineTwice(file, "ticket", "ticket");
                }));
        jdbc.sql("insert into import_ticketed select distinct performance_id_ref from import_rows").update();
        return changes;
    }

    /**
     * The order summary's triggers on {@code table} (V17), one of the tables whose rows it sums: tickets, memberships
     * and donations.
     */
    static List<String> summaryTriggers(String table) {
        return Stream.of("delete", "insert", "truncate", "update").map(change -> summaryTrigger(table, change))
                .toList();
    }

    private static String summaryTrigger(String table, String change) {
        return table + "_summary_" + change;
    }

    /**
     * A large write of tickets, memberships or donations with the store's order summary (V17) rebuilt once every file
     * is in ({@link #settle()}) by the store's own {@code order_summary_rebuild()}, as after a TRUNCATE, instead of by
     * the summary's triggers from the rows each write handed them: the triggers look each order's performance's partner
     * companies up once per row of the summary, the rebuild once per performance, and the writes that follow (the
     * returns among them) are summed by the same rebuild. Once the rebuild is owed, every later write of these tables
     * leaves its rows to it. Rows left with nothing sold are not kept, as after any rebuild.
     */
    private Map<Change, Long> summedAfter(String table, long rows, Supplier<Map<Change, Long>> write) {
        if (!summaryOwed.contains(table) && (!summaryOwed.isEmpty() || writes.large(table, rows))
                && writes.triggersAre(table, summaryTriggers(table))) {
            SUMMED_CHANGES.forEach(change -> writes.turn(table, summaryTrigger(table, change), false));
            summaryOwed.add(table);
        }
        return write.get();
    }

    /**
     * Once every file is in: the order summary rebuilt after a large write of what it sums, with its triggers turned on
     * again. Called before the import's transaction ends, whatever was refused.
     */
    void settle() {
        if (!summaryOwed.isEmpty()) {
            writes.rebuilt(SUMMARY, () -> jdbc.sql("select order_summary_rebuild()").query().listOfRows());
            // For the checks that read it next, as for every table written.
            analyze(SUMMARY);
            summaryOwed.forEach(table -> SUMMED_CHANGES.forEach(
                    change -> writes.turn(table, summaryTrigger(table, change), true)));
            summaryOwed.clear();
        }
    }

    Map<Change, Long> writeReturns(ImportFile file) {
        resolve(file, new Reference("ticket_id", Target.TICKET));
        refuse(file, "ticket_id", """
                select line, id as source from (
                       select r.line, r.id, min(r.line) over (partition by r.ticket_id_ref) as first
                       from import_rows r) d
                 where line > first
                union all
                select r.line, r.id from import_rows r join ticket t on t.id = r.ticket_id_ref
                 where t.status = 'RETURNED' and t.return_source_id is distinct from r.id
                """, Map.of(), rs -> "This ticket was already returned.");
        refuse(file, "id", """
                select r.line, r.id as source, t.source_id as ticket from import_rows r
                  join ticket t on t.return_source_id = r.id and t.id <> r.ticket_id_ref
                """, Map.of(), rs -> "The return with this id was imported before for another ticket, '"
                        + rs.getString("ticket") + "'.");
        Map<Change, Long> changes = new EnumMap<>(Change.class);
        jdbc.sql("""
                select count(*) filter (where t.return_source_id is null) as added,
                       count(*) filter (where t.return_source_id is not null and t.returned_at <> r.returned_at)
                           as updated
                  from import_rows r join ticket t on t.id = r.ticket_id_ref
                """).query(rs -> {
                    changes.put(Change.ADDED, rs.getLong("added"));
                    changes.put(Change.UPDATED, rs.getLong("updated"));
                });
        jdbc.sql("""
                update ticket t set status = 'RETURNED', returned_at = r.returned_at, return_source_id = r.id
                  from import_rows r
                 where t.id = r.ticket_id_ref
                   and (t.return_source_id is distinct from r.id or t.returned_at is distinct from r.returned_at)
                """).update();
        changes.put(Change.UNCHANGED, accepted("true") - changes.get(Change.ADDED) - changes.get(Change.UPDATED));
        return changes;
    }

    /**
     * Each change of a customer's preference for a partner company (P-3, P-8), applied in the order the file gives;
     * the store writes its history entry, with its channel and time. A change already imported is history: it is never
     * altered. A customer's changes for one partner company are written one round each, the n-th change of every
     * pair in the n-th statement, so that the store's trigger writes every one of them to the history.
     */
    Map<Change, Long> writePreferences(ImportFile file) {
        resolve(file, new Reference("customer_id", Target.CUSTOMER),
                new Reference("partner_company_id", Target.PARTNER_COMPANY));
        refuse(file, "id", """
                select r.line, r.id as source from import_rows r join partner_preference_history h on h.source_id = r.id
                 where (h.customer_id, h.partner_company_id, h.state, h.set_at, h.channel)
                       is distinct from (r.customer_id_ref, r.partner_company_id_ref, r.state, r.set_at, r.channel)
                """, Map.of(), rs -> "This preference change was imported before with other values; the history of"
                        + " contact preferences is kept as it was, so a correction is a new change with its own id.");
        long unchanged = jdbc.sql("""
                delete from import_rows r using partner_preference_history h where h.source_id = r.id
                """).update();
        DateTimeFormatter when = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);
        refuse(file, "set_at", """
                select line, source, before from (
                       select r.line, r.id as source, r.set_at,
                              greatest(p.set_at, max(r.set_at) over (partition by r.customer_id_ref,
                                  r.partner_company_id_ref order by r.line rows between unbounded preceding
                                  and 1 preceding)) as before
                         from import_rows r
                         left join partner_preference p on p.customer_id = r.customer_id_ref
                                                       and p.partner_company_id = r.partner_company_id_ref) d
                 where set_at < before
                """, Map.of(), rs -> "This change is older than the customer's current preference for this partner"
                        + " company, set " + when.format(rs.getTimestamp("before").toInstant().atZone(zone))
                        + "; list each customer's changes in the order they happened.");
        jdbc.sql("""
                create temp table import_changes on commit drop as
                select r.*, row_number() over (partition by r.customer_id_ref, r.partner_company_id_ref
                                               order by r.line) as round
                  from import_rows r
                """).update();
        long added = accepted("true");
        if (writes.large(PREFERENCE, added) && writes.triggersAre(PREFERENCE, List.of(PREFERENCE_TRIGGER))
                && writes.triggersAre(HISTORY, HISTORY_TRIGGERS)) {
            writes.checkedAfter(PREFERENCE, added, () -> writes.checkedAfterAdding(HISTORY, added,
                    () -> writes.checkedAfter(LATEST, added, () -> writes.withoutTrigger(PREFERENCE,
                            PREFERENCE_TRIGGER, () -> writes.withoutTrigger(HISTORY, LATEST_TRIGGER,
                                    this::writeAtOnce)))));
        }
        else {
            writeRounds();
        }
        jdbc.sql("drop table import_changes").update();
        analyze("partner_preference");
        Map<Change, Long> changes = new EnumMap<>(Change.class);
        changes.put(Change.ADDED, added);
        changes.put(Change.UNCHANGED, unchanged);
        return changes;
    }

    /**
     * The preference changes of {@code import_changes} in three statements, doing what the store's triggers do for
     * each change written one round at a time ({@link #writeRounds}): a history entry for each change that changes
     * the state, channel or time in force (with the state before it when there was one, and its id when it is not the
     * id in force already), in the order the rounds would write them; the latest entry of each pair where it is newer
     * than the one kept (V25); and each pair's last change as its preference.
     */
    private Void writeAtOnce() {
        jdbc.sql("""
                with ordered as (
                     select c.line, c.round, c.customer_id_ref, c.partner_company_id_ref, c.state, c.set_at, c.channel,
                            c.recorded_by, c.id, (c.round > 1 or p.customer_id is not null) as updating,
                            case when c.round = 1 then p.state else lag(c.state) over pair end as before_state,
                            case when c.round = 1 then p.channel else lag(c.channel) over pair end as before_channel,
                            case when c.round = 1 then p.set_at else lag(c.set_at) over pair end as before_set_at,
                            case when c.round = 1 then p.source_id else lag(c.id) over pair end as before_id
                       from import_changes c
                       left join partner_preference p on p.customer_id = c.customer_id_ref
                                                     and p.partner_company_id = c.partner_company_id_ref
                     window pair as (partition by c.customer_id_ref, c.partner_company_id_ref order by c.line)),
                entries as (
                     insert into partner_preference_history (customer_id, partner_company_id, state, previous_state,
                                                             set_at, channel, recorded_by, source_id)
                     select customer_id_ref, partner_company_id_ref, state, case when updating then before_state end,
                            set_at, channel, recorded_by,
                            case when not updating or id is distinct from before_id then id end
                       from ordered
                      where not (updating and state = before_state and channel = before_channel
                                 and set_at = before_set_at)
                      order by round, line
                     returning id, customer_id, partner_company_id, state, set_at, channel)
                insert into partner_preference_latest as l
                       (partner_company_id, customer_id, history_id, state, set_at, channel)
                select distinct on (partner_company_id, customer_id)
                       partner_company_id, customer_id, id, state, set_at, channel
                  from entries
                 order by partner_company_id, customer_id, set_at desc, id desc
                    on conflict (partner_company_id, customer_id) do update
                   set history_id = excluded.history_id, state = excluded.state, set_at = excluded.set_at,
                       channel = excluded.channel
                 where (excluded.set_at, excluded.history_id) > (l.set_at, l.history_id)
                """).update();
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel, recorded_by,
                                                source_id)
                select distinct on (customer_id_ref, partner_company_id_ref)
                       customer_id_ref, partner_company_id_ref, state, set_at, channel, recorded_by, id
                  from import_changes
                 order by customer_id_ref, partner_company_id_ref, round desc
                    on conflict (customer_id, partner_company_id) do update
                   set state = excluded.state, set_at = excluded.set_at, channel = excluded.channel,
                       recorded_by = excluded.recorded_by, source_id = excluded.source_id
                """).update();
        analyze(HISTORY);
        return null;
    }

    /** The preference changes of {@code import_changes}, the n-th change of each pair in the n-th statement. */
    private void writeRounds() {
        long rounds = jdbc.sql("select coalesce(max(round), 0) from import_changes").query(Long.class).single();
        for (long round = 1; round <= rounds; round++) {
            jdbc.sql("""
                    insert into partner_preference (customer_id, partner_company_id, state, set_at, channel,
                                                    recorded_by, source_id)
                    select customer_id_ref, partner_company_id_ref, state, set_at, channel, recorded_by, id
                      from import_changes where round = :round order by line
                        on conflict (customer_id, partner_company_id) do update
                       set state = excluded.state, set_at = excluded.set_at, channel = excluded.channel,
                           recorded_by = excluded.recorded_by, source_id = excluded.source_id
                    """).param("round", round).update();
        }
    }

    /**
     * What is checked once every file is in and {@link #settle() settled}: performances with more tickets sold than
     * seats (a seat sold, returned and sold again is one seat, whatever the order of the files' rows), counted from the
     * order summary, which holds each order's tickets sold per performance; and orders with nothing in them.
     */
    List<Refusal> atTheEnd() {
        analyze("import_ticketed");
        List<Refusal> found = new ArrayList<>(jdbc.sql("""
                select i.source_id, e.name, i.capacity, s.sold
                  from event_instance i join event e on e.id = i.event_id
                  join (select event_instance_id, sum(tickets) as sold from order_summary
                         where event_instance_id in (select id from import_ticketed)
                         group by event_instance_id) s on s.event_instance_id = i.id
                 where s.sold > i.capacity
                 order by i.starts_at, i.id
                """).query((rs, n) -> new Refusal(ImportFile.TICKETS, 0, "performance_id", "The performance '"
                        + rs.getString("source_id") + "' of " + rs.getString("name") + " has " + rs.getInt("capacity")
                        + (rs.getInt("capacity") == 1 ? " seat" : " seats") + " but would have " + rs.getLong("sold")
                        + " tickets sold.")).list());
        // As a basket with nothing in it is refused at the box office and online. An order with something counted in
        // its summary has something in it; only the others are looked for in the tables themselves.
        analyze("import_orders");
        found.addAll(jdbc.sql("""
                select o.line from import_orders o
                 where not exists (select 1 from order_summary s where s.order_id = o.ref
                                      and (s.tickets > 0 or s.memberships > 0 or s.donations > 0))
                   and not exists (select 1 from ticket t where t.order_id = o.ref)
                   and not exists (select 1 from membership m where m.order_id = o.ref)
                   and not exists (select 1 from donation d where d.order_id = o.ref)
                 order by o.line
                """).query((rs, n) -> new Refusal(ImportFile.ORDERS, rs.getLong("line"), "id", "This order has"
                        + " nothing in it: no ticket, membership or donation names it, neither in tickets.csv,"
                        + " memberships.csv and donations.csv nor imported before.")).list());
        return found;
    }

    // ---- Helpers of the set-based step. ----

    /**
     * The staged rows of a file with their references resolved ({@code import_rows}); the rows refused as they were
     * read are remembered with their lines, and references the store does not hold are refused.
     */
    private void resolve(ImportFile file, Reference... references) {
        jdbc.sql("""
                insert into import_refused (file, line, source) select :file, line, id from import_stage where refused
                """).param("file", file.name()).update();
        StringBuilder select = new StringBuilder("create temp table import_rows on commit drop as select s.*");
        StringBuilder joins = new StringBuilder(" from import_stage s");
        for (int i = 0; i < references.length; i++) {
            Reference reference = references[i];
            // Names from this class's constants, never from a file.
            select.append(", j").append(i).append(".id as ").append(reference.column()).append("_ref");
            joins.append(" left join ").append(reference.target().table).append(" j").append(i)
                    .append(" on j").append(i).append(".source_id = s.").append(reference.column());
        }
        jdbc.sql("drop table if exists import_rows").update();
        jdbc.sql(select.append(joins).append(" where not s.refused").toString()).update();
        jdbc.sql("drop table import_stage").update();
        jdbc.sql("analyze import_rows").update();
        if (file.columns().contains("id") && !(UPSERTED_BY_ID.containsKey(file.name())
                && empty(UPSERTED_BY_ID.get(file.name())))) {
            listedTwice(file);
        }
        for (Reference reference : references) {
            String column = reference.column();
            Target target = reference.target();
            // A closed relationship is named by its id alone: its other references are not looked at.
            String open = ImportFile.RELATIONSHIPS.equals(file.name()) ? " and not r.closed" : "";
            refuse(file, column, "select r.line, r.id as source, r." + column + " as ref,"
                    + " (select min(x.line) from import_refused x where x.file = :target and x.source = r." + column
                    + ") as refused_at from import_rows r where r." + column + " is not null and r." + column
                    + "_ref is null" + open, Map.of("target", target.file), rs -> {
                        String source = rs.getString("ref");
                        long refusedAt = rs.getLong("refused_at");
                        return rs.wasNull()
                                ? "There is no " + target.words + " with the id '" + source + "', neither in "
                                + target.file + " nor imported before."
                                : "The " + target.words + " with the id '" + source + "' was itself refused ("
                                        + target.file + ", line " + refusedAt + ").";
                    });
        }
    }

    /** A reason in words from one row of a check's result. */
    @FunctionalInterface
    private interface Reason {

        String of(ResultSet row) throws SQLException;
    }

    /**
     * Refuses the rows {@code bad} finds (columns line and source, the row's id, and what the reason needs): each is
     * reported in words with its line and {@code field}, remembered as refused, and taken out of the rows to write.
     */
    private void refuse(ImportFile file, String field, String bad, Map<String, ?> parameters, Reason reason) {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put("file", file.name());
        jdbc.sql("with bad as (" + bad + """
                ), kept as (insert into import_refused (file, line, source) select :file, line, source from bad),
                gone as (delete from import_rows r using bad where r.line = bad.line)
                select distinct on (line) * from bad order by line
                """).params(all).query(rs -> {
                    refusals.add(new Refusal(file.name(), rs.getLong("line"), field, reason.of(rs)));
                });
    }

    /** Whether {@code table} (one of this class's constants) holds no record. */
    private boolean empty(String table) {
        return jdbc.sql("select not exists (select 1 from " + table + ")").query(Boolean.class).single();
    }

    /**
     * The rows whose id is on an earlier line of the same file too: checked for every file, as a second row with the
     * same id would otherwise update the record its first row wrote, or leave it, without a word.
     */
    private void listedTwice(ImportFile file) {
        refuse(file, "id", """
                select r.line, r.id as source, d.first
                  from import_rows r
                  join (select id, min(line) as first from import_rows group by id having count(*) > 1) d on d.id = r.id
                 where r.line > d.first
                """, Map.of(), rs -> "This id is also on line " + rs.getLong("first") + "; each record is listed once"
                        + " in its file.");
    }

    /**
     * The rows whose {@code key} (over alias {@code %1$s}) another row of the file has on an earlier line, or a record
     * of {@code table} has that the file does not change: said as the store says its {@code constraint}.
     */
    private void unique(ImportFile file, String field, String key, String table, String storeKey, String constraint) {
        String row = String.format(Locale.ROOT, key, "r");
        String other = String.format(Locale.ROOT, key, "m");
        String stored = String.format(Locale.ROOT, storeKey, "t");
        refuse(file, field, "select line, source from (select r.line, r.id as source, min(r.line) over (partition by "
                + row + ") as first from import_rows r) d where line > first"
                + " union all select r.line, r.id from import_rows r join " + table + " t on (" + stored + ") = ("
                + row + ") where t.source_id is distinct from r.id and not exists (select 1 from import_rows m"
                + " where m.id = t.source_id and (" + other + ") is distinct from (" + stored + "))", Map.of(),
                rs -> StoreRefusals.forConstraint(constraint));
    }

    /** An order's line number used twice for tickets, memberships or donations. */
    private void lineTwice(ImportFile file, String table, String words) {
        refuse(file, "line_number", "select line, source from (select r.line, r.id as source, min(r.line) over"
                + " (partition by r.order_id_ref, r.line_number) as first from import_rows r) d where line > first"
                + " union all select r.line, r.id from import_rows r join " + table
                + " t on t.order_id = r.order_id_ref"
                + " and t.line_number = r.line_number where t.source_id is distinct from r.id and not exists (select 1"
                + " from import_rows m where m.id = t.source_id and (m.order_id_ref, m.line_number) is distinct from"
                + " (t.order_id, t.line_number))", Map.of(), rs -> "The order already has a " + words
                        + " on this line number; each line of an order has its own number.");
    }

    private Map<Change, Long> upsertTable(ImportFile file, String table, Map<String, String> values, Runnable checks) {
        return guarded(file, () -> upsert(table, values, Map.of(), "import_rows r", "true", accepted("true")), checks);
    }

    /**
     * The write under a savepoint; if the store refuses it for a value used twice that must be unique, {@code checks}
     * name the rows at fault (and take them out) and it is written again. Any other refusal of the store is the
     * caller's.
     */
    private Map<Change, Long> guarded(ImportFile file, Supplier<Map<Change, Long>> write, Runnable checks) {
        try {
            return savepoint.execute(status -> write.get());
        }
        catch (DataAccessException ex) {
            if (!usedTwice(ex)) {
                throw ex;
            }
            int before = refusals.size();
            // Into an empty table, an id listed twice is found here: the write adds both rows in one statement,
            // which PostgreSQL refuses.
            if (file.columns().contains("id")) {
                listedTwice(file);
            }
            checks.run();
            if (refusals.size() == before) {
                throw ex;
            }
            return savepoint.execute(status -> write.get());
        }
    }

    private static boolean usedTwice(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof SQLException sql && USED_TWICE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The accepted rows for which {@code condition} holds. */
    private long accepted(String condition) {
        // The condition is one of this class's constants.
        return jdbc.sql("select count(*) from import_rows where " + condition).query(Long.class).single();
    }

    /**
     * Adds the records of the rows {@code from} selects, or updates those whose {@code values} differ where
     * {@code guard} holds; {@code insertOnly} columns are set when a record is added only. In the file's order: an
     * export lists its records by id, so the table and its indexes grow at their ends, as they would under a plain COPY
     * of the file, instead of at random places. Table and column names are this class's constants, never a file's.
     */
    private Map<Change, Long> upsert(String table, Map<String, String> values, Map<String, String> insertOnly,
            String from, String guard, long rows) {
        List<String> updated = List.copyOf(values.keySet());
        List<String> inserted = new ArrayList<>(updated);
        inserted.addAll(insertOnly.keySet());
        List<String> expressions = new ArrayList<>(values.values());
        expressions.addAll(insertOnly.values());
        String sql = "with written as (insert into " + table + " as t (source_id, " + String.join(", ", inserted) + ")"
                + " select r.id, " + String.join(", ", expressions) + " from " + from + " order by r.line"
                + " on conflict (source_id) do update set " + joined(updated, "%s = excluded.%<s")
                + " where " + guard + " and (" + joined(updated, "t.%s") + ") is distinct from ("
                + joined(updated, "excluded.%s") + ")"
                + " returning xmax = 0 as added)"
                + " select count(*) filter (where added) as added, count(*) filter (where not added) as updated"
                + " from written";
        Map<Change, Long> changes = new EnumMap<>(Change.class);
        if (writes.large(table, rows) && empty(table)) {
            // Into an empty table every row is added: a plain insert, with the table's unique ids built after it.
            String adding = "insert into " + table + " (source_id, " + String.join(", ", inserted) + ")"
                    + " select r.id, " + String.join(", ", expressions) + " from " + from + " order by r.line";
            changes.put(Change.ADDED, writes.checkedAfterAdding(table, rows, () -> (long) jdbc.sql(adding).update()));
            changes.put(Change.UPDATED, 0L);
        }
        else {
            writes.checkedAfter(table, rows, () -> {
                jdbc.sql(sql).query(rs -> {
                    changes.put(Change.ADDED, rs.getLong("added"));
                    changes.put(Change.UPDATED, rs.getLong("updated"));
                });
                return changes;
            });
        }
        changes.put(Change.UNCHANGED, rows - changes.get(Change.ADDED) - changes.get(Change.UPDATED));
        analyze(table);
        return changes;
    }

    /**
     * The table's statistics brought up to date with what this import wrote (ANALYZE counts the transaction's own
     * rows): the files after it are joined with it, and PostgreSQL plans a join with a table it believes empty or
     * small as a loop over it for every row.
     */
    private void analyze(String table) {
        // The table's name is one of this class's constants.
        jdbc.sql("analyze " + table).update();
    }

    private static String joined(List<String> columns, String format) {
        return columns.stream().map(column -> String.format(Locale.ROOT, format, column))
                .collect(Collectors.joining(", "));
    }

    /** Store columns and the expressions over the staged rows that fill them, in pairs. */
    private static Map<String, String> columns(String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], pairs[i + 1]);
        }
        return columns;
    }

    private static Object[] values(Object... values) {
        return values;
    }

    /** The values, read in the order given, unless reading one of them refused the row. */
    private static Object[] unlessRefused(SourceRow row, Object... values) {
        return row.refused() ? null : values;
    }

    private static Map<String, String> words(String... pairs) {
        Map<String, String> words = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            words.put(pairs[i], pairs[i + 1]);
        }
        return words;
    }
}
