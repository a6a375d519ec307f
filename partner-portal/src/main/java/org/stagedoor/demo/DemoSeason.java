package org.stagedoor.demo;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two productions of the demo partner company placed around the day the demo is loaded, so that every period a
 * person can pick has its performances and its sales: "The Lighthouse Keeper's Daughter" plays every evening from
 * six weeks before that day to four weeks after it, "Paper Boats" (for families) every weekend afternoon from
 * fifteen weeks before to nine weeks after. Each performance has sold its seats by orders made before it, of the demo
 * venue's customers; one still to come, only the part sold by that day. The same day gives the same rows.
 */
final class DemoSeason {

    /** Drives every choice here, apart from the day. */
    private static final long SEED = 20_261_206L;

    /** Orders for a performance open this many days before it. */
    private static final int ON_SALE_DAYS = 56;

    private record Production(String name, int capacity, String price, LocalTime time, int firstDay, int lastDay,
            List<DayOfWeek> days) {
    }

    private static final List<Production> PRODUCTIONS = List.of(
            new Production("The Lighthouse Keeper's Daughter", 180, "18.00", LocalTime.of(19, 30), -42, 28,
                    List.of(DayOfWeek.values())),
            new Production("Paper Boats", 450, "12.50", LocalTime.of(14, 0), -105, 63,
                    List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)));

    /** What was added, for the log. */
    record Added(int performances, int orders, int tickets) {
    }

    private final JdbcClient jdbc;

    private final ZoneId zone;

    DemoSeason(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** Adds the productions for the partner company, as of {@code now}, selling to the venue's customers. */
    Added add(long partnerCompanyId, Instant now) {
        SplittableRandom random = new SplittableRandom(SEED);
        LocalDate today = LocalDate.ofInstant(now, zone);
        // Customers on the venue's books before the first of these performances went on sale.
        List<Long> customers = jdbc.sql("""
                select id from customer where kind = 'INDIVIDUAL' and created_at < :since order by id
                """).param("since", Timestamp.from(at(today.minusDays(200), LocalTime.MIDNIGHT)))
                .query(Long.class).list();
        long band = jdbc.sql("select min(id) from price_band where membership_scheme_id is null")
                .query(Long.class).single();
        long nextOrder = jdbc.sql("select coalesce(max(id), 0) + 1 from customer_order").query(Long.class).single();
        long nextTicket = jdbc.sql("select coalesce(max(id), 0) + 1 from ticket").query(Long.class).single();
        int performances = 0;
        List<Long> orderIds = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        List<Long> ticketIds = new ArrayList<>();
        List<Long> ticketOrders = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Long> instances = new ArrayList<>();
        List<String> prices = new ArrayList<>();
        List<String> returned = new ArrayList<>();
        for (Production production : PRODUCTIONS) {
            long event = jdbc.sql("insert into event (name, created_at) values (:name, :created) returning id")
                    .param("name", production.name())
                    .param("created", Timestamp.from(at(today.plusDays(production.firstDay() - ON_SALE_DAYS
                            - 14L), LocalTime.of(10, 0))))
                    .query(Long.class).single();
            jdbc.sql("insert into event_partner_company (event_id, partner_company_id) values (:event, :partner)")
                    .param("event", event).param("partner", partnerCompanyId).update();
            for (int offset = production.firstDay(); offset <= production.lastDay(); offset++) {
                LocalDate day = today.plusDays(offset);
                if (!production.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                Instant starts = at(day, production.time());
                long instance = jdbc.sql("""
                        insert into event_instance (event_id, starts_at, capacity) values (:event, :starts, :capacity)
                        returning id
                        """).param("event", event).param("starts", Timestamp.from(starts))
                        .param("capacity", production.capacity()).query(Long.class).single();
                performances++;
                Instant opens = starts.minusSeconds(ON_SALE_DAYS * 86_400L);
                Instant closes = starts.isBefore(now) ? starts.minusSeconds(3_600) : now.minusSeconds(3_600);
                if (!closes.isAfter(opens)) {
                    continue;
                }
                // A past performance sells 55–90% of its seats; one to come the share its time on sale reaches.
                double onSale = (double) (closes.getEpochSecond() - opens.getEpochSecond())
                        / (starts.getEpochSecond() - 3_600 - opens.getEpochSecond());
                int seats = (int) (production.capacity() * (0.55 + 0.35 * random.nextDouble()) * onSale);
                int sold = 0;
                while (sold < seats) {
                    int size = Math.min(seats - sold, 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 3));
                    long order = nextOrder++;
                    // Sales gather towards the performance: the later part of its time on sale is likelier.
                    long span = closes.getEpochSecond() - opens.getEpochSecond();
                    Instant when = opens.plusSeconds((long) (span * Math.sqrt(random.nextDouble())));
                    orderIds.add(order);
                    owners.add(customers.get(random.nextInt(customers.size())));
                    channels.add(random.nextInt(3) == 0 ? "BOX_OFFICE" : "ONLINE");
                    confirmed.add(when.toString());
                    for (int line = 0; line < size; line++) {
                        ticketIds.add(nextTicket++);
                        ticketOrders.add(order);
                        lines.add(line);
                        instances.add(instance);
                        // One ticket in fifty is a complimentary one; one in thirty was returned before the show.
                        prices.add(random.nextInt(50) == 0 ? "0.00" : production.price());
                        boolean back = random.nextInt(30) == 0;
                        returned.add(back ? when.plusSeconds((long) ((closes.getEpochSecond() - when.getEpochSecond())
                                * random.nextDouble())).toString() : null);
                    }
                    sold += size;
                }
            }
        }
        jdbc.sql("""
                insert into customer_order (id, owner_id, channel, confirmed_at)
                select id, owner, channel, cast(confirmed as timestamptz)
                  from unnest(cast(:ids as bigint[]), cast(:owners as bigint[]), cast(:channels as text[]),
                              cast(:confirmed as text[])) as o (id, owner, channel, confirmed)
                """).param("ids", orderIds.toArray(Long[]::new)).param("owners", owners.toArray(Long[]::new))
                .param("channels", channels.toArray(String[]::new))
                .param("confirmed", confirmed.toArray(String[]::new)).update();
        jdbc.sql("""
                insert into ticket (id, order_id, line_number, event_instance_id, price_band_id, price, status,
                                    returned_at)
                select id, order_id, line, instance, :band, cast(price as numeric),
                       case when returned is null then 'SOLD' else 'RETURNED' end, cast(returned as timestamptz)
                  from unnest(cast(:ids as bigint[]), cast(:orders as bigint[]), cast(:lines as integer[]),
                              cast(:instances as bigint[]), cast(:prices as text[]), cast(:returned as text[]))
                       as t (id, order_id, line, instance, price, returned)
                """).param("band", band).param("ids", ticketIds.toArray(Long[]::new))
                .param("orders", ticketOrders.toArray(Long[]::new)).param("lines", lines.toArray(Integer[]::new))
                .param("instances", instances.toArray(Long[]::new)).param("prices", prices.toArray(String[]::new))
                .param("returned", returned.toArray(String[]::new)).update();
        // Inserted with their ids, as the generator's rows: the next order or ticket takes the one after.
        jdbc.sql("""
                select setval(pg_get_serial_sequence('customer_order', 'id'), (select max(id) from customer_order)),
                       setval(pg_get_serial_sequence('ticket', 'id'), (select max(id) from ticket))
                """).query().singleRow();
        // The generator analysed the tables before these rows; without fresh statistics the reports' plans go astray.
        jdbc.sql("analyze event, event_partner_company, event_instance, customer_order, ticket, order_summary")
                .update();
        return new Added(performances, orderIds.size(), ticketIds.size());
    }

    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }
}
