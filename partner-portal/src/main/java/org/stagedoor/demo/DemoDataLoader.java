package org.stagedoor.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
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
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.demo.generator.GenerationSummary;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;
import org.stagedoor.security.Accounts;

/**
 * Loads the small seeded demo venue on the first start of the embedded database, so that a new user
 * sees realistic data at once. An external database (spring.datasource.url set) never gets it.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${stagedoor.demo.enabled:true}")
@EnableConfigurationProperties(DemoProperties.class)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    static final String DEMO_ADMIN = "admin@demo.stagedoor.org";

    static final String DEMO_PARTNER_USER = "partner@demo.stagedoor.org";

    /** Demo only: the embedded database of a first start, never an external one. */
    static final String DEMO_PASSWORD = "stagedoor-demo";

    private final JdbcClient jdbc;

    private final VenueDataGenerator generator;

    private final Schedules schedules;

    private final Accounts accounts;

    private final SavedReports saved;

    private final VenueProperties venue;

    private final Clock clock;

    DemoDataLoader(JdbcClient jdbc, VenueDataGenerator generator, Schedules schedules, Accounts accounts,
            SavedReports saved, VenueProperties venue, Clock clock) {
        this.venue = venue;
        this.clock = clock;
        this.jdbc = jdbc;
        this.generator = generator;
        this.schedules = schedules;
        this.accounts = accounts;
        this.saved = saved;
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
        // The day it is loaded is the demo's anchor: its performances and orders are placed around it.
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        GenerationSummary summary = generator.generate(GeneratorSettings.demo().withNow(today), log::info);
        log.info("Demo venue loaded: {}", summary);
        // Demo logins, as the README gives them; every partner company may run every partner report. The demo partner
        // collects contact preferences, so that its lists have customers who said yes.
        accounts.createAdministrator(DEMO_ADMIN, "Venue administrator", DEMO_PASSWORD);
        long firstPartner = jdbc.sql("select min(id) from partner_company where collects_preferences")
                .query(Long.class).single();
        accounts.createPartnerUser(firstPartner, DEMO_PARTNER_USER, "Partner user", DEMO_PASSWORD);
        DemoSeason.Added season = new DemoSeason(jdbc, venue.timeZone()).add(firstPartner, clock.instant());
        log.info("Demo partner's season around today: {} performances, {} orders, {} tickets", season.performances(),
                season.orders(), season.tickets());
        List<Long> partners = jdbc.sql("select id from partner_company order by id").query(Long.class).list();
        // Every partner report with its parameters left to the partner, and two lists the venue set up for them.
        for (long partner : partners) {
            saved.grantKinds(partner, List.of("partner-event-sales", "partner-instance-sales",
                    "partner-customer-behaviour", "partner-demographics", "partner-optin-list",
                    ReportCatalogue.CUSTOMER_LIST), "demo");
        }
        long optedIn = saved.create(null, new SavedReportDraft("Opted in, with an email address",
                "Customers who said yes to hearing from your company and have an email address.",
                ReportCatalogue.CUSTOMER_LIST, Map.of("list", """
                        {"name": "Opted in, with an email address",
                         "segments": [{"type": "partner-preference", "partnerCompany": "run", "states": ["YES"]},
                                      {"operator": "AND", "type": "has-email"}],
                         "columns": ["first_name", "last_name", "email"]}"""),
                List.of(SavedReport.FORMAT), OutputFormat.XLSX), "demo").id();
        long recent = saved.create(null, new SavedReportDraft("Booked your shows in the last 90 days",
                "Customers who hold tickets for your events bought in the last 90 days and said yes to hearing"
                        + " from you.", ReportCatalogue.CUSTOMER_LIST, Map.of("list", """
                        {"name": "Booked your shows in the last 90 days",
                         "segments": [{"type": "booking", "groupBy": "OWNER", "partnerCompany": "run",
                                       "period": "last-90-days", "minTickets": 1},
                                      {"operator": "AND", "type": "partner-preference", "partnerCompany": "run",
                                       "states": ["YES"]}],
                         "columns": ["first_name", "last_name", "email"]}"""),
                List.of(SavedReport.FORMAT), OutputFormat.XLSX), "demo").id();
        saved.grant(optedIn, partners, "demo");
        saved.grant(recent, partners, "demo");
        saved.create(null, new SavedReportDraft("Donors and members this year",
                "The venue's own list: customers who gave a donation or bought a membership this year.",
                ReportCatalogue.CUSTOMER_LIST, Map.of("list", """
                        {"name": "Donors and members this year",
                         "segments": [{"type": "purchasing", "groupBy": "OWNER", "kinds": ["DONATION", "MEMBERSHIP"],
                                       "minAmount": 0, "period": "last-365-days"},
                                      {"operator": "AND", "type": "has-email"}],
                         "columns": ["first_name", "last_name", "email", "postcode"]}"""),
                List.of(SavedReport.FORMAT), OutputFormat.XLSX), "demo");
        log.info("Demo saved reports: every partner report, two partner lists and one venue list");
        // Two schedules as a venue would set them up, of the standard definitions above with the settings they leave
        // open chosen; their mail goes to the dev mailbox.
        schedules.create(new ScheduleRequest("Weekly sales", saved.standard("partner-event-sales").orElseThrow().id(),
                Map.of("period", "previous-week"), OutputFormat.XLSX, When.weeklyOn(DayOfWeek.MONDAY,
                        LocalTime.of(7, 0)), null, null, FanOut.PARTNERS_WITH_EVENTS, null, null, true,
                List.of("marketing@venue.example"), true, "demo"));
        schedules.create(new ScheduleRequest("Opted-in customers",
                saved.standard("partner-optin-list").orElseThrow().id(), Map.of(), OutputFormat.CSV,
                When.monthlyOn(1, LocalTime.of(6, 30)), null, null, FanOut.PARTNERS_COLLECTING_PREFERENCES, null,
                null, true, List.of("marketing@venue.example"), true, "demo"));
        log.info("Demo schedules created: weekly sales (Mondays 07:00), opted-in customers (monthly, 1st, 06:30)");
        log.info("Demo logins: {} and {} (partner company {}), password {}", DEMO_ADMIN, DEMO_PARTNER_USER,
                firstPartner, DEMO_PASSWORD);
    }
}
