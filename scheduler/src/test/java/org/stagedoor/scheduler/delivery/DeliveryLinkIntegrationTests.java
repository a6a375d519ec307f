package org.stagedoor.scheduler.delivery;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;

import static org.assertj.core.api.Assertions.assertThat;

/** Files sent as links: when asked for, and when too large to attach (here anything over 1 KB). */
@TestPropertySource(properties = "stagedoor.delivery.max-attachment-size=1KB")
class DeliveryLinkIntegrationTests extends DeliveryIntegrationTest {

    @Test
    void aFileLargerThanTheAttachmentLimitIsSentAsALinkAndTheMailSaysWhy() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = eventSales();
        assertThat(run.fileSize()).isGreaterThan(1024);
        recordOne(run, "one@northern.example", DeliveryMode.ATTACHMENT);

        sender.sendDue();

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(Mails.attachments(message)).isEmpty();
        String link = "https://portal.venue.example/runs/" + run.id() + "/file";
        assertThat(Mails.body(message, "text/plain")).contains(link, "is larger than the 1.0 KB a mail may carry",
                "Available until ");
        assertThat(Mails.body(message, "text/html")).contains("href=\"" + link + "\"", "is larger than the 1.0 KB");
        assertThat(reports()).singleElement().extracting(Delivery::status).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aLinkDeliveryOfASmallFileIsALinkWithoutExcuses() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = optInList();
        assertThat(run.fileSize()).isLessThan(1024);
        recordOne(run, "one@northern.example", DeliveryMode.LINK);

        sender.sendDue();

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(Mails.attachments(message)).isEmpty();
        assertThat(Mails.body(message, "text/plain")).contains("/runs/" + run.id() + "/file")
                .doesNotContain("larger than")
                .contains("personal data");
    }

    @Test
    void aSmallCsvIsAttachedAsCsv() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = optInList();
        recordOne(run, "one@northern.example", DeliveryMode.ATTACHMENT);

        sender.sendDue();

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(Mails.attachments(message)).singleElement().satisfies(file -> {
            assertThat(file.getFileName()).isEqualTo(run.fileName()).endsWith(".csv");
            assertThat(file.getContentType()).startsWith("text/csv");
            assertThat(Mails.sha256(file.getInputStream())).isEqualTo(run.sha256());
        });
        assertThat(Mails.body(message, "text/plain")).doesNotContain("/runs/");
        assertThat(OutputFormat.CSV.contentType()).startsWith("text/csv");
    }
}
