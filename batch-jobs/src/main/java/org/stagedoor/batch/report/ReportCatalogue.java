package org.stagedoor.batch.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.SheetSplit;

import static org.stagedoor.batch.output.ColumnType.INTEGER;
import static org.stagedoor.batch.output.ColumnType.MONEY;
import static org.stagedoor.batch.output.ColumnType.PERCENTAGE;
import static org.stagedoor.batch.output.ColumnType.TEXT;
import static org.stagedoor.batch.output.ColumnType.TIMESTAMP;

/**
 * The reports Stagedoor runs, each with typed parameters and columns. Every statement reads the
 * store as it stood at {@code :cutoff} (orders confirmed before it, returns made before it, the
 * preference in force at it), so that a restarted run gives the same rows as an uninterrupted one.
 * A ticket counts as sold until returned; a sold ticket at price 0 is a complimentary ticket (comp).
 * The aggregate reports hide small groups of people ({@link SmallCells}) and say so in their descriptions.
 */
public class ReportCatalogue {

    public static final String CUSTOMER_LIST = "customer-list";

    /** The customer list's one parameter: its definition. */
    public static final String LIST_PARAMETER = "list";

    /** The name of a report's period parameter; a run keeps its dates and words as {@code RunParameters} says. */
    public static final String PERIOD_PARAMETER = "period";

    public static final String OPTIN_LIST = "partner-optin-list";

    /** The opted-in list's columns, in order, when its data-sharing agreement allows them all. */
    public static final List<String> OPTIN_LIST_COLUMNS = List.of("id", "title", "first_name", "last_name", "email",
            "preference_set_at", "preference_channel");

    private static final ParameterDefinition OPTIN_COLUMNS = new ParameterDefinition("columns", "Columns",
            ParameterType.COLUMNS, false, null, "Columns to include, comma-separated, from "
                    + String.join(", ", OPTIN_LIST_COLUMNS)
                    + "; by default every one of them your data-sharing agreement allows");

    private static final ParameterDefinition PERIOD = new ParameterDefinition(PERIOD_PARAMETER, "Performances in",
            ParameterType.PERIOD, true, "previous-week", "Performances in this period (previous-week, last-N-days,"
                    + " month-to-date, previous-month, next-N-days or YYYY-MM-DD..YYYY-MM-DD)");

    private static final ParameterDefinition ORDER_PERIOD = new ParameterDefinition(PERIOD_PARAMETER,
            "Orders confirmed in", ParameterType.PERIOD, true, "previous-week", "Orders confirmed in this period");

    /** The partner's performances in the period, and each ticket on them as it stood at the cut-off. */
    private static final String PARTNER_TICKETS = """
            with performance as (
                select ei.id, ei.event_id, ei.starts_at, ei.capacity
                  from event_instance ei
                  join event_partner_company epc on epc.event_id = ei.event_id
                 where epc.partner_company_id = :partner
                   and ei.starts_at >= :periodStart and ei.starts_at < :periodEnd
            ), partner_ticket as (
                select t.id, t.event_instance_id, t.price, o.id as order_id, o.owner_id, o.confirmed_at,
                       coalesce(t.returned_at < :cutoff, false) as returned
                  from ticket t
                  join customer_order o on o.id = t.order_id
                 where t.event_instance_id in (select id from performance)
                   and o.confirmed_at < :cutoff
            ), sales as (
                select event_instance_id,
                       count(*) filter (where not returned and price > 0) as sold,
                       count(*) filter (where returned) as returns,
                       count(*) filter (where not returned and price = 0) as comps,
                       coalesce(sum(price) filter (where not returned), 0) as gross
                  from partner_ticket
                 group by event_instance_id
            )
            """;

    private static final List<Column> SALES_FIGURES = List.of(new Column("Capacity", INTEGER),
            new Column("Tickets sold", INTEGER), new Column("Returns", INTEGER), new Column("Comps", INTEGER),
            new Column("Gross revenue", MONEY), new Column("Average price", MONEY),
            new Column("% of capacity", PERCENTAGE));

