package org.stagedoor.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.store.TestDatabase;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a person can reach, checked with axe-core (the npm package's {@code axe.min.js}, injected into the page
 * by the test) in a real headless Chromium: no serious or critical violation, every control labelled, and the
 * keyboard reaches every control in order without being trapped. The pages are found by following the links of the
 * console and the portal from their home pages, as a person would, one page of each kind. Screenshots land in
 * {@code target/screenshots/accessibility}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stagedoor.scheduler.name=stagedoor-tests-accessibility",
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=true",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/accessibility-test-reports",
        "server.servlet.session.cookie.secure=true" })
class AccessibilityBrowserIntegrationTests extends StoreIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "accessibility");

    /** Links that download, sign out, or leave the pages people read (the API and its documentation). */
    private static final List<String> NOT_PAGES = List.of("/logout", "/file", "/download", "/export", "/attachments",
            ".csv", ".xlsx", ".json", "/api/", "/swagger", "/v3/api-docs", "/actuator", "/raw", "/body");

    /** The most controls the keyboard walk follows on one page; long lists repeat the same kind of row. */
    private static final int TAB_WALK = 60;

    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private Accounts accounts;

    @Autowired
    private SavedReports saved;

    @Autowired
    private Schedules schedules;

    private WebDriver browser;

    private String axe;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Chromium.start(null);
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
        try (InputStream in = getClass().getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe-core's axe.min.js on the test class path").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageOfTheConsoleAndThePortalPassesAxeCoreAndTheKeyboardReachesEveryControl() throws IOException {
        TestAccounts.admin(accounts, "admin@venue.example");
        TestAccounts.partnerUser(accounts, 1L, "nora@northern.example");
        saved.grantKinds(1L, List.of("partner-event-sales", "partner-instance-sales", "partner-customer-behaviour",
                "partner-demographics", "partner-optin-list", "customer-list"), "tests");
        saved.allowOwnLists(1L, true);
        long weekly = saved.create(null, new SavedReportDraft("Weekly sales", "Sales of the previous week",
                "partner-event-sales", Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();
        schedules.create(new ScheduleRequest("Weekly sales", weekly, Map.of(), null,
                When.weeklyOn(DayOfWeek.MONDAY, LocalTime.of(7, 0)), null, null, FanOut.ONE_PARTNER, 1L, null, true,
                List.of("marketing@venue.example"), true, "tests"));
        Map<String, List<String>> findings = new LinkedHashMap<>();

        // Pages seen signed out, and the refusal a partner user meets in the console.
        for (String page : List.of("/login", "/password-reset", "/no-such-page")) {
            check(page, findings);
        }

        logIn("nora@northern.example");
        runAReport();
        crawl("/portal", findings);
        check("/admin", findings);
        logOut();

        accounts.invitePartnerUser(1L, "ivy@northern.example", "Ivy Invited", "admin@venue.example");
        logIn("admin@venue.example");
        crawl("/admin", findings);
        crawl("/admin/customers/1", findings);
        crawl("/admin/customers/1/sharing", findings);
        crawl("/admin/mailbox", findings);
        open("/admin/mailbox");
        browser.findElement(By.linkText("Your Stagedoor account")).click();
        String invitation = invitationLink();
        logOut();
        check(invitation, findings);

        assertThat(findings).as("pages with accessibility problems (page: rule, impact, elements)").isEmpty();
    }

    /** The link of the invitation mail, as the invited person follows it. */
    private String invitationLink() {
        browser.switchTo().frame(browser.findElement(By.cssSelector("iframe[title='The message as sent']")));
        String link = browser.findElement(By.linkText("Choose your password")).getDomAttribute("href");
        browser.switchTo().defaultContent();
        return link.substring(link.indexOf("/invitation"));
    }

    /** One run of the opted-in list, so that the run pages of the portal and the console have something to show. */
    private void runAReport() {
        open("/portal");
        browser.findElement(By.xpath("//li[.//strong[text()='Opted-in customers']]//a[text()='Run with options']"))
                .click();
        browser.findElement(By.xpath("//button[text()='Run the report']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(page -> !page.findElements(By.cssSelector("#run-download a")).isEmpty());
    }

    /** Visits the pages reachable from {@code start} by links, one of each kind (ids make pages of one kind). */
    private void crawl(String start, Map<String, List<String>> findings) throws IOException {
        Deque<String> toVisit = new ArrayDeque<>(List.of(start));
        Set<String> kindsSeen = new LinkedHashSet<>();
        while (!toVisit.isEmpty() && kindsSeen.size() < 80) {
            String page = toVisit.poll();
            if (!kindsSeen.add(kind(page))) {
                continue;
            }
            check(page, findings);
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) script("""
                    return Array.from(document.querySelectorAll('a[href]'))
                        .filter(a => a.origin === location.origin)
                        .map(a => a.pathname + a.search);
                    """);
            for (String link : links) {
                if (NOT_PAGES.stream().noneMatch(link::contains) && !kindsSeen.contains(kind(link))) {
                    toVisit.add(link);
                }
            }
        }
    }

    private static String kind(String page) {
        int query = page.indexOf('?');
        return (query < 0 ? page : page.substring(0, query)).replaceAll("/\\d+", "/{id}");
    }

    private void check(String page, Map<String, List<String>> findings) throws IOException {
        open(page);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> "complete".equals(script("return document.readyState")));
        String name = kind(page).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        screenshot(name.isEmpty() ? "root" : name);
        List<String> problems = new ArrayList<>(axeViolations());
        problems.addAll(keyboardProblems());
        if (!problems.isEmpty()) {
            findings.put(page, problems);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> axeViolations() {
        script(axe);
        Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag',
                        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
                    .then(results => done(results.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                            + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))))
                    .catch(error => done(['axe failed: ' + error]));
                """);
        return (List<String>) result;
    }

    /**
     * Every visible control can take the focus, and pressing Tab walks them in order: focus never stays put (a
     * trap) and never lands on something hidden.
     */
    @SuppressWarnings("unchecked")
    private List<String> keyboardProblems() {
        List<String> problems = new ArrayList<>((List<String>) script("""
                const controls = Array.from(document.querySelectorAll(
                    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]'))
                    .filter(el => el.getClientRects().length > 0 && !el.disabled && !el.closest('[inert]'));
                controls.forEach((el, i) => el.setAttribute('data-a11y-control', i));
                return controls.filter(el => el.tabIndex < 0)
                    .map(el => 'cannot be reached with the keyboard: ' + el.outerHTML.slice(0, 120));
                """));
        long controls = (Long) script("return document.querySelectorAll('[data-a11y-control]').length");
        script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        String previous = null;
        int held = 0;
        int reached = 0;
        for (int press = 0; press < Math.min(controls, TAB_WALK); press++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            String focused = (String) script("""
                    const el = document.activeElement;
                    if (!el || el === document.body) return 'the page itself';
                    const rects = el.getClientRects().length;
                    return (rects > 0 ? '' : 'hidden ') + el.outerHTML.slice(0, 160);
                    """);
            // Tab walks the parts of a date or time field (day, month, year; hours, minutes, seconds) before leaving
            // it.
            held = focused.equals(previous) ? held + 1 : 0;
            if (held > 5) {
                problems.add("the keyboard is trapped on " + focused);
                break;
            }
            if (focused.startsWith("hidden ")) {
                problems.add("Tab lands on something not shown: " + focused);
            }
            if (focused.contains("data-a11y-control=")) {
                reached++;
            }
            previous = focused;
        }
        if (controls > 0 && reached == 0) {
            problems.add("Tab reaches none of the " + controls + " controls");
        }
        return problems;
    }

    private Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    private void logIn(String email) {
        Chromium.logIn(browser, "http://localhost:" + port, email, TestAccounts.PASSWORD);
    }

    private void logOut() {
        browser.manage().deleteAllCookies();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, SCREENSHOTS, name);
    }
}
