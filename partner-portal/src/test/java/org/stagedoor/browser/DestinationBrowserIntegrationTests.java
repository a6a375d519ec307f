package org.stagedoor.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stagedoor.WebServerIntegrationTest;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.delivery.DeliverySender;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.WebhookRequest;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.ScheduleRequest;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.scheduler.schedule.When;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 2 in a real headless Chromium: an administrator fetches the key a real SSH server shows, confirms it
 * and saves the SFTP server; adds a web address and sees its secret once; a server that does not answer is said so
 * in words. Screenshots land in {@code target/screenshots} and {@code /tmp/channels}.
 */
class DestinationBrowserIntegrationTests extends WebServerIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Accounts accounts;

    @Autowired
    private PartnerCompanies companies;

    @Autowired
    private SavedReports savedReports;

    @Autowired
    private Schedules schedules;

    @Autowired
    private Destinations destinations;

    @Autowired
    private ReportLauncher launcher;

    @Autowired
    private DeliverySender sender;

    private WebDriver browser;

    private SshServer ssh;

    @BeforeEach
    void start() throws IOException {
        browser = Chromium.start(null);
        browser.manage().window().setSize(new Dimension(1280, 1800));
        TestAccounts.admin(accounts, "admin@venue.example");
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (ssh != null) {
            ssh.stop(true);
        }
    }

    @Test
    void anSftpServerAndAWebAddressAreAddedInWords() throws Exception {
        PartnerCompany company = companies.create("Northern Lights Productions", true, "");
        long sales = savedReports.create(null, new SavedReportDraft("Sales of a week", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests").id();
        schedules.create(new ScheduleRequest("Weekly sales", sales, Map.of(), null, When.cron("0 0 7 * * MON"), null,
                null, FanOut.ONE_PARTNER, company.id(), null, false, List.of("marketing@venue.example"), true,
                "tests"));
        String fingerprint = startSshServer();
        String base = "http://localhost:" + port;
        Chromium.logIn(browser, base, "admin@venue.example", TestAccounts.PASSWORD);
        browser.get(base + "/admin/partners/" + company.id());
        assertThat(browser.findElement(By.id("destinations")).getText()).isEqualTo("Where its reports go");
        Chromium.follow(browser, browser.findElement(By.id("manage-destinations")));
        screenshot("destinations-empty");

        // A host where nothing answers: said in words next to the server.
        browser.findElement(By.id("fetchHost")).sendKeys("127.0.0.1");
        browser.findElement(By.id("fetchPort")).clear();
        browser.findElement(By.id("fetchPort")).sendKeys("1");
        Chromium.follow(browser, browser.findElement(By.cssSelector("#fetch-key button")));
        assertThat(browser.findElement(By.cssSelector("#add-sftp")).getText())
                .contains("Could not reach the server at 127.0.0.1:1: the connection was refused");
        screenshot("destinations-host-not-answering");

        browser.findElement(By.id("fetchPort")).clear();
        browser.findElement(By.id("fetchPort")).sendKeys(String.valueOf(ssh.getPort()));
        Chromium.follow(browser, browser.findElement(By.cssSelector("#fetch-key button")));
        assertThat(browser.findElement(By.id("fetched-key")).getText()).contains(fingerprint);
        assertThat(browser.findElement(By.id("sftpFingerprint")).getAttribute("value")).isEqualTo(fingerprint);
        screenshot("destinations-key-fetched");

        browser.findElement(By.id("sftpName")).sendKeys("Northern's SFTP server");
        browser.findElement(By.id("sftpFolder")).clear();
        browser.findElement(By.id("sftpFolder")).sendKeys("/incoming");
        browser.findElement(By.id("sftpUser")).sendKeys("northern");
        browser.findElement(By.id("sftpPassword")).sendKeys("a password");
        Chromium.follow(browser, browser.findElement(By.cssSelector("#sftp-form button")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The destination was added.",
                "SFTP server (the file is uploaded)", "northern with a password (kept encrypted)", fingerprint);

        browser.findElement(By.id("hookName")).sendKeys("Northern's box office system");
        browser.findElement(By.id("hookUrl")).sendKeys("https://northern.example/stagedoor");
        Chromium.follow(browser, browser.findElement(By.cssSelector("#webhook-form button")));
        String secret = browser.findElement(By.cssSelector("#issued-secret pre")).getText();
        assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
        screenshot("destinations-secret-shown-once");

        browser.get(base + "/admin/partners/" + company.id() + "/destinations");
        assertThat(browser.getPageSource()).doesNotContain(secret);
        browser.findElement(By.cssSelector("section.destination input[name=schedules]")).click();
        Chromium.follow(browser, browser.findElement(By.cssSelector("section.destination form.checks button")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The schedules it receives were saved.");
        screenshot("destinations-listed");
        browser.get(base + "/admin/partners/" + company.id());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(
                "SFTP server 127.0.0.1:" + ssh.getPort() + ", folder /incoming",
                "Web address https://northern.example/stagedoor");
    }

    @Test
    void aWebAddressAnswering500IsShownFailedInWordsOnTheDeliveriesPage() throws Exception {
        PartnerCompany company = companies.create("Northern Lights Productions", true, "");
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "Database unavailable".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Destination hook = destinations.addWebhook(company.id(), new WebhookRequest("Northern's box office system",
                    url), "tests").destination();
            ReportRun run = launcher.run(new RunRequest("partner-optin-list", company.id(), Map.of(),
                    OutputFormat.CSV, "tests"));
            jdbc.sql("""
                    insert into delivery (kind, run_id, recipient, destination_id, mode, subject)
                    values ('REPORT', :run, :recipient, :destination, 'LINK', 'Opted-in customers')
                    """).param("run", run.id()).param("recipient", hook.where()).param("destination", hook.id())
                    .update();
            for (int attempt = 0; attempt < 8; attempt++) {
                jdbc.sql("update delivery set next_attempt_at = now() where status = 'PENDING'").update();
                sender.sendDue();
            }
        }
        finally {
            receiver.stop(0);
        }
        String base = "http://localhost:" + port;
        Chromium.logIn(browser, base, "admin@venue.example", TestAccounts.PASSWORD);
        browser.get(base + "/admin/deliveries");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Web address http://127.0.0.1:",
                "answered 500 (Internal Server Error), saying \"Database unavailable\"", "Failed",
                "(told the file is ready, with a link)");
        screenshot("deliveries-webhook-failed");
    }

    /** A real SSH server showing a key of its own; returns the key's fingerprint. */
    private String startSshServer() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var hostKey = generator.generateKeyPair();
        ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(0);
        ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        ssh.setPasswordAuthenticator((user, password, session) -> false);
        ssh.start();
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, Path.of("target", "screenshots"), name);
        Chromium.screenshot(browser, Path.of("/tmp/channels"), name);
    }
}
