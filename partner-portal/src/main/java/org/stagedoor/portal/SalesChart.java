package org.stagedoor.portal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.booking.venue.VenueProperties;

/**
 * Cumulative ticket sales of a partner company's current events (those with a performance today or later, in the
 * venue's time zone), day by day: each day's total of tickets sold so far, returns subtracted on the day they were
 * made. Counted as the sales reports count: a ticket at price 0 is a comp, not a sale; an event shared with
 * another company counts in full. Aggregates only: no customer is named.
 */
@Component
class SalesChart {

    /** One day of an event's curve: tickets sold by the end of that day. */
    record Point(LocalDate date, long tickets) {
    }

    /** One current event and its curve (empty when nothing was sold yet). */
    record EventSales(long id, String name, Instant nextPerformance, Instant lastPerformance, List<Point> points) {
    }

    /** The chart: today (in the venue's zone) and the events, the soonest performance first. */
    record Chart(LocalDate today, String timeZone, List<EventSales> events) {
    }

    private final JdbcClient jdbc;

    private final VenueProperties venue;

    private final Clock clock;

    SalesChart(JdbcClient jdbc, VenueProperties venue, Clock clock) {
        this.jdbc = jdbc;
        this.venue = venue;
        this.clock = clock;
    }

    Chart of(long partnerCompanyId) {
        ZoneId zone = venue.timeZone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Instant startOfToday = today.atStartOfDay(zone).toInstant();
        Map<Long, EventSales> events = new LinkedHashMap<>();
        jdbc.sql("""
                with current_event as (
                    select e.id, e.name,
                           min(ei.starts_at) filter (where ei.starts_at >= :today) as next_performance,
                           max(ei.starts_at) as last_performance
                      from event e
                      join event_partner_company epc on epc.event_id = e.id and epc.partner_company_id = :partner
                      join event_instance ei on ei.event_id = e.id
                     group by e.id, e.name
                    having max(ei.starts_at) >= :today
                ), movement as (
                    select ei.event_id, (o.confirmed_at at time zone :zone)::date as day, 1 as change
                      from ticket t
                      join customer_order o on o.id = t.order_id
                      join event_instance ei on ei.id = t.event_instance_id
                     where ei.event_id in (select id from current_event) and t.price > 0
                    union all
                    select ei.event_id, (t.returned_at at time zone :zone)::date, -1
                      from ticket t
                      join event_instance ei on ei.id = t.event_instance_id
                     where ei.event_id in (select id from current_event) and t.price > 0
                       and t.returned_at is not null
                ), daily as (
                    select event_id, day, sum(change) as net from movement group by event_id, day
                )
                select ce.id, ce.name, ce.next_performance, ce.last_performance, d.day,
                       sum(d.net) over (partition by ce.id order by d.day) as tickets
                  from current_event ce
                  left join daily d on d.event_id = ce.id
                 order by ce.next_performance, ce.id, d.day
                """)
                .param("partner", partnerCompanyId)
                .param("today", Timestamp.from(startOfToday))
                .param("zone", zone.getId())
                .query(rs -> {
                    long id = rs.getLong("id");
                    if (!events.containsKey(id)) {
                        events.put(id, new EventSales(id, rs.getString("name"),
                                rs.getTimestamp("next_performance").toInstant(),
                                rs.getTimestamp("last_performance").toInstant(), new ArrayList<>()));
                    }
                    Date day = rs.getDate("day");
                    if (day != null) {
                        events.get(id).points().add(new Point(day.toLocalDate(), rs.getLong("tickets")));
                    }
                });
        List<EventSales> list = events.values().stream()
                .map(event -> new EventSales(event.id(), event.name(), event.nextPerformance(),
                        event.lastPerformance(), List.copyOf(event.points())))
                .toList();
        return new Chart(today, zone.getId(), list);
    }
}
