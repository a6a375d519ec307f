package org.stagedoor.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's import page in a real Chromium: the example venue's files chosen and imported, then a refused upload
 * listing its row in words; a large file's progress shown while it imports, with scripts and without (the page
 * refreshing itself). Screenshots land in {@code target/screenshots/import-*} and {@code /tmp/adopt-gaps}.
 */
class ImportBrowserIntegrationTests extends WebServerIntegrationTest {

    private static final List<Path> SCREENSHOTS =
            List.of(Path.of("target", "screenshots"), Path.of("/tmp/adopt-gaps"));

    /** Customers in the large file: enough for the import to run a few seconds, so that its progress shows. */
    private static final int LARGE = 30_000;

    @LocalServerPort
    private int port;

    @Autowired
    private Accounts accounts;

    @TempDir
    Path folder;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(Chromium.BINARY) && Files.isExecutable(Chromium.DRIVER),
                "Skipped: no Chromium at " + Chromium.BINARY);
        browser = Chromium.start(Files.createTempDirectory("stagedoor-downloads"));
        TestAccounts.admin(accounts, "admin@venue.example");
        Chromium.logIn(browser, "http://localhost:" + port, "admin@venue.example", TestAccounts.PASSWORD);
        try (Stream<Path> files = Files.list(Path.of("..", "docs", "import", "example"))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdministratorImportsTheExampleFilesThenSeesARefusedRowInWords() throws IOException {
        browser.get("http://localhost:" + port + "/admin/import");
        screenshot("import-form");
        upload(folder);
        assertThat(ended().getText())
                .contains("Every file was checked and applied.")
                .contains("customers.csv: 5 rows: 5 added");
        screenshot("import-done");

        Files.writeString(folder.resolve("orders.csv"), Files.readString(folder.resolve("orders.csv"))
                + "O-7,C-100,C-101,online,2025-06-01 10:00\n");
        browser.findElement(By.linkText("Import more files")).click();
        upload(folder);
        assertThat(ended().getText())
                .contains("Nothing was imported: 1 row was refused")
                .contains("orders.csv 8 facilitator_id The relationship between these customers does not let the"
                        + " person making the order act for the person it is for.");
        screenshot("import-refused");

        browser.get("http://localhost:" + port + "/admin/audit");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Imported 15 files: 54 rows (54 added) in ")
                .contains("Import refused: 1 row was refused, so nothing was applied.");
        screenshot("import-audit-log");
    }

    @Test
    void theImportPageShowsHowFarALargeImportHasGotWithScriptsAndWithout() throws IOException {
        Path large = Files.createDirectory(folder.resolve("large"));
        StringBuilder customers = new StringBuilder("id,kind,first_name,last_name,online_access\n");
        for (int i = 0; i < LARGE; i++) {
            customers.append("L-").append(i).append(",person,Pat,Number ").append(i).append(",no\n");
        }
        Files.writeString(large.resolve("customers.csv"), customers);

        browser.get("http://localhost:" + port + "/admin/import");
        upload(large);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        // The set-based import may finish these rows before the page first asks how far it has got.
        wait.until(page -> !page.findElements(By.cssSelector("#import-files tr")).isEmpty()
                || !page.findElements(By.linkText("Import more files")).isEmpty());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("customers.csv");
        screenshot("import-progress");
        assertThat(ended().getText()).contains("customers.csv: 30,000 rows: 30,000 added");
        screenshot("import-large-done");

        // Without scripts the page refreshes itself until the import has ended.
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        browser.get("http://localhost:" + port + "/admin/import");
        upload(large);
        wait.until(page -> page.getCurrentUrl().matches(".*/admin/import/[0-9a-f-]{36}$"));
        wait.until(page -> !page.findElements(By.cssSelector("#import-files tr")).isEmpty()
                || !page.findElements(By.linkText("Import more files")).isEmpty());
        screenshot("import-progress-without-scripts");
        assertThat(ended().getText()).contains("customers.csv: 30,000 rows: 30,000 unchanged");
        screenshot("import-done-without-scripts");
    }

    /** The page's main part once the import has ended, however long it takes. */
    private WebElement ended() {
        new WebDriverWait(browser, Duration.ofSeconds(180)).until(page -> !page.findElements(
                By.linkText("Import more files")).isEmpty());
        return browser.findElement(By.tagName("main"));
    }

    private void upload(Path from) throws IOException {
        List<String> paths;
        try (Stream<Path> files = Files.list(from)) {
            paths = files.filter(file -> file.toString().endsWith(".csv")).map(file -> file.toAbsolutePath().toString())
                    .sorted().toList();
        }
        browser.findElement(By.id("files")).sendKeys(String.join("\n", paths));
        Chromium.follow(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private void screenshot(String name) throws IOException {
        for (Path folder : SCREENSHOTS) {
            Chromium.screenshot(browser, folder, name);
        }
    }
}
