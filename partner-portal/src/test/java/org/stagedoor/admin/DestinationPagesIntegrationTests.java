package org.stagedoor.admin;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportLauncher;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.SignedLinks;
import org.stagedoor.scheduler.destination.WebhookRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/**
 * A partner company's destinations on the console (a web address's secret shown once, a server's key fetched or
 * its silence said in words, every change audited), and the download link a web address is given: the file once,
 * recorded as a download is; an expired, forged or used link nothing.
 */
class DestinationPagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    Destinations destinations;

    @Autowired
    SignedLinks links;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecipients recipients;

    @Test
    void aWebAddressIsAddedWithItsSecretShownOnceAndTheChangeAudited() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");

        MvcResult added = mvc.perform(post("/admin/partners/{id}/destinations/webhook", company.id())
                        .param("name", "Northern's box office").param("url", "https://northern.example/stagedoor")
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(allOf(containsString("whsec_"), containsString("It will not be shown"
                        + " again"))))
                .andReturn();
        String secret = added.getResponse().getContentAsString().replaceAll("(?s).*(whsec_[A-Za-z0-9_-]+).*", "$1");

        mvc.perform(get("/admin/partners/{id}/destinations", company.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Northern&#39;s box office"),
                        containsString("https://northern.example/stagedoor"), not(containsString(secret)))));
        mvc.perform(get("/admin/partners/{id}", company.id()).with(as(admin)))
                .andExpect(content().string(containsString("Web address https://northern.example/stagedoor")));
        Destination destination = destinations.ofCompany(company.id()).get(0);
        assertThat(destinations.webhookSecret(destination)).isEqualTo(secret);
        assertThat(adminChanges()).containsExactly("added the destination Web address"
                + " https://northern.example/stagedoor");
    }

    @Test
    void aWebAddressThatIsNotHttpsIsRefusedNextToItsField() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");

        mvc.perform(post("/admin/partners/{id}/destinations/webhook", company.id())
                        .param("name", "Northern").param("url", "http://northern.example/hook")
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The web address must start with https:// and name a"
                        + " host: what is sent carries a link to the file")));
        assertThat(destinations.ofCompany(company.id())).isEmpty();
    }

    @Test
    void fetchingTheKeyOfAServerThatDoesNotAnswerSaysSoInWords() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        mvc.perform(post("/admin/partners/{id}/destinations/fetch-key", company.id())
                        .param("host", "127.0.0.1").param("port", String.valueOf(port))
                        .with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Could not reach the server at 127.0.0.1:" + port
                        + ": the connection was refused (nothing listens there, or a firewall turned us away)")));
    }

    @Test
    void theLinkAWebAddressIsGivenFetchesTheFileOnceAndIsRecordedLikeADownload() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        ReportRun run = completedRun(company);
        long delivery = sentToWebAddress(company, run);
        Instant expires = links.expiryFromNow();
        String signature = links.signature(delivery, expires);

        mvc.perform(get("/deliveries/{id}/file", delivery).param("expires", String.valueOf(expires.getEpochSecond()))
                        .param("signature", signature))
                .andExpect(status().isOk())
                .andExpect(content().bytes(Files.readAllBytes(Path.of(run.location()))));
        mvc.perform(get("/deliveries/{id}/file", delivery).param("expires", String.valueOf(expires.getEpochSecond()))
                        .param("signature", signature))
                .andExpect(status().isGone())
                .andExpect(content().string("This download link was used already: each link works once. The"
                        + " company's users can download the file on the portal, or ask the venue to send it"
                        + " again.\n"));

        assertThat(recipients.of(run.id())).singleElement().satisfies(recipient -> {
            assertThat(recipient.kind()).isEqualTo(RunRecipients.Kind.WEBHOOK);
            assertThat(recipient.how()).isEqualTo(RunRecipients.How.DOWNLOAD);
            assertThat(recipient.recipient()).isEqualTo("Web address https://northern.example/stagedoor");
        });
        assertThat(audit.recent(AuditLog.Kind.RUN_DOWNLOADED, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("web address of Northern Lights (Web address"
                    + " https://northern.example/stagedoor)");
            assertThat(entry.runId()).isEqualTo(run.id());
            assertThat(entry.partnerCompanyId()).isEqualTo(company.id());
        });
    }

    @Test
    void anExpiredOrForgedLinkGivesNothingAndRecordsNothing() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", true, "");
        ReportRun run = completedRun(company);
        long delivery = sentToWebAddress(company, run);
        Instant past = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant future = links.expiryFromNow();

        mvc.perform(get("/deliveries/{id}/file", delivery).param("expires", String.valueOf(past.getEpochSecond()))
                        .param("signature", links.signature(delivery, past)))
                .andExpect(status().isGone())
                .andExpect(content().string(allOf(containsString("This download link expired on "),
                        containsString("Ask the venue to send the file again."))));
        // A later expiry than the one signed: refused as not Stagedoor's.
        mvc.perform(get("/deliveries/{id}/file", delivery).param("expires", String.valueOf(future.getEpochSecond()))
                        .param("signature", links.signature(delivery, past)))
                .andExpect(status().isForbidden())
                .andExpect(content().string("This download link is not valid: copy all of it, or ask the venue to"
                        + " send the file again.\n"));

        assertThat(recipients.of(run.id())).isEmpty();
        assertThat(audit.recent(AuditLog.Kind.RUN_DOWNLOADED, 10)).isEmpty();
        assertThat(jdbc.sql("select count(*) from delivery where link_used_at is not null").query(Integer.class)
                .single()).isZero();
    }

    private ReportRun completedRun(PartnerCompany company) {
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", company.id(), Map.of(), OutputFormat.CSV,
                "tests"));
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    /** A delivery of the run to a web address of the company, as the outbox leaves it once sent. */
    private long sentToWebAddress(PartnerCompany company, ReportRun run) {
        Destination hook = destinations.addWebhook(company.id(), new WebhookRequest("Northern's box office",
                "https://northern.example/stagedoor"), ADMIN).destination();
        return jdbc.sql("""
                insert into delivery (kind, run_id, recipient, destination_id, mode, subject, status, sent_at,
                                      attempts)
                values ('REPORT', :run, :recipient, :destination, 'LINK', 'Weekly sales', 'SENT', now(), 1)
                returning id
                """).param("run", run.id()).param("recipient", hook.where()).param("destination", hook.id())
                .query(Long.class).single();
    }
}