    /** Each measure but the crossovers counts every order once (new or returning: every customer once). */
    private static final SmallCells.Group BY_ORDERS = new SmallCells.Group(List.of("Orders", "Tickets"), "Orders");

    /**
     * A group size fixes an order's tickets (or bounds them), so with the number of tickets the orders of two hidden
     * group sizes could be worked out: once one is hidden, no number of tickets is shown.
     */
    private static final SmallCells.Group BY_GROUP_SIZE = new SmallCells.Group(List.of("Orders", "Tickets"), "Orders",
            List.of("Tickets"));

    private static final SmallCells BEHAVIOUR_SMALL_CELLS = new SmallCells("Measure",
            List.of("Orders", "Customers", "Tickets"),
            Map.of("Booking lead time", BY_ORDERS, "Day of week of booking", BY_ORDERS, "Group size", BY_GROUP_SIZE,
                    "New or returning", new SmallCells.Group(List.of("Customers", "Orders", "Tickets"), "Customers"),
                    // Pairs of events overlap: their customers add up to no total.
                    "Event crossover", new SmallCells.Group(List.of(), "Customers")),
            // A row's customers are at most its orders, and its tickets at least: they narrow each other down.
            Map.of("Orders", List.of("Customers", "Tickets"), "Customers", List.of("Orders")),
            "Share", "Note");

    /** A sheet per measure; an event crossover counts customers only, so its sheet has no orders or tickets. */
    private static final SheetSplit BEHAVIOUR_SHEETS = new SheetSplit("Measure",
            Map.of("Event crossover", List.of("Orders", "Tickets")));

    /** Each dimension counts every booker once. */
    private static final SmallCells.Group BY_CUSTOMERS = new SmallCells.Group(List.of("Customers"), "Customers");

    private static final SmallCells DEMOGRAPHICS_SMALL_CELLS = new SmallCells("Dimension", List.of("Customers"),
            Map.of("Postcode area", BY_CUSTOMERS, "Age band", BY_CUSTOMERS), Map.of(), "Share", "Note");

    private final List<ReportDefinition> reports;

