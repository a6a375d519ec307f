package org.stagedoor.portal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.order.OrderPlacement;
import org.stagedoor.booking.order.PlacedOrder;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The home page's chart: cumulative tickets sold, day by day, for the company's events with performances from
 * today on; returns taken off on their day, comps not counted, other companies' events left out, a shared event
 * counted in full for each company (R-1); aggregates only.
 */
class SalesChartIntegrationTests extends PortalIntegrationTest {

    private static final ZoneId VENUE = ZoneId.of("Europe/London");

    @Autowired
    Events events;

    @Autowired
    OrderPlacement placement;

    LocalDate today;

    @BeforeEach
    void salesOverSeveralDays() {
        today = LocalDate.now(VENUE);
        // Othello, shared by both companies: one performance in ten days, one five days ago.
        long othello = events.create("Othello", Set.of(northern.id(), southern.id())).id();
        EventInstance coming = events.addInstance(othello, Instant.now().plus(Duration.ofDays(10)), 50);
        EventInstance gone = events.addInstance(othello, Instant.now().plus(Duration.ofDays(1)), 50);
        buyOn(gone, "12.00", 4);
        buyOn(coming, "12.00", 3);
        long returned = ticketOf(buyOn(coming, "12.00", 3));
        buyOn(coming, "12.00", 2);
        buyOn(coming, "0.00", 2);
        placement.returnTicket(returned);
        jdbc.sql("update ticket set returned_at = :at where id = :id").param("id", returned)
                .param("at", java.sql.Timestamp.from(noon(1))).update();
        jdbc.sql("update event_instance set starts_at = :at where id = :id").param("id", gone.id())
                .param("at", java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(5)))).update();
        // Lear is over: its only performance was yesterday.
        long lear = events.create("Lear", Set.of(northern.id())).id();
        EventInstance learNight = events.addInstance(lear, Instant.now().plus(Duration.ofDays(1)), 50);
        buyOn(learNight, "30.00", 2);
        jdbc.sql("update event_instance set starts_at = :at where id = :id").param("id", learNight.id())
                .param("at", java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1)))).update();
        // The Tempest has sold nothing yet.
        long tempest = events.create("The Tempest", Set.of(northern.id())).id();
        events.addInstance(tempest, Instant.now().plus(Duration.ofDays(20)), 50);
    }

    @Test
    void eachCurrentEventHasItsCumulativeTicketsByDayWithReturnsTakenOffAndCompsLeftOut() throws Exception {
        String json = mvc.perform(get("/api/portal/sales-chart").with(TestAccounts.as(userA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(JsonPath.<String>read(json, "$.today")).isEqualTo(today.toString());
        assertThat(JsonPath.<String>read(json, "$.timeZone")).isEqualTo("Europe/London");
        assertThat(JsonPath.<List<String>>read(json, "$.events[*].name"))
                .as("soonest performance first; Lear is over, Macbeth is Southern Cross's")
                .containsExactly("Hamlet", "Othello", "The Tempest");
        // Hamlet: three tickets bought today (by the base fixtures).
        assertThat(points(json, 0)).containsExactly(today + "=3");
        // Othello: 1 on day -4 (the past performance counts: the event is current); 1 on -3; 1 on -3 returned on
        // -1; 1 on -2; the comps of -2 are no sale.
        assertThat(points(json, 1)).containsExactly(today.minusDays(4) + "=1", today.minusDays(3) + "=3",
                today.minusDays(2) + "=4", today.minusDays(1) + "=3");
        assertThat(points(json, 2)).isEmpty();
        assertThat(JsonPath.<String>read(json, "$.events[1].nextPerformance")).endsWith("Z");
        assertThat(json).as("aggregates only").doesNotContain("@").doesNotContain("Lovelace");

        String theirs = mvc.perform(get("/api/portal/sales-chart").with(TestAccounts.as(userB)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<List<String>>read(theirs, "$.events[*].name")).containsExactly("Macbeth", "Othello");
        assertThat(points(theirs, 1)).as("a shared event counts in full for each company")
                .isEqualTo(points(json, 1));
    }

    @Test
    void theHomePageDrawsTheChartFromTheApiWithItsOwnScript() throws Exception {
        mvc.perform(get("/portal").with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "<div id=\"sales-chart\" class=\"chart\" data-source=\"/api/portal/sales-chart\">")))
                .andExpect(content().string(containsString(
                        "<script src=\"/assets/js/sales-chart.js\" defer></script>")));
        mvc.perform(get("/assets/js/sales-chart.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("createElementNS")));
        mvc.perform(get("/assets/js/run-progress.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("setTimeout(poll, 1000)")));
    }

    private List<String> points(String json, int event) {
        List<Map<String, Object>> points = JsonPath.read(json, "$.events[" + event + "].points");
        return points.stream().map(point -> point.get("date") + "=" + point.get("tickets")).toList();
    }

    /** One order of one ticket at {@code price}, confirmed at noon {@code daysAgo} days ago in the venue. */
    private PlacedOrder buyOn(EventInstance performance, String price, int daysAgo) {
        PlacedOrder order = fixtures.buy(fixtures.person("Cy" + daysAgo, "Buyer"), null, OrderChannel.BOX_OFFICE,
                performance, band, price, Map.of());
        jdbc.sql("update customer_order set confirmed_at = :at where id = :id").param("id", order.orderId())
                .param("at", java.sql.Timestamp.from(noon(daysAgo))).update();
        return order;
    }

    private long ticketOf(PlacedOrder order) {
        return jdbc.sql("select id from ticket where order_id = :id").param("id", order.orderId()).query(Long.class)
                .single();
    }

    private Instant noon(int daysAgo) {
        return today.minusDays(daysAgo).atTime(LocalTime.NOON).atZone(VENUE).toInstant();
    }
}
