package org.stagedoor.scheduler.delivery;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Runs outside any schedule, delivered to the one person who asked to be told when they are ready. */
class DeliveryOnDemandIntegrationTests extends DeliveryIntegrationTest {

    @Test
    void anOnDemandRunIsRecordedOncePerRecipientWithoutAFireAndSentLikeAnyReport() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = eventSales();
        long user = partnerUser("asker@northern.example");

        assertThat(outbox.recordOnDemandRun(run, "Event sales\r\nis ready", DeliveryMode.ATTACHMENT,
                new Recipient("asker@northern.example", user))).isTrue();
        // The same run to the same address again (an event handled twice, another node): nothing new.
        assertThat(outbox.recordOnDemandRun(run, "Event sales is ready", DeliveryMode.LINK,
                new Recipient("Asker@Northern.example", user))).isFalse();

        assertThat(reports()).singleElement().satisfies(delivery -> {
            assertThat(delivery.runId()).isEqualTo(run.id());
            assertThat(delivery.scheduleId()).isNull();
            assertThat(delivery.dueAt()).isNull();
            assertThat(delivery.partnerKey()).isNull();
            assertThat(delivery.recipient()).isEqualTo("asker@northern.example");
            assertThat(delivery.partnerUserId()).isEqualTo(user);
            assertThat(delivery.mode()).isEqualTo(DeliveryMode.ATTACHMENT);
            assertThat(delivery.subject()).isEqualTo("Event sales is ready");
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        });

        assertThat(sender.sendDue()).isEqualTo(1);

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("asker@northern.example");
        assertThat(message.getSubject()).isEqualTo("Event sales is ready");
        assertThat(Mails.attachments(message)).singleElement()
                .satisfies(file -> assertThat(Mails.sha256(file.getInputStream())).isEqualTo(run.sha256()));
        assertThat(reports()).singleElement().extracting(Delivery::status).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aRunThatHasNotCompletedHasNothingToDeliver() {
        ReportRun queued = launcher.record(new RunRequest("partner-event-sales", 1L,
                Map.of("period", "2026-10-05..2026-10-11"), OutputFormat.CSV, "tests"));

        assertThatIllegalArgumentException().isThrownBy(() -> outbox.recordOnDemandRun(queued, "Event sales",
                DeliveryMode.ATTACHMENT, Recipient.address("asker@northern.example")))
                .withMessageContaining("QUEUED");
        assertThat(reports()).isEmpty();
    }
}
