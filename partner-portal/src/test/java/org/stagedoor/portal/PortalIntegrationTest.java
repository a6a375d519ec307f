package org.stagedoor.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of the portal's web tests: the whole application on the test database with MockMvc, real accounts, and
 * two partner companies. Northern Lights (A) has "Hamlet" a week from now with three tickets sold and is granted
 * event sales and the opt-in list; Southern Cross (B) has "Macbeth" with two tickets sold and is granted event
 * sales. This node fires (runs started from the portal are queued on the Quartz cluster and executed here, one row
 * committed at a time so that progress shows); mail is sent only when a test calls the sender. Every test class
 * shares this one configuration, so one context, and one node, serves them all.
 */
@SpringBootTest(properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=true",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/portal-test-reports",
        "stagedoor.reports.chunk-size=1" })
@AutoConfigureMockMvc
abstract class PortalIntegrationTest extends StoreIntegrationTest {

    static final String PERIOD = "next-30-days";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    SavedReports grants;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecords records;

    @Autowired
    AuditLog audit;

    @Autowired
    Scheduler scheduler;

    PartnerCompany northern;

    PartnerCompany southern;

    StagedoorUser userA;

    StagedoorUser colleagueA;

    StagedoorUser userB;

    StagedoorUser admin;

    PriceBand band;

    @Autowired
    ReportSettings reportSettings;

    @BeforeEach
    void twoCompanies() throws SchedulerException {
        if (scheduler.isInStandbyMode()) {
            scheduler.start();
        }
        // Run ids start again at 1 in every test: so do the files.
        FileSystemUtils.deleteRecursively(reportSettings.directory().toFile());
        northern = fixtures.partner("Northern Lights Productions", false);
        southern = fixtures.partner("Southern Cross Theatre", false);
        band = fixtures.standardBand();
        EventInstance hamlet = fixtures.performance("Hamlet", 100, northern);
        EventInstance macbeth = fixtures.performance("Macbeth", 80, southern);
        for (int i = 0; i < 3; i++) {
            Customer buyer = fixtures.person("Ada" + i, "Lovelace");
            fixtures.buy(buyer, null, OrderChannel.BOX_OFFICE, hamlet, band, "20.00", Map.of());
        }
        for (int i = 0; i < 2; i++) {
            Customer buyer = fixtures.person("Bea" + i, "Brown");
            fixtures.buy(buyer, null, OrderChannel.BOX_OFFICE, macbeth, band, "15.00", Map.of());
        }
        grants.grantKinds(northern.id(), Set.of("partner-event-sales", "partner-optin-list"), "tests");
        grants.grantKinds(southern.id(), Set.of("partner-event-sales"), "tests");
        userA = TestAccounts.partnerUser(accounts, northern.id(), "ann@northern.example");
        colleagueA = TestAccounts.partnerUser(accounts, northern.id(), "colin@northern.example");
        userB = TestAccounts.partnerUser(accounts, southern.id(), "bob@southern.example");
        admin = TestAccounts.admin(accounts, "admin@venue.example");
    }

    /** Lets the node's work end and empties Quartz, before the next test empties the store under it. */
    @AfterEach
    void quietNode() throws SchedulerException {
        scheduler.standby();
        await().atMost(Duration.ofSeconds(90)).until(() -> scheduler.getCurrentlyExecutingJobs().isEmpty());
        scheduler.clear();
    }

    /** A completed run of the company's event sales for the next 30 days, run here and now. */
    ReportRun completedEventSales(PartnerCompany company, OutputFormat format, String requestedBy) {
        ReportRun run = launcher.run(new RunRequest("partner-event-sales", company.id(), Map.of("period", PERIOD),
                format, requestedBy));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    /** The run's status JSON as the API answers it to {@code user}. */
    String runJson(StagedoorUser user, long runId) throws Exception {
        return mvc.perform(get("/api/portal/runs/{id}", runId).with(TestAccounts.as(user))
                .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Follows the run through the API until it has finished; returns its last JSON. */
    String awaitFinished(StagedoorUser user, long runId) {
        String[] json = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            json[0] = runJson(user, runId);
            String state = JsonPath.read(json[0], "$.status");
            return !state.equals("QUEUED") && !state.equals("RUNNING");
        });
        return json[0];
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static long runIdOf(MvcResult redirect) {
        String location = redirect.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/portal/runs/");
        return Long.parseLong(location.substring("/portal/runs/".length()));
    }
}
