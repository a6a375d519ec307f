package org.stagedoor.scheduler.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.scheduler.delivery.ScriptedSmtpServer.Script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The addresses a run's file was emailed to become its recipients once the mail server took the mail, by how the
 * file went (attached or linked); a mail never sent makes nobody a recipient. Covers R-6 (who received what).
 */
class DeliveryRecipientsIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    RunRecipients recipients;

    @Test
    void aSentReportRecordsItsAddressAsARecipientOfTheRunByHowTheFileWent() throws Exception {
        startGreenMail();
        ReportRun run = optInList();
        long schedule = schedule();
        outbox.recordScheduledRun(run, schedule, DUE, "Opted-in customers", DeliveryMode.ATTACHMENT,
                List.of(Recipient.address("ada@northern.example")));
        outbox.recordScheduledRun(run, schedule, DUE.plusSeconds(60), "Opted-in customers", DeliveryMode.LINK,
                List.of(Recipient.address("Ben@Northern.example")));
        assertThat(recipients.of(run.id())).as("recorded in the outbox is not received").isEmpty();

        assertThat(sender.sendDue()).isEqualTo(2);

        assertThat(recipients.of(run.id()))
                .extracting(RunRecipients.Recipient::kind, RunRecipients.Recipient::recipient,
                        RunRecipients.Recipient::how)
                .containsExactlyInAnyOrder(
                        tuple(RunRecipients.Kind.EMAIL, "ada@northern.example", RunRecipients.How.ATTACHMENT),
                        tuple(RunRecipients.Kind.EMAIL, "Ben@Northern.example", RunRecipients.How.LINK));
    }

    @Test
    void anAttachmentTooLargeForAMailIsRecordedAsTheLinkItWentAs() throws Exception {
        startGreenMail();
        ReportRun run = optInList();
        recordOne(run, "ada@northern.example", DeliveryMode.ATTACHMENT);
        // Past the 10MB a mail may carry, so that it goes as a link whatever was asked.
        Files.write(Path.of(run.location()), new byte[11 * 1024 * 1024], StandardOpenOption.APPEND);

        sender.sendDue();

        assertThat(recipients.of(run.id())).singleElement()
                .extracting(RunRecipients.Recipient::how).isEqualTo(RunRecipients.How.LINK);
    }

    @Test
    void aFailedDeliveryRecordsNoRecipient() throws Exception {
        ReportRun run = optInList();
        Delivery delivery = recordOne(run, "nobody@northern.example", DeliveryMode.ATTACHMENT);
        startScripted(Script.REJECT_RECIPIENT);

        sender.sendDue();

        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(recipients.of(run.id())).isEmpty();
    }
}
