package org.stagedoor.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.demo.generator.VenueDataGenerator;
import org.stagedoor.listbuilder.PeriodChoices;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo venue as the README's run command loads it, on a pinned day (Sunday 1 March 2026, when "month to date" is
 * one day and the previous week lies in February): the demo partner company has performances and sales in every
 * period a person can pick, so each of its reports has rows for each, and its home page's chart has a line.
 */
@SpringBootTest(properties = "stagedoor.reports.directory=target/demo-test-reports")
@AutoConfigureMockMvc
class DemoDataIntegrationTests extends StoreIntegrationTest {

    static final Instant DAY = Instant.parse("2026-03-01T10:00:00Z");

    private static final List<String> PERIOD_REPORTS = List.of("partner-event-sales", "partner-instance-sales",
            "partner-customer-behaviour", "partner-demographics");

    @Autowired
    VenueDataGenerator generator;

    @Autowired
    Schedules schedules;

    @Autowired
    Accounts accounts;

    @Autowired
    SavedReports saved;

    @Autowired
    VenueProperties venue;

    @Autowired
    Clock clock;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    MockMvc mvc;

    @Autowired
    Scheduler scheduler;

    /**
     * The demo's schedules are made on the pinned day, so their triggers are months overdue by the real clock: left
     * in the shared store they would make every later context's scheduler health DOWN.
     */
    @AfterEach
    void emptyQuartz() throws SchedulerException {
        scheduler.clear();
    }

    @Test
    void everyPeriodPresetGivesTheDemoPartnerRowsInEachOfItsReports() throws Exception {
        loadDemo();
        long partner = demoPartner();
        List<String> empty = new ArrayList<>();
        for (String period : PeriodChoices.relativeValues()) {
            for (String report : PERIOD_REPORTS) {
                ReportRun run = launcher.run(new RunRequest(report, partner, Map.of("period", period),
                        OutputFormat.CSV, "tests"));
                assertThat(run.status()).as(report + " " + period + ": " + run.errorMessage())
                        .isEqualTo(RunStatus.COMPLETED);
                if (run.rowCount() == 0) {
                    empty.add(report + " over " + period);
                }
            }
        }
        assertThat(empty).as("reports without rows").isEmpty();
    }

    @Test
    void theDemoPartnersSeasonIsPlacedAroundTheDayItIsLoaded() {
        loadDemo();
        long partner = demoPartner();
        // Evenings from 18 January to 29 March 2026 (71), weekend afternoons from 16 November 2025 to 3 May 2026 (49).
        assertThat(jdbc.sql("""
                select count(*) from event_instance ei join event e on e.id = ei.event_id
                  join event_partner_company epc on epc.event_id = e.id and epc.partner_company_id = :partner
                 where e.name in ('The Lighthouse Keeper''s Daughter', 'Paper Boats')
                """).param("partner", partner).query(Long.class).single()).isEqualTo(71 + 49);
        assertThat(jdbc.sql("""
                select (min(starts_at) at time zone 'Europe/London')::text || ' to '
                       || (max(starts_at) at time zone 'Europe/London')::text
                  from event_instance ei join event e on e.id = ei.event_id
                 where e.name = 'The Lighthouse Keeper''s Daughter'
                """).query(String.class).single()).isEqualTo("2026-01-18 19:30:00 to 2026-03-29 19:30:00");
        // Every order was made before its performance and before the day the demo was loaded.
        assertThat(jdbc.sql("""
                select count(*) from ticket t join customer_order o on o.id = t.order_id
                  join event_instance ei on ei.id = t.event_instance_id
                 where o.confirmed_at >= least(ei.starts_at, :day)
                """).param("day", java.sql.Timestamp.from(DAY)).query(Long.class).single()).isZero();
    }

    @Test
    void theDemoPartnersHomeChartHasALine() throws Exception {
        loadDemo();
        String chart = mvc.perform(get("/api/portal/sales-chart")
                        .with(httpBasic(DemoDataLoader.DEMO_PARTNER_USER, DemoDataLoader.DEMO_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> events = JsonPath.read(chart, "$.events");
        List<Object> drawn = events.stream().filter(event -> ((List<?>) event.get("points")).size() > 1)
                .map(event -> event.get("name")).toList();
        assertThat(drawn).contains("The Lighthouse Keeper's Daughter", "Paper Boats");
    }

    private void loadDemo() {
        new DemoDataLoader(jdbc, generator, schedules, accounts, saved, venue, clock).run(null);
    }

    private long demoPartner() {
        return jdbc.sql("""
                select u.partner_company_id from login_account a join partner_user u on u.id = a.partner_user_id
                 where a.email = :email
                """).param("email", DemoDataLoader.DEMO_PARTNER_USER).query(Long.class).single();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PinnedDay {

        @Bean
        @Primary
        Clock pinnedClock() {
            return Clock.fixed(DAY, ZoneOffset.UTC);
        }
    }
}
