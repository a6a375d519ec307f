package org.stagedoor.booking.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One kind of import file: its name, its columns (the first line names them, in any order), those that must have a
 * value, the columns of its staging table (the row's values as the store keeps them, references still as the source
 * system's ids), how a row is checked and turned into them, and how the staged rows are checked and written as a set.
 * {@link #ALL} is the order of the import, each file after those it refers to; memberships come before tickets, so
 * that a ticket in a members' price band finds a membership bought in its order.
 */
record ImportFile(String name, List<String> columns, Set<String> required, List<String> staged,
        BiFunction<ImportRows, SourceRow, Object[]> stage,
        BiFunction<ImportRows, ImportFile, Map<Change, Long>> write) {

    static final String PARTNER_COMPANIES = "partner-companies.csv";

    static final String RELATIONSHIP_TYPES = "relationship-types.csv";

    static final String CUSTOMERS = "customers.csv";

    static final String RELATIONSHIPS = "relationships.csv";

    static final String EVENTS = "events.csv";

    static final String PERFORMANCES = "performances.csv";

    static final String EVENT_PARTNERS = "event-partners.csv";

    static final String MEMBERSHIP_SCHEMES = "membership-schemes.csv";

    static final String PRICE_BANDS = "price-bands.csv";

    static final String ORDERS = "orders.csv";

    static final String TICKETS = "tickets.csv";

    static final String RETURNS = "returns.csv";

    static final String MEMBERSHIPS = "memberships.csv";

    static final String DONATIONS = "donations.csv";

    static final String PREFERENCES = "preferences.csv";

    static final List<ImportFile> ALL = List.of(
            new ImportFile(PARTNER_COMPANIES, List.of("id", "name", "collects_preferences", "web_description"),
                    Set.of("id", "name", "collects_preferences"),
                    List.of("name text", "collects_preferences boolean", "web_description text"),
                    ImportRows::partnerCompany, ImportRows::writePartnerCompanies),
            new ImportFile(RELATIONSHIP_TYPES, List.of("id", "a_label", "b_label", "a_acts_for_b", "b_acts_for_a"),
                    Set.of("id", "a_label", "b_label", "a_acts_for_b", "b_acts_for_a"),
                    List.of("a_label text", "b_label text", "a_acts_for_b boolean", "b_acts_for_a boolean"),
                    ImportRows::relationshipType, ImportRows::writeRelationshipTypes),
            new ImportFile(CUSTOMERS, List.of("id", "kind", "title", "first_name", "last_name", "organisation_name",
                    "email", "phone", "mobile", "date_of_birth", "postcode", "online_access", "created_at"),
                    Set.of("id", "kind"),
                    List.of("kind text", "title text", "first_name text", "last_name text", "organisation_name text",
                            "email text", "phone text", "mobile text", "date_of_birth date", "postcode text",
                            "online_access boolean", "created_at timestamptz"),
                    ImportRows::customer, ImportRows::writeCustomers),
            new ImportFile(RELATIONSHIPS, List.of("id", "type_id", "customer_a_id", "customer_b_id", "importance",
                    "closed"), Set.of("id", "type_id", "customer_a_id", "customer_b_id"),
                    List.of("type_id text", "customer_a_id text", "customer_b_id text", "importance integer",
                            "closed boolean"),
                    ImportRows::relationship, ImportRows::writeRelationships),
            new ImportFile(EVENTS, List.of("id", "name"), Set.of("id", "name"), List.of("name text"),
                    ImportRows::event, ImportRows::writeEvents),
            new ImportFile(PERFORMANCES, List.of("id", "event_id", "starts_at", "capacity"),
                    Set.of("id", "event_id", "starts_at", "capacity"),
                    List.of("event_id text", "starts_at timestamptz", "capacity integer"),
                    ImportRows::performance, ImportRows::writePerformances),
            new ImportFile(EVENT_PARTNERS, List.of("event_id", "partner_company_id", "closed"),
                    Set.of("event_id", "partner_company_id"),
                    List.of("event_id text", "partner_company_id text", "closed boolean"),
                    ImportRows::eventPartner, ImportRows::writeEventPartners),
            new ImportFile(MEMBERSHIP_SCHEMES, List.of("id", "name", "price"), Set.of("id", "name", "price"),
                    List.of("name text", "price numeric(10, 2)"),
                    ImportRows::membershipScheme, ImportRows::writeMembershipSchemes),
            new ImportFile(PRICE_BANDS, List.of("id", "name", "membership_scheme_id"), Set.of("id", "name"),
                    List.of("name text", "membership_scheme_id text"),
                    ImportRows::priceBand, ImportRows::writePriceBands),
            new ImportFile(ORDERS, List.of("id", "owner_id", "facilitator_id", "channel", "confirmed_at"),
                    Set.of("id", "owner_id", "channel", "confirmed_at"),
                    List.of("owner_id text", "facilitator_id text", "channel text", "confirmed_at timestamptz"),
                    ImportRows::order, ImportRows::writeOrders),
            new ImportFile(MEMBERSHIPS, List.of("id", "order_id", "line_number", "membership_scheme_id", "valid_from",
                    "valid_to", "price"), Set.of("id", "order_id", "line_number", "membership_scheme_id", "valid_from",
                    "valid_to", "price"),
                    List.of("order_id text", "line_number integer", "membership_scheme_id text", "valid_from date",
                            "valid_to date", "price numeric(10, 2)"),
                    ImportRows::membership, ImportRows::writeMemberships),
            new ImportFile(DONATIONS, List.of("id", "order_id", "line_number", "fund", "amount"),
                    Set.of("id", "order_id", "line_number", "fund", "amount"),
                    List.of("order_id text", "line_number integer", "fund text", "amount numeric(10, 2)"),
                    ImportRows::donation, ImportRows::writeDonations),
            new ImportFile(TICKETS,
                    List.of("id", "order_id", "line_number", "performance_id", "price_band_id", "price"),
                    Set.of("id", "order_id", "line_number", "performance_id", "price_band_id", "price"),
                    List.of("order_id text", "line_number integer", "performance_id text", "price_band_id text",
                            "price numeric(10, 2)"),
                    ImportRows::ticket, ImportRows::writeTickets),
            new ImportFile(RETURNS, List.of("id", "ticket_id", "returned_at"), Set.of("id", "ticket_id", "returned_at"),
                    List.of("ticket_id text", "returned_at timestamptz"),
                    ImportRows::ticketReturn, ImportRows::writeReturns),
            new ImportFile(PREFERENCES, List.of("id", "customer_id", "partner_company_id", "state", "set_at", "channel",
                    "recorded_by"), Set.of("id", "customer_id", "partner_company_id", "state", "set_at", "channel"),
                    List.of("customer_id text", "partner_company_id text", "state text", "set_at timestamptz",
                            "channel text", "recorded_by text"),
                    ImportRows::preference, ImportRows::writePreferences));

    /** The staging table's column names after line, id and refused, in the order {@link #stage} gives them. */
    List<String> stagedNames() {
        return staged.stream().map(column -> column.substring(0, column.indexOf(' '))).toList();
    }
}
