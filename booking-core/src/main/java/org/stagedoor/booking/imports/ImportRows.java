package org.stagedoor.booking.imports;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.booking.store.StoreRefusals;

/**
 * Writes the rows of each kind of import file into the store, keyed by the source system's ids (V21): a row whose id
 * is new is added, one whose values differ from the record with its id updates it, one equal to it leaves it as it is.
 * The store's own constraints and triggers judge every row as they judge data entered in Stagedoor (F-2, F-3, P-4, P-8
 * and the rest); what they cannot say well (an unknown reference, an order for oneself) is checked here first.
 */
final class ImportRows {

    /** References already looked up, by table and source id; forgotten when large, as a nightly import can be. */
    private static final int REMEMBERED = 200_000;

    static final Map<String, String> KINDS = words("person", "INDIVIDUAL", "organisation", "ORGANISATION");

    static final Map<String, String> ORDER_CHANNELS = words("box office", "BOX_OFFICE", "online", "ONLINE");

    static final Map<String, String> STATES = words("yes", "YES", "no", "NO", "not asked", "NOT_ASKED");

    static final Map<String, String> PREFERENCE_CHANNELS = words("online checkout", "ONLINE_CHECKOUT", "box office",
            "BOX_OFFICE", "account page", "ACCOUNT_PAGE", "administrator", "ADMINISTRATOR", "import", "IMPORT");

    /** Email addresses as the store accepts them (V1's check). */
    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

    private final JdbcClient jdbc;

    private final ZoneId zone;

    private final Map<String, Map<String, Long>> remembered = new HashMap<>();

    /** Whether each price band looked at is for members of a scheme (F-7), as read in this import. */
    private final Map<Long, Boolean> membersBands = new HashMap<>();

    /** The performances tickets were imported for, checked for their seats at the end. */
    private final Set<Long> ticketed = new HashSet<>();

    /** The line of each refused row with an id, by file: what a reference to it is told. */
    private final Map<String, Map<String, Long>> refusedLines = new HashMap<>();

