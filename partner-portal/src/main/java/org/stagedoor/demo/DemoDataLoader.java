package org.stagedoor.demo;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.booking.demo.GenerationSummary;
import org.stagedoor.booking.demo.GeneratorSettings;
import org.stagedoor.booking.demo.VenueDataGenerator;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;

/**
 * Loads the small seeded demo venue on the first start of the embedded database, so that a new user
 * sees realistic data at once. An external database (spring.datasource.url set) never gets it.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${stagedoor.demo.enabled:true}")
@EnableConfigurationProperties(DemoProperties.class)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final JdbcClient jdbc;

    private final VenueDataGenerator generator;

    private final Schedules schedules;

    DemoDataLoader(JdbcClient jdbc, VenueDataGenerator generator, Schedules schedules) {
        this.jdbc = jdbc;
        this.generator = generator;
        this.schedules = schedules;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("""
                select exists (select 1 from customer) or exists (select 1 from partner_company)
                       or exists (select 1 from event)
                """).query(Boolean.class).single()) {
            log.info("The embedded database already holds a venue; no demo data loaded");
            return;
        }
        log.info("First start on an empty embedded database: loading the demo venue");
        GenerationSummary summary = generator.generate(GeneratorSettings.demo(), log::info);
        log.info("Demo venue loaded: {}", summary);
        // Two schedules as a venue would set them up; their mail goes to the dev mailbox.
        schedules.create(new ScheduleRequest("Weekly sales", "partner-event-sales", Map.of("period", "previous-week"),
                OutputFormat.XLSX, When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null,
                FanOut.PARTNERS_WITH_EVENTS, null, null, true, List.of("marketing@venue.example"), true, "demo"));
        schedules.create(new ScheduleRequest("Opted-in customers", "partner-optin-list", Map.of(), OutputFormat.CSV,
                When.monthlyOn(1, LocalTime.of(6, 30)), null, null, FanOut.PARTNERS_COLLECTING_PREFERENCES, null,
                null, true, List.of("marketing@venue.example"), true, "demo"));
        log.info("Demo schedules created: weekly sales (Mondays 07:00), opted-in customers (monthly, 1st, 06:30)");
    }
}
