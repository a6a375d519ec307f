package org.stagedoor.scheduler.delivery;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The dev mailbox on its own: its port, and messages opened with their bodies and attachments. */
@ExtendWith(OutputCaptureExtension.class)
class DevMailboxTests {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void twoMailboxesWithoutAPortSetEachTakeAFreeOneAndSayWhichInTheLog(CapturedOutput output) throws Exception {
        DevMailboxSettings settings = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("stagedoor.dev-mailbox", DevMailboxSettings.class);
        assertThat(settings.port()).isZero();

        DevMailbox first = new DevMailbox(settings.port());
        DevMailbox second = new DevMailbox(settings.port());
        try {
            assertThat(first.port()).isPositive().isNotEqualTo(second.port());
            for (DevMailbox mailbox : List.of(first, second)) {
                try (Socket socket = new Socket(mailbox.host(), mailbox.port())) {
                    assertThat(socket.isConnected()).isTrue();
                }
                assertThat(output.getAll()).contains("Dev mailbox: SMTP on localhost:" + mailbox.port()
                        + " (a free port, picked at start). No mail server is set (spring.mail.host), so mail goes"
                        + " there and nowhere else; read it in the console under Dev mailbox.");
            }
        }
        finally {
            first.destroy();
            second.destroy();
        }
    }

    @Test
    void aMessageIsOpenedWithItsBodiesAndItsAttachmentsAsSentAndKeepsItsNumber() throws Exception {
        DevMailbox mailbox = new DevMailbox(0);
        try {
            byte[] workbook = new byte[1024];
            for (int i = 0; i < workbook.length; i++) {
                workbook[i] = (byte) i;
            }
            send(mailbox, "marketing@venue.example", "Weekly sales", workbook);
            await().atMost(Duration.ofSeconds(5)).until(() -> mailbox.messages().size() == 1);
            send(mailbox, "another@venue.example", "Second", null);
            await().atMost(Duration.ofSeconds(5)).until(() -> mailbox.messages().size() == 2);

            assertThat(mailbox.messages()).extracting(DevMailbox.Message::number, DevMailbox.Message::subject)
                    .containsExactly(tuple(2, "Second"),
                            tuple(1, "Weekly sales"));
            DevMailbox.OpenedMessage opened = mailbox.open(1).orElseThrow();
            assertThat(opened.message().from()).isEqualTo("reports@stagedoor.local");
            assertThat(opened.message().recipients()).containsExactly("marketing@venue.example");
            assertThat(opened.message().attachmentNames()).containsExactly("Ventes été.xlsx");
            assertThat(opened.html()).isEqualTo("<p>Open <a href=\"https://portal.example/runs/7/file\">the file</a></p>");
            assertThat(opened.text()).isEqualTo("Open the file: https://portal.example/runs/7/file\r\n");
            DevMailbox.Attachment attachment = opened.attachment(1).orElseThrow();
            assertThat(attachment.name()).isEqualTo("Ventes été.xlsx");
            assertThat(attachment.contentType()).isEqualTo(XLSX);
            assertThat(attachment.content()).isEqualTo(workbook);
            assertThat(opened.attachment(2)).isEmpty();
            assertThat(mailbox.open(2).orElseThrow().attachments()).isEmpty();
            assertThat(mailbox.open(3)).isEmpty();
            assertThat(mailbox.open(0)).isEmpty();
        }
        finally {
            mailbox.destroy();
        }
    }

    private static void send(DevMailbox mailbox, String to, String subject, byte[] attachment) throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(mailbox.host());
        sender.setPort(mailbox.port());
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom("reports@stagedoor.local");
        helper.setTo(to);
        helper.setSubject(subject);
        helper.setText("Open the file: https://portal.example/runs/7/file\n",
                "<p>Open <a href=\"https://portal.example/runs/7/file\">the file</a></p>");
        if (attachment != null) {
            helper.addAttachment("Ventes été.xlsx", new ByteArrayResource(attachment), XLSX);
        }
        sender.send(message);
    }
}
