package org.stagedoor.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's import page in a real Chromium: the example venue's files chosen and imported, then a refused upload
 * listing its row in words. Screenshots land in {@code target/screenshots/import-*} and {@code /tmp/import/shots}.
 */
class ImportBrowserIntegrationTests extends WebServerIntegrationTest {

    private static final List<Path> SCREENSHOTS =
            List.of(Path.of("target", "screenshots"), Path.of("/tmp/import/shots"));

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
        upload();
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Imported. Every file was checked and applied.")
                .contains("customers.csv: 5 rows: 5 added");
        screenshot("import-done");

        Files.writeString(folder.resolve("orders.csv"), Files.readString(folder.resolve("orders.csv"))
                + "O-7,C-100,C-101,online,2025-06-01 10:00\n");
        upload();
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Nothing was imported: 1 row was refused")
                .contains("orders.csv 8 facilitator_id The relationship between these customers does not let the"
                        + " person making the order act for the person it is for.");
        screenshot("import-refused");
    }

    private void upload() throws IOException {
        List<String> paths;
        try (Stream<Path> files = Files.list(folder)) {
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
