package org.stagedoor.scheduler.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.batch.metrics.OperationsMeters;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.destination.Destination;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the outbox's integration tests: the real store with the hand-built venue of {@code venue.sql}, real runs,
 * and a real mail server on a loopback port picked once per test JVM (GreenMail, or a {@link ScriptedSmtpServer}
 * started on the same port). The background sender is off: tests call {@link DeliverySender#sendDue()}. Timeouts
 * and back-off are small, so that failures show in seconds.
 */
@SpringBootTest(properties = {
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.delivery.administrators=admin@venue.example",
        "stagedoor.delivery.from=reports@venue.example",
        "stagedoor.delivery.portal-base-url=https://portal.venue.example/",
        "stagedoor.delivery.smtp-connect-timeout=2s",
        "stagedoor.delivery.smtp-read-timeout=2s",
        "stagedoor.delivery.stale-sending-after=2m",
        "stagedoor.delivery.backoff-initial=1s",
        "stagedoor.delivery.backoff-multiplier=2",
        "stagedoor.delivery.backoff-max=2s",
        "stagedoor.delivery.max-attempts=3",
        // Set here, so the outbox's own value (30s) must not replace it.
        "stagedoor.delivery.smtp-write-timeout=30s",
        "spring.mail.properties.mail.smtp.writetimeout=4321",
        "spring.mail.host=127.0.0.1" })
abstract class DeliveryIntegrationTest extends StoreIntegrationTest {

    static final int SMTP_PORT = Mails.freePort();

    static final ServerSetup SMTP = new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    static final Instant DUE = Instant.parse("2026-11-22T07:00:00Z");

    static final String ADMIN = "admin@venue.example";

    @Autowired
    DeliveryOutbox outbox;

    @Autowired
    DeliverySender sender;

    @Autowired
    Deliveries deliveries;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    DataSource dataSource;

    @Autowired
    ReportSettings reportSettings;

    @Autowired
    DeliverySettings settings;

    @Autowired
    DeliveryStore store;

    @Autowired
    DeliveryMessages messages;

    @Autowired
    RunRecipients runRecipients;

    @Autowired
    JavaMailSender mailSender;

    @Autowired
    VenueProperties venue;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    OperationsMeters meters;

    @Autowired
    Channels channels;

    /** Servers a test started itself, stopped after it. */
    private final List<AutoCloseable> servers = new java.util.ArrayList<>();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeEach
    void venue() {
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
        FileSystemUtils.deleteRecursively(reportSettings.directory().toFile());
    }

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        servers.clear();
    }

    /** A new GreenMail on the test port. */
    GreenMail startGreenMail() {
        GreenMail greenMail = new GreenMail(SMTP);
        greenMail.start();
        servers.add(greenMail::stop);
        return greenMail;
    }

    ScriptedSmtpServer startScripted(ScriptedSmtpServer.Script script) throws java.io.IOException {
        ScriptedSmtpServer server = ScriptedSmtpServer.start(SMTP_PORT, script);
        servers.add(server);
        return server;
    }

    /** Northern Lights' event sales for 5–11 Oct 2026, as XLSX. */
    ReportRun eventSales() {
        return completed(launcher.run(new RunRequest("partner-event-sales", 1L,
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.XLSX, "tests")));
    }

    /** Northern Lights' opt-in list (personal data, two rows), as CSV. */
    ReportRun optInList() {
        return completed(launcher.run(new RunRequest("partner-optin-list", 1L, Map.of(), OutputFormat.CSV, "tests")));
    }

    private static ReportRun completed(ReportRun run) {
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    /** A weekly schedule of Northern Lights' event sales, as the schedule package would store it. */
    long schedule() {
        return schedule(jdbc, "{\"period\": \"previous-week\"}");
    }

    /** A weekly schedule of Northern Lights' event sales, of a saved definition with these parameters. */
    static long schedule(JdbcClient jdbc, String parameters) {
        return jdbc.sql("""
                with saved as (insert into saved_report (report_id, created_by) values ('partner-event-sales', 'tests')
                              returning id),
                     version as (insert into saved_report_version (saved_report_id, version, name, parameters, format,
                                                                   saved_by)
                                 select id, 1, 'Weekly sales', cast(:parameters as jsonb), 'XLSX', 'tests' from saved)
                insert into schedule (name, saved_report_id, report_id, cron_expression, time_zone, misfire_policy,
                                      fan_out, partner_company_id, delivery_mode, created_by)
                select 'Weekly sales', saved.id, 'partner-event-sales', '0 0 7 * * MON', 'Europe/London', 'RUN_ONCE',
                       'ONE_PARTNER', 1, 'ATTACHMENT', 'tests'
                  from saved
                returning id
                """).param("parameters", parameters).query(Long.class).single();
    }

    long partnerUser(String email) {
        return jdbc.sql("""
                insert into partner_user (partner_company_id, email, display_name) values (1, :email, 'Partner user')
                returning id
                """).param("email", email).query(Long.class).single();
    }

    /** This context's settings as a second node would have them: its own name, its background sender on. */
    DeliverySettings secondNodeSettings() {
        return new DeliverySettings(settings.from(), settings.administrators(),
                settings.portalBaseUrl(), settings.maxAttachmentSize(), settings.pollInterval(), settings.batchSize(),
                settings.maxAttempts(), settings.backoffInitial(), settings.backoffMultiplier(), settings.backoffMax(),
                settings.smtpConnectTimeout(), settings.smtpReadTimeout(), settings.smtpWriteTimeout(),
                settings.staleSendingAfter(), true, "second-node");
    }

    /** A second node's sender over the same store, mail server and destinations. */
    DeliverySender sender(DeliverySettings nodeSettings) {
        return new DeliverySender(store, messages, outbox, runRecipients, mailSender, nodeSettings, venue,
                transactions, meters, channels);
    }

    /** Records one delivery of a run to one of Northern Lights' destinations and returns it. */
    Delivery recordTo(ReportRun run, Destination destination) {
        assertThat(outbox.recordScheduledRunToDestinations(run, schedule(), DUE, "Weekly sales",
                List.of(destination))).isEqualTo(1);
        List<Delivery> reports = reports();
        return reports.get(reports.size() - 1);
    }

    /** Makes every waiting delivery due now, rather than after its back-off. */
    void dueNow() {
        jdbc.sql("update delivery set next_attempt_at = now() where status = 'PENDING'").update();
    }

    Delivery delivery(long id) {
        return deliveries.find(id).orElseThrow();
    }

    List<Delivery> reports() {
        return jdbc.sql("select * from delivery where kind = 'REPORT' order by id").query(DeliveryStore::delivery)
                .list();
    }

    List<Delivery> notices() {
        return jdbc.sql("select * from delivery where kind = 'NOTICE' order by id").query(DeliveryStore::delivery)
                .list();
    }

    /** Records one delivery of a run to one address and returns it. */
    Delivery recordOne(ReportRun run, String recipient, DeliveryMode mode) {
        assertThat(outbox.recordScheduledRun(run, schedule(), DUE, "Event sales, week of 5 Oct", mode,
                List.of(Recipient.address(recipient)))).isEqualTo(1);
        return reports().get(reports().size() - 1);
    }
}
