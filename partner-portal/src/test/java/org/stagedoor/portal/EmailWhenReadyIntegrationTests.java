package org.stagedoor.portal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunFinished;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.Delivery;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.DeliverySender;
import org.stagedoor.scheduler.delivery.DeliveryStatus;
import org.stagedoor.scheduler.delivery.DevMailbox;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Email me when it is ready": when the run completes, one message to the user who asked is in the outbox, written
 * with the outcome — once, however often the outcome is handled — and the outbox's sender mails it.
 */
class EmailWhenReadyIntegrationTests extends PortalIntegrationTest {

    @Autowired
    Deliveries deliveries;

    @Autowired
    DeliverySender sender;

    @Autowired
    DevMailbox mailbox;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theUserWhoAskedIsEmailedTheFileOnceWhenTheRunCompletes() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        long runId = runIdOf(mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA))
                .with(csrf()).param("period", "custom").param("period.from", today.toString())
                .param("period.to", today.plusDays(30).toString()).param("format", "XLSX").param("notify", "true"))
                .andExpect(status().isFound()).andReturn());
        mvc.perform(get("/portal/runs/{id}", runId).with(TestAccounts.as(userA)))
                .andExpect(content().string(containsString("You will be emailed when it is ready.")));
        mvc.perform(get("/portal/runs/{id}", runId).with(TestAccounts.as(colleagueA)))
                .andExpect(content().string(not(containsString("You will be emailed"))));

        awaitFinished(userA, runId);
        ReportRun run = records.get(runId);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);

        List<Delivery> recorded = deliveries.ofRun(runId);
        assertThat(recorded).singleElement().satisfies(delivery -> {
            assertThat(delivery.recipient()).isEqualTo(userA.email());
            assertThat(delivery.partnerUserId()).isEqualTo(userA.partnerUserId());
            assertThat(delivery.mode()).isEqualTo(DeliveryMode.ATTACHMENT);
            assertThat(delivery.scheduleId()).isNull();
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.subject()).isEqualTo("Event sales — Northern Lights Productions — "
                    + run.parametersResolved().get("periodLabel") + " — ready");
        });

        // The outcome handled again (another node, a retry): still the one message.
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(new RunFinished(run)));
        assertThat(deliveries.ofRun(runId)).hasSize(1);

        int before = mailbox.receivedMessages().size();
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(mailbox.receivedMessages()).hasSize(before + 1);
        assertThat(mailbox.messages()).filteredOn(message -> message.subject().equals(recorded.get(0).subject()))
                .singleElement().satisfies(message -> {
                    assertThat(message.recipients()).containsExactly(userA.email());
                    assertThat(message.attachmentNames()).containsExactly(run.fileName());
                });
        assertThat(deliveries.ofRun(runId)).singleElement().extracting(Delivery::status)
                .isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void personalDataIsSentAsALinkAndARunNobodyAskedAboutSendsNothing() throws Exception {
        String asked = mvc.perform(post("/api/portal/runs").with(TestAccounts.as(userA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-optin-list\", \"format\": \"CSV\", \"notify\": true}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long askedId = JsonPath.<Integer>read(asked, "$.id");
        String silent = mvc.perform(post("/api/portal/runs").with(TestAccounts.as(colleagueA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"report\": \"partner-event-sales\", \"format\": \"CSV\"}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long silentId = JsonPath.<Integer>read(silent, "$.id");

        awaitFinished(userA, askedId);
        awaitFinished(colleagueA, silentId);

        assertThat(deliveries.ofRun(askedId)).singleElement().satisfies(delivery -> {
            assertThat(delivery.recipient()).isEqualTo(userA.email());
            assertThat(delivery.mode()).isEqualTo(DeliveryMode.LINK);
        });
        assertThat(deliveries.ofRun(silentId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from delivery").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRunThatDoesNotCompleteSendsNothing() throws Exception {
        scheduler.standby();
        long runId = runIdOf(mvc.perform(post("/portal/reports/partner-event-sales/runs").with(TestAccounts.as(userA))
                .with(csrf()).param("period", "previous-week").param("format", "CSV").param("notify", "true"))
                .andExpect(status().isFound()).andReturn());
        mvc.perform(post("/portal/runs/{id}/cancel", runId).with(TestAccounts.as(userA)).with(csrf()))
                .andExpect(status().isFound());

        assertThat(records.get(runId).status()).isEqualTo(RunStatus.STOPPED);
        assertThat(jdbc.sql("select count(*) from delivery").query(Long.class).single()).isZero();
    }
}
