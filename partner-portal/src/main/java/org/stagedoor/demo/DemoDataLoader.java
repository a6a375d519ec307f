package org.stagedoor.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.booking.demo.GenerationSummary;
import org.stagedoor.booking.demo.GeneratorSettings;
import org.stagedoor.booking.demo.VenueDataGenerator;

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

    DemoDataLoader(JdbcClient jdbc, VenueDataGenerator generator) {
        this.jdbc = jdbc;
        this.generator = generator;
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
    }
}