    ImportRows(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
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

    Change partnerCompany(SourceRow row) {
        String source = row.required("id");
        String name = row.required("name");
        Boolean collects = row.yesNo("collects_preferences", null);
        String description = Optional.ofNullable(row.text("web_description")).orElse("");
        if (row.refused()) {
            return null;
        }
        return upsert("partner_company", source, columns("name", name, "collects_preferences", collects,
                "web_description", description));
    }

    Change relationshipType(SourceRow row) {
        String source = row.required("id");
        String aLabel = row.required("a_label");
        String bLabel = row.required("b_label");
        Boolean aActsForB = row.yesNo("a_acts_for_b", null);
        Boolean bActsForA = row.yesNo("b_acts_for_a", null);
        if (row.refused()) {
            return null;
        }
        return upsert("relationship_type", source, columns("a_label", aLabel, "b_label", bLabel, "a_acts_for_b",
                aActsForB, "b_acts_for_a", bActsForA));
    }

    Change customer(SourceRow row) {
        String source = row.required("id");
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
        Boolean online = row.yesNo("online_access", true);
        Instant created = row.moment("created_at", Instant.now());
        if (row.refused()) {
            return null;
        }
        Map<String, Object> values = columns("kind", kind);
        for (String column : List.of("title", "first_name", "last_name", "organisation_name")) {
            values.put(column, row.text(column));
        }
        values.putAll(columns("email", email, "phone", row.text("phone"), "mobile", row.text("mobile"),
                "date_of_birth", birth, "postcode", row.text("postcode"), "online_access", online));
        // An erased customer stays erased: a later export of its old record leaves it as it is (V9).
        return upsert("customer", source, values, columns("created_channel", "IMPORT", "created_at",
                Timestamp.from(created)), "t.erased_at is null");
    }

    Change relationship(SourceRow row) {
        String source = row.required("id");
        if (Boolean.TRUE.equals(row.yesNo("closed", false))) {
            return source == null ? null : closeRelationship(row, source);
        }
        Long type = reference(row, "type_id", Target.RELATIONSHIP_TYPE, true);
        Long a = reference(row, "customer_a_id", Target.CUSTOMER, true);
        Long b = reference(row, "customer_b_id", Target.CUSTOMER, true);
        Integer importance = row.wholeNumber("importance", 1, 1);
        if (row.refused()) {
            return null;
        }
        return upsert("relationship", source, columns("type_id", type, "customer_a_id", a, "customer_b_id", b,
                "importance", importance));
    }

    private Change closeRelationship(SourceRow row, String source) {
        boolean used = jdbc.sql("""
                select exists (select 1 from customer_order o join relationship r on r.id = o.relationship_id
                                where r.source_id = :source)
                """).param("source", source).query(Boolean.class).single();
        if (used) {
            row.refuse("closed", "Orders were made through this relationship, so it stays as their record; it cannot"
                    + " be closed.");
            return null;
        }
        int deleted = jdbc.sql("delete from relationship where source_id = :source").param("source", source).update();
        return deleted == 0 ? Change.UNCHANGED : Change.CLOSED;
    }

    Change event(SourceRow row) {
        String source = row.required("id");
        String name = row.required("name");
        if (row.refused()) {
            return null;
        }
        return upsert("event", source, columns("name", name));
    }

    Change performance(SourceRow row) {
        String source = row.required("id");
        Long event = reference(row, "event_id", Target.EVENT, true);
        Instant starts = row.moment("starts_at", null);
        Integer capacity = row.wholeNumber("capacity", 1, null);
        if (row.refused()) {
            return null;
        }
        return upsert("event_instance", source, columns("event_id", event, "starts_at", Timestamp.from(starts),
                "capacity", capacity));
    }

    Change eventPartner(SourceRow row) {
        Long event = reference(row, "event_id", Target.EVENT, true);
        Long partner = reference(row, "partner_company_id", Target.PARTNER_COMPANY, true);
        Boolean closed = row.yesNo("closed", false);
        if (row.refused()) {
            return null;
        }
        Map<String, Object> pair = Map.of("event", event, "partner", partner);
        if (closed) {
            return jdbc.sql("""
                    delete from event_partner_company where event_id = :event and partner_company_id = :partner
                    """).params(pair).update() == 0 ? Change.UNCHANGED : Change.CLOSED;
        }
        // P-5: assigning a partner company sets no preference; customers are asked at their next booking.
        return jdbc.sql("""
                insert into event_partner_company (event_id, partner_company_id) values (:event, :partner)
                on conflict do nothing
                """).params(pair).update() == 0 ? Change.UNCHANGED : Change.ADDED;
    }

    Change membershipScheme(SourceRow row) {
        String source = row.required("id");
        String name = row.required("name");
        BigDecimal price = row.amount("price", false);
        if (row.refused()) {
            return null;
        }
        return upsert("membership_scheme", source, columns("name", name, "price", price));
    }

    Change priceBand(SourceRow row) {
        String source = row.required("id");
        String name = row.required("name");
        Long scheme = reference(row, "membership_scheme_id", Target.MEMBERSHIP_SCHEME, false);
        if (row.refused()) {
            return null;
        }
        return upsert("price_band", source, columns("name", name, "membership_scheme_id", scheme));
    }

    Change order(SourceRow row) {
        String source = row.required("id");
        Long owner = reference(row, "owner_id", Target.CUSTOMER, true);
        Long facilitator = reference(row, "facilitator_id", Target.CUSTOMER, false);
        String channel = row.choice("channel", ORDER_CHANNELS, null);
        Instant confirmed = row.moment("confirmed_at", null);
        if (row.refused()) {
            return null;
        }
        Long relationship = null;
        if (facilitator != null) {
            if (facilitator.equals(owner)) {
                row.refuse("facilitator_id", StoreRefusals.forConstraint("order_facilitator_not_owner"));
                return null;
            }
            // F-2: the most important relationship that lets the facilitator act for the owner, as at the box office;
            // failing one, any relationship of the two, which the store then refuses in the rule's words.
            relationship = jdbc.sql("""
                    select r.id
                      from relationship r join relationship_type t on t.id = r.type_id
                     where (r.customer_a_id = :facilitator and r.customer_b_id = :owner)
                        or (r.customer_b_id = :facilitator and r.customer_a_id = :owner)
                     order by ((r.customer_a_id = :facilitator and t.a_acts_for_b)
                               or (r.customer_b_id = :facilitator and t.b_acts_for_a)) desc, r.importance, r.id
                     limit 1
                    """).params(Map.of("facilitator", facilitator, "owner", owner)).query(Long.class).optional()
                    .orElse(null);
        }
        return upsert("customer_order", source, columns("owner_id", owner, "facilitator_id", facilitator,
                "relationship_id", relationship, "channel", channel, "confirmed_at", Timestamp.from(confirmed)));
    }

    Change ticket(SourceRow row) {
        String source = row.required("id");
        Long order = reference(row, "order_id", Target.ORDER, true);
        Integer line = row.wholeNumber("line_number", 0, null);
        Long performance = reference(row, "performance_id", Target.PERFORMANCE, true);
        Long band = reference(row, "price_band_id", Target.PRICE_BAND, true);
        BigDecimal price = row.amount("price", false);
        if (row.refused()) {
            return null;
        }
        eligibility(row, order, band);
        if (row.refused()) {
            return null;
        }
        // A return is its own file: a later export of the ticket leaves its status as it is.
        Change change = upsert("ticket", source, columns("order_id", order, "line_number", line, "event_instance_id",
                performance, "price_band_id", band, "price", price));
        ticketed.add(performance);
        return change;
    }

    /**
     * Performances with more tickets sold than seats, once every ticket and return is in: a seat sold, returned and
     * sold again is one seat, whatever the order of the files' rows.
     */
    List<Refusal> overbooked() {
        if (ticketed.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select i.source_id, e.name, i.capacity,
                       (select count(*) from ticket t where t.event_instance_id = i.id and t.status = 'SOLD') as sold
                  from event_instance i join event e on e.id = i.event_id
                 where i.id = any(:performances)
                 order by i.starts_at, i.id
                """).param("performances", ticketed.toArray(Long[]::new))
                .query((rs, n) -> new Overbooked(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)))
                .list().stream().filter(performance -> performance.sold() > performance.capacity())
                .map(performance -> new Refusal(ImportFile.TICKETS, 0, "performance_id", "The performance '"
                        + performance.source() + "' of " + performance.event() + " has " + performance.capacity()
                        + (performance.capacity() == 1 ? " seat" : " seats") + " but would have " + performance.sold()
                        + " tickets sold."))
                .toList();
    }

    private record Overbooked(String source, String event, int capacity, long sold) {
    }

    /**
     * F-7: a members' price band is judged on the order's owner, also when someone else made the order: a membership
     * of the band's scheme valid on the day of the order (in the venue's time zone), bought before or in the same
     * order.
     */
    private void eligibility(SourceRow row, long order, long band) {
        boolean forMembers = membersBands.computeIfAbsent(band, id -> jdbc.sql("""
                select membership_scheme_id is not null from price_band where id = :band
                """).param("band", id).query(Boolean.class).single());
        if (!forMembers) {
            return;
        }
        jdbc.sql("""
                select c.kind, c.first_name, c.last_name, c.organisation_name, s.name as scheme, b.name as band
                  from customer_order o
                  join customer c on c.id = o.owner_id
                  join price_band b on b.id = :band
                  join membership_scheme s on s.id = b.membership_scheme_id
                 where o.id = :order
                   and not exists (select 1 from membership m
                                    where m.member_id = o.owner_id and m.membership_scheme_id = s.id
                                      and m.valid_from <= (o.confirmed_at at time zone :zone)::date
                                      and m.valid_to >= (o.confirmed_at at time zone :zone)::date)
                """).params(Map.of("order", order, "band", band, "zone", zone.getId())).query().listOfRows()
                .forEach(owner -> row.refuse("price_band_id", "The price band " + owner.get("band") + " is for "
                        + owner.get("scheme") + " members, and " + ("ORGANISATION".equals(owner.get("kind"))
                                ? owner.get("organisation_name")
                                : owner.get("first_name") + " " + owner.get("last_name"))
                        + ", for whom the order is, held no valid membership on the day of the order."));
    }

    Change ticketReturn(SourceRow row) {
        String source = row.required("id");
        String ticketSource = row.required("ticket_id");
        Instant returned = row.moment("returned_at", null);
        if (row.refused()) {
            return null;
        }
        Optional<Map<String, Object>> ticket = jdbc.sql("""
                select id, status, return_source_id, returned_at from ticket where source_id = :ticket
                """).param("ticket", ticketSource).query().listOfRows().stream().findFirst();
        if (ticket.isEmpty()) {
            row.refuse("ticket_id", unknown(Target.TICKET, ticketSource));
            return null;
        }
        Object earlier = ticket.get().get("return_source_id");
        if (source.equals(earlier)) {
            Instant at = ((Timestamp) ticket.get().get("returned_at")).toInstant();
            if (at.equals(returned)) {
                return Change.UNCHANGED;
            }
        }
        else if ("RETURNED".equals(ticket.get().get("status"))) {
            row.refuse("ticket_id", "This ticket was already returned.");
            return null;
        }
        jdbc.sql("""
                update ticket set status = 'RETURNED', returned_at = :returned, return_source_id = :source
                 where id = :id
                """).params(Map.of("returned", Timestamp.from(returned), "source", source,
                        "id", ticket.get().get("id")))
                .update();
        return earlier == null ? Change.ADDED : Change.UPDATED;
    }

    Change membership(SourceRow row) {
        String source = row.required("id");
        Long order = reference(row, "order_id", Target.ORDER, true);
        Integer line = row.wholeNumber("line_number", 0, null);
        Long scheme = reference(row, "membership_scheme_id", Target.MEMBERSHIP_SCHEME, true);
        LocalDate from = row.date("valid_from", true);
        LocalDate to = row.date("valid_to", true);
        BigDecimal price = row.amount("price", false);
        if (row.refused()) {
            return null;
        }
        // The member is the order's owner (F-7), as for a membership sold here.
        Long member = jdbc.sql("select owner_id from customer_order where id = :order").param("order", order)
                .query(Long.class).single();
        return upsert("membership", source, columns("order_id", order, "line_number", line, "membership_scheme_id",
                scheme, "member_id", member, "valid_from", from, "valid_to", to, "price", price));
    }

    Change donation(SourceRow row) {
        String source = row.required("id");
        Long order = reference(row, "order_id", Target.ORDER, true);
        Integer line = row.wholeNumber("line_number", 0, null);
        String fund = row.required("fund");
        BigDecimal amount = row.amount("amount", true);
        if (row.refused()) {
            return null;
        }
        return upsert("donation", source, columns("order_id", order, "line_number", line, "fund", fund, "amount",
                amount));
    }

    /**
     * One change of a customer's preference for a partner company (P-3, P-8), applied in the order the file gives; the
     * store writes its history entry, with its channel and time, and refuses NOT_ASKED through an online channel
     * (P-4). A change already imported is history: it is never altered.
     */
    Change preference(SourceRow row) {
        String source = row.required("id");
        Long customer = reference(row, "customer_id", Target.CUSTOMER, true);
        Long partner = reference(row, "partner_company_id", Target.PARTNER_COMPANY, true);
        String state = row.choice("state", STATES, null);
        Instant setAt = row.moment("set_at", null);
        String channel = row.choice("channel", PREFERENCE_CHANNELS, null);
        String recordedBy = row.text("recorded_by");
        if (row.refused()) {
            return null;
        }
        Optional<Map<String, Object>> imported = jdbc.sql("""
                select customer_id, partner_company_id, state, set_at, channel
                  from partner_preference_history where source_id = :source
                """).param("source", source).query().listOfRows().stream().findFirst();
        if (imported.isPresent()) {
            Map<String, Object> was = imported.get();
            if (was.get("customer_id").equals(customer) && was.get("partner_company_id").equals(partner)
                    && was.get("state").equals(state) && was.get("channel").equals(channel)
                    && ((Timestamp) was.get("set_at")).toInstant().equals(setAt)) {
                return Change.UNCHANGED;
            }
            row.refuse("id", "This preference change was imported before with other values; the history of contact"
                    + " preferences is kept as it was, so a correction is a new change with its own id.");
            return null;
        }
        Optional<Instant> current = jdbc.sql("""
                select set_at from partner_preference where customer_id = :customer and partner_company_id = :partner
                """).params(Map.of("customer", customer, "partner", partner)).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
        if (current.isPresent() && setAt.isBefore(current.get())) {
            row.refuse("set_at", "This change is older than the customer's current preference for this partner company,"
                    + " set " + DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK).format(
                            current.get().atZone(zone)) + "; list each customer's changes in the order they happened.");
            return null;
        }
        Map<String, Object> values = new HashMap<>(Map.of("customer", customer, "partner", partner, "state", state,
                "setAt", Timestamp.from(setAt), "channel", channel, "source", source));
        values.put("recordedBy", recordedBy);
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel, recorded_by,
                                                source_id)
                values (:customer, :partner, :state, :setAt, :channel, :recordedBy, :source)
                on conflict (customer_id, partner_company_id) do update
                   set state = excluded.state, set_at = excluded.set_at, channel = excluded.channel,
                       recorded_by = excluded.recorded_by, source_id = excluded.source_id
                """).params(values).update();
        return Change.ADDED;
    }

    /** The store's id of the record a column names by its source id; null, with a refusal, when there is none. */
    private Long reference(SourceRow row, String column, Target target, boolean required) {
        String source = required ? row.required(column) : row.text(column);
        if (source == null) {
            return null;
        }
        Map<String, Long> known = remembered.computeIfAbsent(target.table, table -> new HashMap<>());
        Long id = known.get(source);
        if (id == null) {
            // The table's name comes from the enum above, never from the file.
            id = jdbc.sql("select id from " + target.table + " where source_id = :source").param("source", source)
                    .query(Long.class).optional().orElse(null);
            if (id == null) {
                Long refusedAt = refusedLines.getOrDefault(target.file, Map.of()).get(source);
                row.refuse(column, refusedAt == null ? unknown(target, source)
                        : "The " + target.words + " with the id '"
                        + source + "' was itself refused (" + target.file + ", line " + refusedAt + ").");
                return null;
            }
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
            known.put(source, id);
        }
        return id;
    }

    /** Remembers a refused row's id, so that the rows referring to it say why it is missing. */
    void refused(String file, String source, long line) {
        if (source != null) {
            refusedLines.computeIfAbsent(file, name -> new HashMap<>()).putIfAbsent(source, line);
        }
    }

    private static String unknown(Target target, String source) {
        return "There is no " + target.words + " with the id '" + source + "', neither in " + target.file
                + " nor imported before.";
    }

    private Change upsert(String table, String source, Map<String, Object> values) {
        return upsert(table, source, values, Map.of(), "true");
    }

    /**
     * Adds the record with this source id, or updates it where its {@code values} differ and {@code guard} holds;
     * {@code insertOnly} columns are set when it is added only. Table and column names are this class's constants,
     * never a file's; every value is a parameter named as its column.
     */
    private Change upsert(String table, String source, Map<String, Object> values, Map<String, Object> insertOnly,
            String guard) {
        List<String> updated = List.copyOf(values.keySet());
        List<String> inserted = new ArrayList<>(updated);
        inserted.addAll(insertOnly.keySet());
        String sql = "insert into " + table + " as t (source_id, " + String.join(", ", inserted) + ")"
                + " values (:source_id, " + joined(inserted, ":%s") + ")"
                + " on conflict (source_id) do update set " + joined(updated, "%s = excluded.%<s")
                + " where " + guard + " and (" + joined(updated, "t.%s") + ") is distinct from ("
                + joined(updated, "excluded.%s") + ")"
                + " returning xmax = 0";
        Map<String, Object> parameters = new HashMap<>(values);
        parameters.putAll(insertOnly);
        parameters.put("source_id", source);
        List<Boolean> added = jdbc.sql(sql).params(parameters).query(Boolean.class).list();
        return added.isEmpty() ? Change.UNCHANGED : added.get(0) ? Change.ADDED : Change.UPDATED;
    }

    private static String joined(List<String> columns, String format) {
        return columns.stream().map(column -> String.format(Locale.ROOT, format, column))
                .collect(Collectors.joining(", "));
    }

    /** Column names and values, in pairs; a value may be null (an empty optional column). */
    private static Map<String, Object> columns(Object... pairs) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put((String) pairs[i], pairs[i + 1]);
        }
        return columns;
    }

    private static Map<String, String> words(String... pairs) {
        Map<String, String> words = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            words.put(pairs[i], pairs[i + 1]);
        }
        return words;
    }
}
