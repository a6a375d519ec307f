package org.stagedoor.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium for the browser tests (Debian's chromium and chromedriver), with its console kept, where it
 * reports what the Content-Security-Policy refused. Where none is installed the test is skipped, saying so.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A fresh browser with an empty profile; files it downloads go to {@code downloads} when given. */
    static WebDriver start(Path downloads) throws IOException {
        assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Skipped: no Chromium at " + BINARY + " and " + DRIVER
                        + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("stagedoor-chromium"));
        if (downloads != null) {
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("download.default_directory", downloads.toString());
            prefs.put("download.prompt_for_download", false);
            options.setExperimentalOption("prefs", prefs);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in on the login page at {@code base} and waits until the browser has left it. */
    static void logIn(WebDriver browser, String base, String email, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        follow(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(page -> !page.getCurrentUrl().contains("/login"));
    }

    /**
     * Clicks a link or button that loads another page and waits until that page has replaced this one, so that what
     * is read next is read from the new page and not from the old one as it goes.
     */
    static void follow(WebDriver browser, WebElement target) {
        WebElement before = browser.findElement(By.tagName("html"));
        target.click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(page -> isGone(before));
        wait.until(page -> "complete".equals(((JavascriptExecutor) page).executeScript("return document.readyState")));
    }

    /**
     * Whether the element has left the page. While the old page is torn down, Chromium may answer that its node "does
     * not belong to the document" instead of calling it stale: the same news.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        }
        catch (StaleElementReferenceException ex) {
            return true;
        }
        catch (WebDriverException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw ex;
        }
    }

    /**
     * Waits until the condition holds on a page whose scripts have run (they are deferred: run before it is complete);
     * an element read while a page redraws it is read again.
     */
    static void waitFor(WebDriver browser, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(page -> "complete".equals(
                        ((JavascriptExecutor) page).executeScript("return document.readyState"))
                        && condition.apply(page));
    }

    /** Saves what the browser shows as {@code name}.png in {@code folder}. */
    static void screenshot(WebDriver browser, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
