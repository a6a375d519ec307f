package org.stagedoor.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding things, in a real Chromium: a customer by a misspelt name, runs and the audit log narrowed by the filter
 * forms and paged with the filters kept, the partner's history narrowed; and every such page at a phone's 375 px
 * with nothing wider than the screen but the tables, which scroll inside themselves. Screenshots of each, at 375 px
 * and at a desktop's width, land in {@code target/screenshots/find-*} and {@code /tmp/find/shots}.
 */
class FindBrowserIntegrationTests extends WebServerIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Path LOOK_AT = Path.of("/tmp/find/shots");

    private static final int PHONE = 375;

    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private Accounts accounts;

    @Autowired
    private SavedReports grants;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(LOOK_AT);
        browser = Chromium.start(null);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdministratorFindsACustomerRunsAndAuditEntriesOnADesktopAndOnAPhone() throws IOException {
        TestAccounts.admin(accounts, "admin@venue.example");
        jdbc.sql("""
                insert into customer (id, kind, first_name, last_name, email, postcode, created_channel) values
                    (50, 'INDIVIDUAL', 'Adam', 'Lovell', 'adam.lovell@example.org', 'N1 9GU', 'BOX_OFFICE'),
                    (51, 'INDIVIDUAL', 'Grace', 'Hopper', 'grace@example.org', 'E1 6AN', 'ONLINE')
                """).update();
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        // 60 failed runs of Northern Lights' event sales, then runs of others between them.
        for (int i = 0; i < 70; i++) {
            boolean northern = i < 60;
            run(northern ? "partner-event-sales" : "partner-optin-list", northern ? 1L : 2L,
                    northern ? "nora@northern.example" : "sam@southern.example", northern ? "FAILED" : "QUEUED",
                    start.plusSeconds(3600L * i));
            audit(start.plusSeconds(3600L * i), northern ? "nora@northern.example" : "sam@southern.example",
                    northern ? "RUN_STARTED" : "LOGIN_OK", northern ? 1L : 2L);
        }
        browser.manage().window().setSize(new Dimension(1280, 1000));
        logIn("admin@venue.example");

        // A misspelt name finds the customer, best match first.
        open("/admin/customers");
        browser.findElement(By.id("q")).sendKeys("Lovelase");
        browser.findElement(By.xpath("//form[contains(@class,'search')]//button[text()='Find']")).click();
        Chromium.waitFor(browser, page -> !page.findElements(By.id("customers")).isEmpty());
        assertThat(column("customers", 1)).containsExactly("Ms Ada Lovelace", "Adam Lovell");
        shot("customers-desktop");
        phone(() -> shot("customers-375"));
        browser.findElement(By.linkText("Ms Ada Lovelace")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().endsWith("/admin/customers/1"));

        // Runs narrowed by the form; the filters stay in the address and in the Older and Newer links.
        open("/admin/runs");
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Failed");
        new Select(browser.findElement(By.id("company"))).selectByVisibleText("Northern Lights Productions");
        browser.findElement(By.id("person")).sendKeys("NORA");
        browser.findElement(By.xpath("//form[@id='run-filters']//button[text()='Show']")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().contains("status=FAILED"));
        assertThat(browser.getCurrentUrl()).contains("company=1").contains("person=NORA");
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSize(50);
        assertThat(column("runs", 5)).containsOnly("Failed");
        assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getText())
                .isEqualTo("Failed");
        shot("runs-desktop");
        phone(() -> shot("runs-375"));
        browser.findElement(By.linkText("Older →")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().contains("before="));
        assertThat(browser.getCurrentUrl()).contains("status=FAILED").contains("company=1");
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSize(10);
        browser.findElement(By.linkText("← Newer")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().contains("after="));
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSize(50);

        // The audit log narrowed the same way, its file offered with the same filters.
        open("/admin/audit");
        new Select(browser.findElement(By.id("kind"))).selectByVisibleText("Signed in");
        // A date field's typing order follows the browser's locale; the value it sends does not.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').value = '2026-11-01';"
                + " document.getElementById('to').value = '2026-11-30';");
        browser.findElement(By.xpath("//form[@id='audit-filters']//button[text()='Show']")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().contains("kind=LOGIN_OK"));
        assertThat(browser.getCurrentUrl()).contains("from=2026-11-01").contains("to=2026-11-30");
        assertThat(column("entries", 2)).hasSize(10).containsOnly("sam@southern.example");
        assertThat(browser.findElement(By.id("export")).getDomAttribute("href"))
                .isEqualTo("/admin/audit.csv?kind=LOGIN_OK&from=2026-11-01&to=2026-11-30");
        shot("audit-desktop");
        phone(() -> shot("audit-375"));

        // The rest of the console at a phone's width.
        for (String[] page : List.of(new String[] { "/admin", "dashboard" },
                new String[] { "/admin/partners/1#events", "partner-events" },
                new String[] { "/admin/events", "events" },
                new String[] { "/admin/accounts", "accounts" }, new String[] { "/admin/deliveries", "deliveries" })) {
            open(page[0]);
            shot(page[1] + "-desktop");
            phone(() -> shot(page[1] + "-375"));
        }
    }

    @Test
    void aPartnerUserNarrowsTheHistoryOnAPhone() throws IOException {
        TestAccounts.partnerUser(accounts, 1L, "nora@northern.example");
        grants.grantKinds(1L, List.of("partner-event-sales", "partner-optin-list"), "tests");
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        for (int i = 0; i < 8; i++) {
            run(i % 2 == 0 ? "partner-event-sales" : "partner-optin-list", 1L, "nora@northern.example",
                    i % 4 == 0 ? "FAILED" : "QUEUED", start.plusSeconds(86_400L * i));
        }
        run("partner-event-sales", 2L, "sam@southern.example", "FAILED", start);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        logIn("nora@northern.example");
        open("/portal/runs");
        new Select(browser.findElement(By.id("report"))).selectByVisibleText("Event sales");
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Failed");
        browser.findElement(By.xpath("//form[@id='run-filters']//button[text()='Show']")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().contains("status=FAILED"));
        // Nora's company's failed event sales: the 1st and 5th; Southern Cross's never shows.
        assertThat(column(null, 4)).containsExactly("nora@northern.example", "nora@northern.example");
        assertThat(column(null, 6)).containsExactly("Failed", "Failed");
        shot("portal-history-desktop");
        phone(() -> shot("portal-history-375"));
        open("/portal");
        phone(() -> shot("portal-home-375"));
    }

    /**
     * Shows the page as a phone would (375 px wide, its viewport tag honoured), checks nothing is wider than the
     * screen, does the thing and goes back to the desktop.
     */
    private void phone(ThrowingAction action) throws IOException {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE, "height", 1400,
                "deviceScaleFactor", 1, "mobile", true));
        browser.navigate().refresh();
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
        long page = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth");
        assertThat(page).as("%s is no wider than the phone's screen", browser.getCurrentUrl())
                .isLessThanOrEqualTo(viewport);
        action.run();
        chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private interface ThrowingAction {
        void run() throws IOException;
    }

    /** The text of one column (1 the first) of a table's body; the first table when no id is given. */
    private List<String> column(String tableId, int column) {
        String table = tableId == null ? "table" : "#" + tableId;
        return browser.findElements(By.cssSelector(table + " tbody tr td:nth-child(" + column + ")")).stream()
                .map(WebElement::getText).toList();
    }

    private void run(String report, long company, String by, String status, Instant at) {
        jdbc.sql("""
                insert into report_run (report_id, partner_company_id, requested_by, parameters_given,
                                        parameters_resolved, format, status, cutoff_at, created_at)
                values (:report, :company, :by, '{}', '{}', 'CSV', :status, :at, :at)
                """).param("report", report).param("company", company).param("by", by).param("status", status)
                .param("at", java.sql.Timestamp.from(at)).update();
    }

    private void audit(Instant at, String actor, String kind, long company) {
        jdbc.sql("""
                insert into audit_event (at, actor, kind, partner_company_id, detail)
                values (:at, :actor, :kind, :company, '')
                """).param("at", java.sql.Timestamp.from(at)).param("actor", actor).param("kind", kind)
                .param("company", company).update();
    }

    private void logIn(String email) {
        Chromium.logIn(browser, "http://localhost:" + port, email, TestAccounts.PASSWORD);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
        Chromium.waitFor(browser, page -> "complete".equals(
                ((JavascriptExecutor) page).executeScript("return document.readyState")));
    }


    private void shot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve("find-" + name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(target, LOOK_AT.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
