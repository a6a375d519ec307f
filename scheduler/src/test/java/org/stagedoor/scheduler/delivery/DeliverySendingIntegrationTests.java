package org.stagedoor.scheduler.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Report deliveries through a working mail server (GreenMail), and what happens around them. */
class DeliverySendingIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JavaMailSender mailSender;

    @Test
    void aRecordedDeliveryOfAnXlsxRunArrivesWithTheRunsFileAttachedAndIsSent() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = eventSales();
        long partnerUser = partnerUser("ada@northern.example");
        long schedule = schedule();

        int recorded = outbox.recordScheduledRun(run, schedule, DUE, "Event sales, week of 5 Oct",
                DeliveryMode.ATTACHMENT, List.of(new Recipient("ada@northern.example", partnerUser),
                        Recipient.address("marketing@venue.example")));

        assertThat(recorded).isEqualTo(2);
        assertThat(reports()).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.partnerKey()).isEqualTo(1L);
            assertThat(delivery.scheduleId()).isEqualTo(schedule);
            assertThat(delivery.dueAt()).isEqualTo(DUE);
        });
        assertThat(reports()).extracting(Delivery::partnerUserId).containsExactly(partnerUser, null);

        assertThat(sender.sendDue()).isEqualTo(2);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(message -> {
            try {
                return Mails.recipient(message);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        })).containsExactlyInAnyOrder("ada@northern.example", "marketing@venue.example");
        for (MimeMessage message : received) {
            assertThat(message.getSubject()).isEqualTo("Event sales, week of 5 Oct");
            assertThat(message.getFrom()[0].toString()).isEqualTo("reports@venue.example");
            assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            String plain = Mails.body(message, "text/plain");
            String html = Mails.body(message, "text/html");
            assertThat(plain).contains("Event sales for Northern Lights Productions", "Period: 5–11 Oct 2026",
                    "Rows: 2", "Generated at: ", "(Europe/London)", "The report is attached: " + run.fileName());
            assertThat(html).contains("<html>", "Northern Lights Productions", "5–11 Oct 2026", run.fileName());
            assertThat(plain).doesNotContain("/runs/");

            List<Part> attachments = Mails.attachments(message);
            assertThat(attachments).hasSize(1);
            Part file = attachments.get(0);
            assertThat(file.getFileName()).isEqualTo(run.fileName());
            assertThat(file.getContentType()).startsWith(OutputFormat.XLSX.contentType());
            assertThat(Mails.sha256(file.getInputStream())).isEqualTo(run.sha256());
        }
        assertThat(reports()).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(delivery.sentAt()).isNotNull();
            assertThat(delivery.attempts()).isEqualTo(1);
            assertThat(delivery.lastError()).isNull();
        });
        assertThat(reports()).extracting(Delivery::messageId).containsExactlyInAnyOrder(
                received[0].getMessageID(), received[1].getMessageID());
        assertThat(sender.sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void namesFromTheDataAreEscapedInTheHtmlPart() throws Exception {
        GreenMail smtp = startGreenMail();
        jdbc.sql("update partner_company set name = 'Northern <b>Lights</b> & Co' where id = 1").update();
        recordOne(eventSales(), "ada@northern.example", DeliveryMode.ATTACHMENT);

        sender.sendDue();

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(Mails.body(message, "text/html")).contains("Northern &lt;b&gt;Lights&lt;/b&gt; &amp; Co")
                .doesNotContain("<b>Lights");
        assertThat(Mails.body(message, "text/plain")).contains("Northern <b>Lights</b> & Co");
    }

    @Test
    void recordingTheSameRunAgainAfterARecoveryAddsNothingAndEachRecipientGetsOneMail() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = eventSales();
        long schedule = schedule();
        List<Recipient> recipients = List.of(Recipient.address("one@northern.example"),
                Recipient.address("two@northern.example"));

        assertThat(outbox.recordScheduledRun(run, schedule, DUE, "Event sales", DeliveryMode.ATTACHMENT, recipients))
                .isEqualTo(2);
        // The fire recovered on another node records the same run's deliveries again, addresses cased differently.
        assertThat(outbox.recordScheduledRun(run, schedule, DUE, "Event sales", DeliveryMode.ATTACHMENT,
                List.of(Recipient.address("ONE@northern.example"), Recipient.address("two@northern.example"))))
                .isZero();
        assertThat(reports()).hasSize(2);

        assertThat(sender.sendDue()).isEqualTo(2);
        assertThat(outbox.recordScheduledRun(run, schedule, DUE, "Event sales", DeliveryMode.ATTACHMENT, recipients))
                .isZero();
        assertThat(sender.sendDue()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(reports()).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
    }

    @Test
    void aRunThatDidNotCompleteIsNotRecorded() {
        ReportRun run = eventSales();
        ReportRun failed = new ReportRun(run.id(), run.reportId(), run.partnerCompanyId(), run.requestedBy(),
                run.parametersGiven(), run.parametersResolved(), run.format(),
                org.stagedoor.batch.run.RunStatus.FAILED, run.cutoffAt(), run.createdAt(), run.startedAt(),
                run.finishedAt(), run.jobExecutionId(), null, null, null, null, null, null, null, "broken", null);

        assertThatThrownBy(() -> outbox.recordScheduledRun(failed, schedule(), DUE, "Event sales",
                DeliveryMode.ATTACHMENT, List.of(Recipient.address("one@northern.example"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAILED");
        assertThat(reports()).isEmpty();
    }

    @Test
    void withTheMailServerDownNothingIsLostAndEachMailArrivesOnceWhenItIsBack() throws Exception {
        // Nothing listens on the port: connections are refused.
        ReportRun run = eventSales();
        outbox.recordScheduledRun(run, schedule(), DUE, "Event sales", DeliveryMode.ATTACHMENT,
                List.of(Recipient.address("one@northern.example"), Recipient.address("two@northern.example"),
                        Recipient.address("three@northern.example")));
        Instant before = Instant.now();

        assertThat(sender.sendDue()).isEqualTo(3);

        assertThat(reports()).hasSize(3).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.attempts()).isEqualTo(1);
            assertThat(delivery.nextAttemptAt()).isAfter(before);
            assertThat(delivery.lastError()).contains("Connection refused");
        });
        // Not due yet: the next pass leaves them alone.
        assertThat(sender.sendDue()).isZero();

        GreenMail smtp = startGreenMail();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> sender.sendDue() == 0 && reports().stream()
                        .allMatch(delivery -> delivery.status() == DeliveryStatus.SENT));

        assertThat(smtp.getReceivedMessages()).hasSize(3);
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            recipients.add(Mails.recipient(message));
        }
        assertThat(recipients).containsExactlyInAnyOrder("one@northern.example", "two@northern.example",
                "three@northern.example");
        assertThat(reports()).extracting(Delivery::attempts).containsOnly(2);
        assertThat(notices()).isEmpty();
    }

    @Test
    void aDeliveryThatKeepsFailingToConnectFailsAfterTheMaximumAttemptsAndTellsTheAdministrators() {
        Delivery delivery = recordOne(eventSales(), "one@northern.example", DeliveryMode.ATTACHMENT);

        // max-attempts is 3 in these tests; the back-off is at most 2s.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            sender.sendDue();
            return delivery(delivery.id()).status() != DeliveryStatus.PENDING;
        });

        Delivery failed = delivery(delivery.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).startsWith("Gave up after 3 attempts").contains("Connection refused");
        assertThat(notices()).singleElement().satisfies(notice -> {
            assertThat(notice.recipient()).isEqualTo(ADMIN);
            assertThat(notice.noticeKey()).isEqualTo("delivery:" + delivery.id());
            assertThat(notice.noticeText()).contains("one@northern.example", "Gave up after 3 attempts");
        });
    }

    @Test
    void aDeliveryLeftSendingByADeadNodeBecomesUnknownAndIsNotSent() throws Exception {
        GreenMail smtp = startGreenMail();
        Delivery delivery = recordOne(eventSales(), "one@northern.example", DeliveryMode.ATTACHMENT);
        jdbc.sql("""
                update delivery set status = 'SENDING', claimed_by = 'node-that-died', claimed_at = :longAgo
                 where id = :id
                """).param("id", delivery.id())
                .param("longAgo", Timestamp.from(Instant.now().minus(Duration.ofHours(1)))).update();

        sender.sendDue();

        Delivery unknown = delivery(delivery.id());
        assertThat(unknown.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(unknown.lastError()).contains("node-that-died", "not finished within 2m");
        // Only the administrators' notice went out, in the same pass; the report was not sent.
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(message -> assertThat(Mails.recipient(message)).isEqualTo(ADMIN));
        assertThat(sender.sendDue()).isZero();
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.UNKNOWN);
    }

    @Test
    void aDeliverySendingForLessThanTheStaleLimitIsLeftToItsNode() {
        Delivery delivery = recordOne(eventSales(), "one@northern.example", DeliveryMode.ATTACHMENT);
        jdbc.sql("""
                update delivery set status = 'SENDING', claimed_by = 'busy-node',
                                    claimed_at = now() - interval '1 minute'
                 where id = :id
                """).param("id", delivery.id()).update();

        assertThat(sender.sendDue()).isZero();

        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(notices()).isEmpty();
    }

    @Test
    void aRunWhoseFileIsGoneFailsWithAClearErrorAndTellsTheAdministrators() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = eventSales();
        Delivery delivery = recordOne(run, "one@northern.example", DeliveryMode.ATTACHMENT);
        Files.delete(Path.of(run.location()));

        sender.sendDue();

        Delivery failed = delivery(delivery.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isZero();
        assertThat(failed.lastError()).contains("The file of run " + run.id(), "is missing");
        assertThat(notices()).singleElement().satisfies(notice -> assertThat(notice.noticeText())
                .contains("is missing"));
        // The notice was sent in the next pass; no report mail without its file.
        sender.sendDue();
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(message -> assertThat(Mails.recipient(message)).isEqualTo(ADMIN));
    }

    @Test
    void aRunWhoseFileExpiredFailsAndSaysSo() {
        startGreenMail();
        ReportRun run = eventSales();
        Delivery delivery = recordOne(run, "one@northern.example", DeliveryMode.LINK);
        jdbc.sql("update report_run set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", run.id()).update();

        sender.sendDue();

        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery(delivery.id()).lastError()).contains("The file of run " + run.id() + " expired at");
        assertThat(notices()).hasSize(1);
    }

    @Test
    void retryPutsAFailedDeliveryBackAndItIsThenSent() throws Exception {
        ReportRun run = eventSales();
        Delivery delivery = recordOne(run, "one@northern.example", DeliveryMode.ATTACHMENT);
        jdbc.sql("update report_run set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", run.id()).update();
        sender.sendDue();
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        jdbc.sql("update report_run set expires_at = now() + interval '1 day' where id = :id")
                .param("id", run.id()).update();

        Delivery retried = deliveries.retry(delivery.id());

        assertThat(retried.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(retried.attempts()).isZero();
        GreenMail smtp = startGreenMail();
        sender.sendDue();
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Mails.recipient(message).equals("one@northern.example");
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        })).hasSize(1);
    }

    @Test
    void retryRefusesASentDeliveryAndOneThatDoesNotExist() {
        startGreenMail();
        Delivery delivery = recordOne(eventSales(), "one@northern.example", DeliveryMode.ATTACHMENT);
        sender.sendDue();

        assertThatThrownBy(() -> deliveries.retry(delivery.id())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("delivery " + delivery.id() + " is sent")
                .hasMessageContaining("only a delivery that failed, or whose outcome is not known, can be sent again");
        assertThatThrownBy(() -> deliveries.retry(delivery.id() + 1000)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no delivery with id");
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void twoSendersAtOnceSendEachOfFiftyDeliveriesExactlyOnce() throws Exception {
        GreenMail smtp = startGreenMail();
        ReportRun run = optInList();
        List<Recipient> recipients = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> Recipient.address("reader" + i + "@northern.example")).toList();
        assertThat(outbox.recordScheduledRun(run, schedule(), DUE, "Opted-in customers", DeliveryMode.ATTACHMENT,
                recipients)).isEqualTo(50);

        Callable<Integer> drain = () -> {
            int claimed = 0;
            for (int handled = sender.sendDue(); handled > 0; handled = sender.sendDue()) {
                claimed += handled;
            }
            return claimed;
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(drain);
            Future<Integer> second = threads.submit(drain);
            assertThat(first.get() + second.get()).isEqualTo(50);
        }
        finally {
            threads.shutdownNow();
        }

        List<String> received = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            received.add(Mails.recipient(message));
        }
        assertThat(received).hasSize(50).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(recipients.stream().map(Recipient::email).toList());
        assertThat(reports()).hasSize(50).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
    }

    @Test
    void aSenderThatIsStoppingGivesItsClaimedBatchBackUnsent() {
        GreenMail smtp = startGreenMail();
        outbox.recordScheduledRun(eventSales(), schedule(), DUE, "Event sales", DeliveryMode.ATTACHMENT,
                List.of(Recipient.address("one@northern.example"), Recipient.address("two@northern.example")));

        assertThat(sender.sendDue(() -> true)).isEqualTo(2);

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(reports()).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.attempts()).isZero();
        });
        assertThat(sender.sendDue()).isEqualTo(2);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void recentListsTheNewestFirstAndFiltersByStatus() {
        startGreenMail();
        ReportRun run = eventSales();
        Delivery first = recordOne(run, "one@northern.example", DeliveryMode.ATTACHMENT);
        sender.sendDue();
        Delivery second = recordOne(run, "two@northern.example", DeliveryMode.ATTACHMENT);

        assertThat(deliveries.recent(null, 10)).extracting(Delivery::id).containsExactly(second.id(), first.id());
        assertThat(deliveries.recent(DeliveryStatus.PENDING, 10)).extracting(Delivery::id).containsExactly(second.id());
        assertThat(deliveries.recent(DeliveryStatus.SENT, 10)).extracting(Delivery::id).containsExactly(first.id());
        assertThat(deliveries.ofRun(run.id())).extracting(Delivery::id).containsExactly(first.id(), second.id());
    }

    @Test
    void aNoticeGoesToEveryAdministratorOncePerKey() throws Exception {
        GreenMail smtp = startGreenMail();

        assertThat(outbox.noticeAdministrators("run:7", "Stagedoor: run 7 failed", "Run 7 failed: <disk full>"))
                .isEqualTo(1);
        assertThat(outbox.noticeAdministrators("run:7", "Stagedoor: run 7 failed", "Run 7 failed again")).isZero();
        sender.sendDue();

        MimeMessage notice = smtp.getReceivedMessages()[0];
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(notice.getSubject()).isEqualTo("Stagedoor: run 7 failed");
        assertThat(((String) notice.getContent()).strip()).isEqualTo("Run 7 failed: <disk full>");
        assertThat(notices()).singleElement().extracting(Delivery::status).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void theConfiguredMailServerIsUsedWithTimeoutsAndNoDevMailboxStarts() {
        assertThat(context.getBeanProvider(DevMailbox.class).getIfAvailable()).isNull();
        JavaMailSenderImpl impl = (JavaMailSenderImpl) mailSender;
        assertThat(impl.getHost()).isEqualTo("127.0.0.1");
        assertThat(impl.getPort()).isEqualTo(SMTP_PORT);
        assertThat(impl.getJavaMailProperties())
                .containsEntry("mail.smtp.connectiontimeout", "2000")
                .containsEntry("mail.smtp.timeout", "2000")
                // spring.mail.properties wins over the outbox's setting.
                .containsEntry("mail.smtp.writetimeout", "4321");
    }
}