    /** @param minCellSize the smallest count of people the aggregate reports show, which their descriptions state */
    public ReportCatalogue(int minCellSize) {
        reports = List.of(
            new ReportDefinition(OPTIN_LIST, "Opted-in customers",
                    "Customers whose contact preference for your company was \"yes\" when the list was made, and who"
                            + " have an email address: the data-sharing list. Only the columns your"
                            + " data-sharing agreement allows.",
                    Audience.PARTNER, true, List.of(OPTIN_COLUMNS), OPTIN_LIST_COLUMNS.stream()
                            .map(name -> ListColumn.named(name).orElseThrow().column()).toList(),
                    // Run as the customer list "has an email address", with the run's consent rules (ListSql).
                    null, null),
            new ReportDefinition("partner-event-sales", "Event sales",
                    "For each of your events with performances in the period: performances, capacity, tickets sold,"
                            + " returns, comps, gross revenue, average price and % of capacity sold.",
                    Audience.PARTNER, false, List.of(PERIOD),
                    concat(List.of(new Column("Event id", INTEGER), new Column("Event", TEXT),
                            new Column("Performances", INTEGER)), SALES_FIGURES),
                    PARTNER_TICKETS + """
                    select e.id, e.name, count(p.id), sum(p.capacity),
                           coalesce(sum(s.sold), 0), coalesce(sum(s.returns), 0), coalesce(sum(s.comps), 0),
                           coalesce(sum(s.gross), 0),
                           case when sum(s.sold) > 0 then round(sum(s.gross) / sum(s.sold), 2) end,
                           round((coalesce(sum(s.sold), 0) + coalesce(sum(s.comps), 0))::numeric / sum(p.capacity), 4)
                      from performance p
                      join event e on e.id = p.event_id
                      left join sales s on s.event_instance_id = p.id
                     group by e.id, e.name
                     order by e.name, e.id
                    """, null),
            new ReportDefinition("partner-instance-sales", "Performance sales",
                    "For each performance of your events in the period: capacity, tickets sold, returns, comps,"
                            + " gross revenue, average price and % of capacity sold.",
                    Audience.PARTNER, false, List.of(PERIOD),
                    concat(List.of(new Column("Performance id", INTEGER), new Column("Event", TEXT),
                            new Column("Starts at", TIMESTAMP)), SALES_FIGURES),
                    PARTNER_TICKETS + """
                    select p.id, e.name, p.starts_at, p.capacity,
                           coalesce(s.sold, 0), coalesce(s.returns, 0), coalesce(s.comps, 0), coalesce(s.gross, 0),
                           case when s.sold > 0 then round(s.gross / s.sold, 2) end,
                           round((coalesce(s.sold, 0) + coalesce(s.comps, 0))::numeric / p.capacity, 4)
                      from performance p
                      join event e on e.id = p.event_id
                      left join sales s on s.event_instance_id = p.id
                     order by p.starts_at, p.id
                    """, null),
            new ReportDefinition("partner-customer-behaviour", "Customer behaviour",
                    ("How your customers book for performances in the period: booking lead time, day of week of"
                            + " booking, group size, new and returning customers, and event crossovers. Customers are"
                            + " order owners; no personal data. To protect small groups, no number under %1$d can be"
                            + " seen or worked out: such cells, and any others they could be worked out from, are"
                            + " left blank with a note.")
                            .formatted(minCellSize),
                    Audience.PARTNER, false, List.of(PERIOD),
                    List.of(new Column("Measure", TEXT), new Column("Category", TEXT), new Column("Orders", INTEGER),
                            new Column("Customers", INTEGER), new Column("Tickets", INTEGER),
                            new Column("Share", PERCENTAGE), new Column("Note", TEXT)),
                    PARTNER_TICKETS + """
                    , booking as (
                        select t.order_id, min(t.owner_id) as owner_id, min(t.confirmed_at) as confirmed_at,
                               min(p.starts_at) as first_performance, count(*) as tickets
                          from partner_ticket t
                          join performance p on p.id = t.event_instance_id
                         where not t.returned
                         group by t.order_id
                    ), total as (
                        select count(*) as orders, count(distinct owner_id) as customers from booking
                    ), lead as (
                        select b.*, ((b.first_performance at time zone :zone)::date
                                     - (b.confirmed_at at time zone :zone)::date) as days
                          from booking b
                    ), measure as (
                        select 1 as measure_order, 'Booking lead time' as measure,
                               case when days <= 0 then 1 when days < 7 then 2 when days < 14 then 3
                                    when days < 28 then 4 when days < 56 then 5 else 6 end as category_order,
                               case when days <= 0 then 'Same day' when days < 7 then '1–6 days'
                                    when days < 14 then '7–13 days' when days < 28 then '14–27 days'
                                    when days < 56 then '28–55 days' else '56 days or more' end as category,
                               order_id, owner_id, tickets
                          from lead
                        union all
                        select 2, 'Day of week of booking',
                               extract(isodow from confirmed_at at time zone :zone)::int,
                               trim(to_char(confirmed_at at time zone :zone, 'Day')),
                               order_id, owner_id, tickets
                          from booking
                        union all
                        select 3, 'Group size',
                               case when tickets >= 10 then 10 when tickets >= 5 then 5 else tickets::int end,
                               case when tickets >= 10 then '10 or more' when tickets >= 5 then '5–9'
                                    else tickets::text end,
                               order_id, owner_id, tickets
                          from booking
                        union all
                        select 4, 'New or returning',
                               case when r.is_returning then 2 else 1 end,
                               case when r.is_returning then 'Returning' else 'New' end,
                               b.order_id, b.owner_id, b.tickets
                          from booking b
                          cross join lateral (
                              select exists (
                                  select 1
                                    from customer_order o
                                    join ticket t on t.order_id = o.id
                                    join event_instance ei on ei.id = t.event_instance_id
                                    join event_partner_company epc on epc.event_id = ei.event_id
                                   where o.owner_id = b.owner_id and epc.partner_company_id = :partner
                                     and ei.starts_at < :periodStart and o.confirmed_at < :cutoff
                                     and not coalesce(t.returned_at < :cutoff, false)) as is_returning) r
                    ), summary as (
                        select m.measure_order, m.measure, m.category_order, m.category,
                               count(distinct m.order_id) as orders, count(distinct m.owner_id) as customers,
                               sum(m.tickets) as tickets,
                               round(case when m.measure_order = 4
                                          then count(distinct m.owner_id)::numeric / nullif(min(total.customers), 0)
                                          else count(distinct m.order_id)::numeric / nullif(min(total.orders), 0)
                                     end, 4)
                                   as share
                          from measure m cross join total
                         group by m.measure_order, m.measure, m.category_order, m.category
                    ), event_owner as (
                        select distinct p.event_id, t.owner_id
                          from partner_ticket t
                          join performance p on p.id = t.event_instance_id
                         where not t.returned
                    ), crossover as (
                        select 5 as measure_order, 'Event crossover' as measure,
                               row_number() over (order by ea.name, eb.name, a.event_id, b.event_id) as category_order,
                               ea.name || ' × ' || eb.name as category,
                               null::bigint as orders, count(*) as customers, null::bigint as tickets,
                               round(count(*)::numeric / nullif(min(total.customers), 0), 4) as share
                          from event_owner a
                          join event_owner b on b.owner_id = a.owner_id and b.event_id > a.event_id
                          join event ea on ea.id = a.event_id
                          join event eb on eb.id = b.event_id
                          cross join total
                         group by a.event_id, b.event_id, ea.name, eb.name
                    )
                    select measure, category, orders, customers, tickets, share, null
                      from (select * from summary union all select * from crossover) result
                     order by measure_order, category_order
                    """, BEHAVIOUR_SMALL_CELLS, BEHAVIOUR_SHEETS),
            new ReportDefinition("partner-demographics", "Demographics",
                    ("Postcode areas and age bands of the customers (order owners) booked for your performances in the"
                            + " period; no personal data. To protect small groups, no group of fewer than %1$d"
                            + " customers can be seen or worked out: such cells, and any others they could be worked"
                            + " out from, are left blank with a note.").formatted(minCellSize),
                    Audience.PARTNER, false, List.of(PERIOD),
                    List.of(new Column("Dimension", TEXT), new Column("Category", TEXT),
                            new Column("Customers", INTEGER), new Column("Share", PERCENTAGE),
                            new Column("Note", TEXT)),
                    PARTNER_TICKETS + """
                    , booker as (
                        select distinct c.id, c.postcode, c.date_of_birth
                          from partner_ticket t
                          join customer c on c.id = t.owner_id
                         where not t.returned
                    ), total as (
                        select count(*) as customers from booker
                    ), dimension as (
                        select 1 as dimension_order, 'Postcode area' as dimension,
                               coalesce(upper(substring(trim(postcode) from '^[A-Za-z]{1,2}')), 'Unknown') as category,
                               case when substring(trim(postcode) from '^[A-Za-z]{1,2}') is null then 2 else 1 end
                                   as unknown_last,
                               0 as category_order, id
                          from booker
                        union all
                        select 2, 'Age band', band.label, case when band.label = 'Unknown' then 2 else 1 end,
                               band.position, b.id
                          from booker b
                          cross join lateral (
                              select extract(year from age((:cutoff at time zone :zone)::date, b.date_of_birth))::int
                                         as years) a
                          cross join lateral (
                              select case when b.date_of_birth is null then 99 when a.years < 18 then 1
                                          when a.years < 25 then 2 when a.years < 35 then 3
                                          when a.years < 45 then 4 when a.years < 55 then 5
                                          when a.years < 65 then 6 else 7 end as position) p
                          cross join lateral (
                              select (array['Under 18', '18–24', '25–34', '35–44', '45–54', '55–64', '65 and over'])
                                         [p.position] as label) l
                          cross join lateral (select coalesce(l.label, 'Unknown') as label, p.position) band
                    )
                    select dimension, category, count(*),
                           round(count(*)::numeric / nullif(min(total.customers), 0), 4), null
                      from dimension cross join total
                     group by dimension_order, dimension, unknown_last, category_order, category
                     order by dimension_order, unknown_last, category_order, category
                    """, DEMOGRAPHICS_SMALL_CELLS),
            new ReportDefinition("facilitated-sales", "Facilitated sales (venue only)",
                    "One row per ticket of orders confirmed in the period, in order of confirmation, with the"
                            + " facilitator's and the owner's contact details. Orders nobody facilitated fill the Owner"
                            + " metrics only. The relationship email address is where the order's confirmation went:"
                            + " the facilitator's when there is one.",
                    Audience.VENUE, true, List.of(ORDER_PERIOD),
                    List.of(new Column("Order id", INTEGER), new Column("Confirmed at", TIMESTAMP),
                            new Column("Ticket id", INTEGER), new Column("Event", TEXT),
                            new Column("Performance", TIMESTAMP), new Column("Price band", TEXT),
                            new Column("Price", MONEY), new Column("Ticket status", TEXT),
                            new Column("Facilitator Email Address", TEXT), new Column("Facilitator First Name", TEXT),
                            new Column("Facilitator Id", INTEGER), new Column("Facilitator Last Name", TEXT),
                            new Column("Facilitator Mobile Number", TEXT), new Column("Facilitator Name", TEXT),
                            new Column("Facilitator Phone Number", TEXT), new Column("Facilitator Title", TEXT),
                            new Column("Owner Email Address", TEXT), new Column("Owner First Name", TEXT),
                            new Column("Owner Id", INTEGER), new Column("Owner Last Name", TEXT),
                            new Column("Owner Mobile Number", TEXT), new Column("Owner Name", TEXT),
                            new Column("Owner Phone Number", TEXT), new Column("Owner Title", TEXT),
                            new Column("Relationship Email Address", TEXT)),
                    """
                    select o.id, o.confirmed_at, t.id, e.name, ei.starts_at, pb.name, t.price,
                           case when t.returned_at < :cutoff then 'Returned' else 'Sold' end,
                           f.email, f.first_name, f.id, f.last_name, f.mobile,
                           customer_name(f.kind, f.title, f.first_name, f.last_name, f.organisation_name),
                           f.phone, f.title,
                           w.email, w.first_name, w.id, w.last_name, w.mobile,
                           customer_name(w.kind, w.title, w.first_name, w.last_name, w.organisation_name),
                           w.phone, w.title,
                           coalesce(f.email, w.email)
                      from customer_order o
                      -- Tickets order by order, so that rows stream from the first one in confirmation
                      -- order instead of waiting for a sort of the whole period.
                      cross join lateral (select * from ticket where order_id = o.id order by line_number) t
                      join event_instance ei on ei.id = t.event_instance_id
                      join event e on e.id = ei.event_id
                      join price_band pb on pb.id = t.price_band_id
                      join customer w on w.id = o.owner_id
                      left join customer f on f.id = o.facilitator_id
                     where o.confirmed_at >= :periodStart and o.confirmed_at < :periodEnd
                       and o.confirmed_at < :cutoff
                     order by o.confirmed_at, o.id, t.line_number
                    """, null),
            new ReportDefinition(CUSTOMER_LIST, "Customer list",
                    "Customers chosen row by row: who booked tickets, who spent money, what they said about hearing"
                            + " from a company, whether they have an email address. Made for a partner company, it"
                            + " holds only customers who said yes to hearing from that company.",
                    Audience.ANY, true,
                    List.of(new ParameterDefinition(LIST_PARAMETER, "Customer list", ParameterType.CUSTOMER_LIST,
                            true, null, "Who is on the list")),
                    List.of(), null, null));
    }

    public List<ReportDefinition> all() {
        return reports;
    }

    public Optional<ReportDefinition> find(String id) {
        return reports.stream().filter(report -> report.id().equals(id)).findFirst();
    }

    private static List<Column> concat(List<Column> first, List<Column> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
