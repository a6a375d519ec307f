package org.stagedoor.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.store.TestDatabase;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invitation followed from the dev mailbox in a real headless Chromium, as in the demo: the administrator opens
 * the mail, clicks its link in the message as sent, and the invited person chooses a password and signs in with it.
 * The application listens on a port chosen here, so that the links in its mail lead back to it. Screenshots land in
 * {@code target/screenshots} and {@code /tmp/mailbox}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "stagedoor.scheduler.name=stagedoor-tests-mailbox",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "server.servlet.session.cookie.secure=true" })
class MailboxBrowserIntegrationTests extends StoreIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final int PORT = freePort();

    private static final String NEW_PASSWORD = "a brand new password";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private Accounts accounts;

    private WebDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("server.port", () -> PORT);
        registry.add("stagedoor.delivery.portal-base-url", () -> "http://localhost:" + PORT);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Chromium.start(null);
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anInvitationIsFollowedFromTheDevMailboxToAWorkingLogin() throws IOException {
        TestAccounts.admin(accounts, "admin@venue.example");
        accounts.invitePartnerUser(1L, "ivy@northern.example", "Ivy Invited", "admin@venue.example");
        logIn("admin@venue.example", TestAccounts.PASSWORD);

        open("/admin/mailbox");
        screenshot("mailbox-list");
        browser.findElement(By.xpath("//tr[td[text()='ivy@northern.example']]//a[text()='Your Stagedoor account']"))
                .click();
        Chromium.waitFor(browser, page -> page.findElement(By.tagName("h1")).getText()
                .equals("Your Stagedoor account"));
        assertThat(browser.findElement(By.tagName("dl")).getText())
                .contains("From\nreports@stagedoor.local", "To\nivy@northern.example");
        screenshot("mailbox-message");

        browser.switchTo().frame(browser.findElement(By.cssSelector("iframe[title='The message as sent']")));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .startsWith("Hello Ivy Invited, an account has been created for you on Stagedoor");
        browser.findElement(By.linkText("Choose your password")).click();
        browser.switchTo().defaultContent();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().startsWith("http://localhost:" + PORT + "/invitation?token="));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Choose your password");
        screenshot("mailbox-invitation-followed");
        assertNothingRefusedByThePolicy();

        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().endsWith("/portal"));
        browser.findElement(By.xpath("//header//button[text()='Log out']")).click();
        Chromium.waitFor(browser, page -> page.getCurrentUrl().contains("/login"));

        logIn("ivy@northern.example", NEW_PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + PORT + "/portal");
        screenshot("mailbox-invited-user-signed-in");
    }

    private void assertNothingRefusedByThePolicy() {
        List<String> messages = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).toList();
        assertThat(messages).noneMatch(message -> message.contains("Content Security Policy")
                || message.contains("Content-Security-Policy") || message.contains("X-Frame-Options")
                || message.contains("Refused"));
    }

    private void logIn(String email, String password) {
        Chromium.logIn(browser, "http://localhost:" + PORT, email, password);
    }

    private void open(String path) {
        browser.get("http://localhost:" + PORT + path);
    }


    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, SCREENSHOTS, name);
        Chromium.screenshot(browser, Path.of("/tmp/mailbox"), name);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
