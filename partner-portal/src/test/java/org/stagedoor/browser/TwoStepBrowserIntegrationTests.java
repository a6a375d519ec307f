package org.stagedoor.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;
import org.stagedoor.security.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 3 in a real headless Chromium: an administrator requires two-step sign-in of a partner company's
 * users; its user, right after the password, sets it up on the page with the QR code (reading the key shown under
 * it, as someone who cannot scan would), sees the recovery codes once, and at the next sign-in is asked for a code:
 * a wrong one is refused in words, a right one computed here as an authenticator app would lets them in.
 * Screenshots land in {@code target/screenshots} and {@code /tmp/totp}.
 */
class TwoStepBrowserIntegrationTests extends WebServerIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Accounts accounts;

    @Autowired
    private BookingFixtures fixtures;

    private WebDriver browser;

    private PartnerCompany northern;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Chromium.start(null);
        browser.manage().window().setSize(new Dimension(1280, 1200));
        TestAccounts.admin(accounts, "admin@venue.example");
        northern = fixtures.partner("Northern Lights Productions", false);
        TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRequiredUserSetsItUpFromTheQrPageAndThenSignsInWithACode() throws IOException {
        String base = "http://localhost:" + port;
        Chromium.logIn(browser, base, "admin@venue.example", TestAccounts.PASSWORD);
        browser.get(base + "/admin/partners/" + northern.id());
        browser.findElement(By.cssSelector("#two-step-required input[name=required]")).click();
        Chromium.follow(browser, browser.findElement(By.cssSelector("#two-step-required button")));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("The two-step sign-in setting was saved. It applies from each user's next sign-in.");
        assertThat(browser.findElement(By.cssSelector("#two-step-required input[name=required]")).isSelected())
                .isTrue();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.findElement(By.id("two-step-required")));
        screenshot("company-requires-two-step");
        Chromium.follow(browser, browser.findElement(By.cssSelector("header form button")));

        Chromium.logIn(browser, base, "ann@northern.example", TestAccounts.PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/two-step/setup");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("The venue asks you to turn on two-step sign-in before you go on.",
                        "An authenticator app is a free app on your phone");
        assertThat(browser.findElement(By.cssSelector("img.qr")).getSize().getWidth()).isEqualTo(240);
        screenshot("enrolment-qr-code");
        browser.get(base + "/portal");
        assertThat(browser.getCurrentUrl()).as("nothing else opens until it is set up")
                .isEqualTo(base + "/two-step/setup");

        String secret = browser.findElement(By.id("secret")).getText();
        browser.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now(), 0));
        Chromium.follow(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Two-step sign-in is on");
        assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        screenshot("recovery-codes-shown-once");
        Chromium.follow(browser, browser.findElement(By.id("continue")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/portal");
        Chromium.follow(browser, browser.findElement(By.cssSelector("header form button")));

        Chromium.logIn(browser, base, "ann@northern.example", TestAccounts.PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/sign-in/code");
        screenshot("code-asked-after-password");
        browser.findElement(By.id("code")).sendKeys(wrongCode(secret));
        Chromium.follow(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("That code is not right. Enter the 6-digit code your authenticator app shows for"
                        + " Stagedoor now.");
        screenshot("wrong-code-refused");
        browser.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now(), 1));
        Chromium.follow(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/portal");
        screenshot("signed-in-with-a-code");
        Chromium.follow(browser, browser.findElement(By.cssSelector("header form button")));

        // Ann lost her phone: the administrator resets it from her row on the company's page.
        Chromium.logIn(browser, base, "admin@venue.example", TestAccounts.PASSWORD);
        browser.get(base + "/admin/partners/" + northern.id());
        WebElement reset = browser.findElement(By.cssSelector("form[action*='/two-step/reset'] button"));
        assertThat(reset.getText()).isEqualTo("Reset two-step sign-in (lost phone)");
        assertThat(browser.findElement(By.xpath("//tr[td='ann@northern.example']")).getText())
                .contains("active, two-step sign-in on");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", reset);
        screenshot("account-row-with-reset");
        Chromium.follow(browser, reset);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Two-step sign-in was reset and the"
                + " person's sessions ended.");
        assertThat(browser.findElements(By.cssSelector("form[action*='/two-step/reset']"))).isEmpty();
        screenshot("two-step-reset");
    }

    /** A code that none of the steps around now has. */
    private static String wrongCode(String secret) {
        List<String> right = List.of(Totp.code(secret, Instant.now(), -1), Totp.code(secret, Instant.now(), 0),
                Totp.code(secret, Instant.now(), 1));
        return List.of("123456", "654321", "111111").stream().filter(code -> !right.contains(code)).findFirst()
                .orElseThrow();
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, Path.of("target", "screenshots"), name);
        Chromium.screenshot(browser, Path.of("/tmp/totp"), name);
    }
}
