package org.stagedoor.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.demo.generator.VenueDataGenerator;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;
import org.stagedoor.web.PlainWords;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Covers issue 15 item 1: on the demo venue, loaded as the application loads it, every page the demo administrator
 * and the demo partner user can reach by links from their home pages (and the detail pages of a run, a schedule, a
 * saved report, a company, a customer and an event) shows no rule code, enum name (NOT_ASKED), JSON path
 * ({@code segments[0].groupBy}), report slug or "null" in the text a person reads. The problem details of the
 * bad-input corpus are scanned the same way in BadInputIntegrationTests.
 */
@SpringBootTest(properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/plain-words-test-reports" })
@AutoConfigureMockMvc
class PlainWordsIntegrationTests extends StoreIntegrationTest {

    /** Pages of one shape (the same path with other ids or the same query's other values) looked at, at most. */
    private static final int PER_SHAPE = 3;

    private static final int MAX_PAGES = 400;

    @Autowired
    MockMvc mvc;

    @Autowired
    VenueDataGenerator generator;

    @Autowired
    Schedules schedules;

    @Autowired
    Accounts accounts;

    @Autowired
    SavedReports saved;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    ReportCatalogue catalogue;

    @Autowired
    Scheduler scheduler;

    @Autowired
    VenueProperties venue;

    @Autowired
    Clock clock;

    @AfterEach
    void emptyQuartz() throws SchedulerException {
        scheduler.clear();
    }

    @Test
    void noPageOfTheDemoVenueShowsACodeAPathOrAnEnumName() throws Exception {
        new DemoDataLoader(jdbc, generator, schedules, accounts, saved, venue, clock).run(null);
        StagedoorUser admin = account(DemoDataLoader.DEMO_ADMIN);
        StagedoorUser partner = account(DemoDataLoader.DEMO_PARTNER_USER);
        long company = partner.partnerCompanyId();
        // Runs to look at: a report and a saved list for the demo partner, and a venue list.
        launcher.run(new RunRequest("partner-event-sales", company, Map.of("period", "next-30-days"),
                OutputFormat.XLSX, partner.getUsername()));
        launcher.run(new RunRequest("partner-optin-list", company, Map.of(), OutputFormat.CSV,
                partner.getUsername()));
        launcher.run(new RunRequest(ReportCatalogue.CUSTOMER_LIST, null, Map.of("list", """
                {"name": "Booked as facilitators", "segments": [{"type": "booking", "groupBy": "FACILITATOR",
                 "period": "last-365-days", "minTickets": 1}], "columns": ["first_name", "last_name", "email"]}"""),
                OutputFormat.XLSX, admin.getUsername()));
        PlainWords words = new PlainWords(catalogue.all().stream().map(report -> report.id()).toList());

        List<String> offences = new ArrayList<>();
        Set<String> adminPages = crawl(admin, "/admin", words, offences);
        Set<String> partnerPages = crawl(partner, "/portal", words, offences);
        for (String page : List.of("/login", "/password-reset")) {
            MvcResult result = mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andReturn();
            words.offences(PlainWords.visibleText(Jsoup.parse(result.getResponse().getContentAsString(
                    StandardCharsets.UTF_8)))).forEach(offence -> offences.add("signed out " + page + ": " + offence));
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(offences).as("pages looked at: " + adminPages.size() + " of the console, "
                + partnerPages.size() + " of the portal").isEmpty();
        for (String detail : List.of("/admin/runs/\\d+", "/admin/schedules/\\d+", "/admin/reports/\\d+",
                "/admin/partners/\\d+", "/admin/customers/\\d+", "/admin/customers/\\d+/sharing",
                "/admin/events/\\d+")) {
            softly.assertThat(adminPages).as("a page of the console like " + detail)
                    .anyMatch(page -> page.matches(detail));
        }
        softly.assertThat(partnerPages).as("the portal's run page").anyMatch(page -> page.matches("/portal/runs/\\d+"));
        softly.assertAll();
    }

    /**
     * A customer's pages, which no link of the console leads to without a search: one whose preferences changed
     * most (with their history), one who facilitated an order, and the subject access page of one whose data was
     * shared by the runs above.
     */
    private List<String> customerPages() {
        long changed = jdbc.sql("""
                select customer_id from partner_preference_history group by customer_id order by count(*) desc, 1
                limit 1""").query(Long.class).single();
        long facilitator = jdbc.sql("select min(facilitator_id) from customer_order").query(Long.class).single();
        long shared = jdbc.sql("select min(customer_id) from sharing_ledger").query(Long.class).single();
        return List.of("/admin/customers/" + changed, "/admin/customers?q=" + facilitator,
                "/admin/customers/" + facilitator, "/admin/customers/" + shared + "/sharing");
    }

    private StagedoorUser account(String email) {
        return accounts.all().stream().filter(account -> account.email().equals(email)).findFirst().orElseThrow();
    }

    /** Follows every link from {@code start} as {@code account}, and notes each offence as "page: text". */
    private Set<String> crawl(StagedoorUser account, String start, PlainWords words, List<String> offences)
            throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> shapes = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start, "/"));
        if (start.equals("/admin")) {
            queue.addAll(customerPages());
        }
        else {
            // The error pages a person meets: the console refused to a partner user, and a run that is not there.
            queue.addAll(List.of("/admin/runs", "/portal/runs/424242", "/portal/no-such-page"));
        }
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String page = queue.poll();
            String shape = page.replaceAll("\\d+", "N").replaceAll("=[^&]*", "=");
            if (seen.contains(page) || shapes.merge(shape, 1, Integer::sum) > PER_SHAPE) {
                continue;
            }
            seen.add(page);
            MvcResult result = mvc.perform(get(page).with(TestAccounts.as(account)).accept(MediaType.TEXT_HTML))
                    .andReturn();
            String type = result.getResponse().getContentType();
            int status = result.getResponse().getStatus();
            if (status >= 300 && status < 400) {
                String location = result.getResponse().getRedirectedUrl();
                if (location != null && location.startsWith("/")) {
                    queue.add(location);
                }
                continue;
            }
            if (type == null || !type.startsWith(MediaType.TEXT_HTML_VALUE)) {
                continue;
            }
            Document document = Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "");
            for (String offence : words.offences(PlainWords.visibleText(document))) {
                offences.add(account.email() + " " + page + " (" + status + "): " + offence);
            }
            for (Element link : document.select("a[href]")) {
                String href = link.attr("href").replaceAll("#.*", "");
                if (followed(href)) {
                    queue.add(href);
                }
            }
        }
        return seen;
    }

    private static boolean followed(String href) {
        return (href.startsWith("/admin") || href.startsWith("/portal")) && !href.contains("/file")
                && !href.contains("/download") && !href.contains("logout") && !href.endsWith(".csv")
                && !href.endsWith(".xlsx") && !href.contains("format=csv");
    }
}
