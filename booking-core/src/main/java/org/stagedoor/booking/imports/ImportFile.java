package org.stagedoor.booking.imports;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One kind of import file: its name, its columns (the first line names them, in any order), those that must have a
 * value, and how its rows are written. {@link #ALL} is the order of the import, each file after those it refers to;
 * memberships come before tickets, so that a ticket in a members' price band finds a membership bought in its order.
 */
record ImportFile(String name, List<String> columns, Set<String> required,
        BiFunction<ImportRows, SourceRow, Change> rows) {

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
                    Set.of("id", "name", "collects_preferences"), ImportRows::partnerCompany),
            new ImportFile(RELATIONSHIP_TYPES, List.of("id", "a_label", "b_label", "a_acts_for_b", "b_acts_for_a"),
                    Set.of("id", "a_label", "b_label", "a_acts_for_b", "b_acts_for_a"), ImportRows::relationshipType),
            new ImportFile(CUSTOMERS, List.of("id", "kind", "title", "first_name", "last_name", "organisation_name",
                    "email", "phone", "mobile", "date_of_birth", "postcode", "online_access", "created_at"),
                    Set.of("id", "kind"), ImportRows::customer),
            new ImportFile(RELATIONSHIPS, List.of("id", "type_id", "customer_a_id", "customer_b_id", "importance",
                    "closed"), Set.of("id", "type_id", "customer_a_id", "customer_b_id"), ImportRows::relationship),
            new ImportFile(EVENTS, List.of("id", "name"), Set.of("id", "name"), ImportRows::event),
            new ImportFile(PERFORMANCES, List.of("id", "event_id", "starts_at", "capacity"),
                    Set.of("id", "event_id", "starts_at", "capacity"), ImportRows::performance),
            new ImportFile(EVENT_PARTNERS, List.of("event_id", "partner_company_id", "closed"),
                    Set.of("event_id", "partner_company_id"), ImportRows::eventPartner),
            new ImportFile(MEMBERSHIP_SCHEMES, List.of("id", "name", "price"), Set.of("id", "name", "price"),
                    ImportRows::membershipScheme),
            new ImportFile(PRICE_BANDS, List.of("id", "name", "membership_scheme_id"), Set.of("id", "name"),
                    ImportRows::priceBand),
            new ImportFile(ORDERS, List.of("id", "owner_id", "facilitator_id", "channel", "confirmed_at"),
                    Set.of("id", "owner_id", "channel", "confirmed_at"), ImportRows::order),
            new ImportFile(MEMBERSHIPS, List.of("id", "order_id", "line_number", "membership_scheme_id", "valid_from",
                    "valid_to", "price"), Set.of("id", "order_id", "line_number", "membership_scheme_id", "valid_from",
                    "valid_to", "price"), ImportRows::membership),
            new ImportFile(DONATIONS, List.of("id", "order_id", "line_number", "fund", "amount"),
                    Set.of("id", "order_id", "line_number", "fund", "amount"), ImportRows::donation),
            new ImportFile(TICKETS,
                    List.of("id", "order_id", "line_number", "performance_id", "price_band_id", "price"),
                    Set.of("id", "order_id", "line_number", "performance_id", "price_band_id", "price"),
                    ImportRows::ticket),
            new ImportFile(RETURNS, List.of("id", "ticket_id", "returned_at"), Set.of("id", "ticket_id", "returned_at"),
                    ImportRows::ticketReturn),
            new ImportFile(PREFERENCES, List.of("id", "customer_id", "partner_company_id", "state", "set_at", "channel",
                    "recorded_by"), Set.of("id", "customer_id", "partner_company_id", "state", "set_at", "channel"),
                    ImportRows::preference));
}
