package org.stagedoor.browser;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 3 in a real headless Chromium: an administrator issues a venue system token for a sales channel on
 * the Venue page, sees it once, finds it listed by its first characters only, and revokes it. Screenshots land in
 * {@code target/screenshots} and {@code /tmp/bookapi}.
 */
class VenueTokenBrowserIntegrationTests extends WebServerIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Accounts accounts;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Chromium.start(null);
        browser.manage().window().setSize(new Dimension(1280, 1600));
        TestAccounts.admin(accounts, "admin@venue.example");
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVenueSystemTokenIsIssuedShownOnceListedAndRevoked() throws IOException {
        String base = "http://localhost:" + port;
        Chromium.logIn(browser, base, "admin@venue.example", TestAccounts.PASSWORD);
        browser.get(base + "/admin/venue");
        assertThat(browser.findElement(By.id("api-tokens")).getText()).isEqualTo("Venue system tokens");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("No venue system tokens yet.");

        browser.findElement(By.id("tokenName")).sendKeys("Online shop");
        Chromium.follow(browser,
                browser.findElement(By.cssSelector("form[action$='/admin/venue/api-tokens'] button[type=submit]")));
        String secret = browser.findElement(By.cssSelector(".issued-token pre")).getText();
        assertThat(secret).matches("sdt_[A-Za-z0-9_-]{43}");
        assertThat(browser.findElement(By.cssSelector(".issued-token")).getText())
                .contains("Venue system token Online shop was issued.", "It will not be shown again");
        screenshot("venue-token-issued");

        browser.get(base + "/admin/venue");
        String listed = browser.findElement(By.cssSelector("main table")).getText();
        assertThat(listed).contains("Online shop", secret.substring(0, 12) + "…", "active", "never")
                .doesNotContain(secret);
        assertThat(browser.getPageSource()).doesNotContain(secret);
        screenshot("venue-tokens-listed");

        Chromium.follow(browser, browser.findElement(By.cssSelector("td.actions button")));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("The token was revoked: it is refused from now on.");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("revoked");
        screenshot("venue-token-revoked");
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, Path.of("target", "screenshots"), name);
        Chromium.screenshot(browser, Path.of("/tmp/bookapi"), name);
    }
}
