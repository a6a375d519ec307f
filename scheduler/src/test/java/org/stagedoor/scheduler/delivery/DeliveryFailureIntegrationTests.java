package org.stagedoor.scheduler.delivery;

import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.stagedoor.scheduler.delivery.ScriptedSmtpServer.Script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Mail servers that refuse, stall or swallow a message, scripted on a real socket: each failure is classified by
 * whether the message may have been handed over, so that nothing is lost and nothing is sent twice.
 */
class DeliveryFailureIntegrationTests extends DeliveryIntegrationTest {

    /** The test's timeouts are 2s for connecting and for each reply; anything near this means a thread hung. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aPermanentRejectionFailsAtOnceAndTellsTheAdministratorsByMailOnceTheServerWorks() throws Exception {
        Delivery delivery = recordOne(eventSales(), "nobody@northern.example", DeliveryMode.ATTACHMENT);
        ScriptedSmtpServer rejecting = startScripted(Script.REJECT_RECIPIENT);

        sender.sendDue();

        Delivery failed = delivery(delivery.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("refused it for good",
                "550 5.1.1 <nobody@northern.example>: Recipient address rejected: no such user here",
                "RCPT TO:<nobody@northern.example>");
        assertThat(rejecting.messages()).isZero();
        assertThat(notices()).singleElement().satisfies(notice -> {
            assertThat(notice.recipient()).isEqualTo(ADMIN);
            assertThat(notice.noticeKey()).isEqualTo("delivery:" + delivery.id());
            assertThat(notice.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(notice.noticeText()).contains("nobody@northern.example", "550 5.1.1");
        });

        rejecting.close();
        GreenMail smtp = startGreenMail();
        assertThat(sender.sendDue()).isEqualTo(1);

        MimeMessage notice = smtp.getReceivedMessages()[0];
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(Mails.recipient(notice)).isEqualTo(ADMIN);
        assertThat(notice.getSubject()).isEqualTo("Stagedoor: a report could not be sent to nobody@northern.example");
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(notices()).singleElement().extracting(Delivery::status).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aTemporaryRejectionIsTriedAgainLater() throws Exception {
        Delivery delivery = recordOne(eventSales(), "busy@northern.example", DeliveryMode.ATTACHMENT);
        ScriptedSmtpServer deferring = startScripted(Script.DEFER_RECIPIENT);
        Instant before = Instant.now();

        sender.sendDue();

        Delivery deferred = delivery(delivery.id());
        assertThat(deferred.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(deferred.attempts()).isEqualTo(1);
        assertThat(deferred.nextAttemptAt()).isAfter(before);
        assertThat(deferred.lastError()).contains("refused it for now", "451 4.3.0");
        assertThat(notices()).isEmpty();

        deferring.close();
        GreenMail smtp = startGreenMail();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            sender.sendDue();
            return delivery(delivery.id()).status() == DeliveryStatus.SENT;
        });
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheDeliveryIsTriedAgainLater() throws Exception {
        Delivery delivery = recordOne(eventSales(), "one@northern.example", DeliveryMode.ATTACHMENT);
        ScriptedSmtpServer silent = startScripted(Script.SILENT);
        Instant before = Instant.now();

        long started = System.nanoTime();
        int claimed = assertTimeoutPreemptively(BOUND, () -> sender.sendDue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(claimed).isEqualTo(1);
        // The greeting never came: given up after the 2s read timeout.
        assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        assertThat(silent.connections()).isEqualTo(1);
        // The client closed its side: no connection (or thread) is left waiting on the server.
        await().atMost(Duration.ofSeconds(5)).until(() -> silent.hangUps() == 1);

        Delivery waiting = delivery(delivery.id());
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isAfter(before);
        assertThat(waiting.lastError()).contains("Could not get through to the mail server");
        assertThat(notices()).isEmpty();
    }

    @Test
    void aServerThatSwallowsTheMessageWithoutConfirmingLeavesItUnknownAndItIsNeverSentAgain() throws Exception {
        Delivery delivery = recordOne(eventSales(), "one@northern.example", DeliveryMode.ATTACHMENT);
        ScriptedSmtpServer swallowing = startScripted(Script.SWALLOW_DATA);

        assertTimeoutPreemptively(BOUND, () -> sender.sendDue());

        assertThat(swallowing.messages()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> swallowing.hangUps() == 1);
        Delivery unknown = delivery(delivery.id());
        assertThat(unknown.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(unknown.attempts()).isEqualTo(1);
        assertThat(unknown.lastError()).contains("confirmation never came", "may or may not have been delivered");
        assertThat(notices()).singleElement().satisfies(notice -> assertThat(notice.noticeText())
                .contains("cannot tell whether", "one@northern.example"));

        // Later passes, with a working server: the administrators hear of it; the report is not sent again.
        swallowing.close();
        GreenMail smtp = startGreenMail();
        sender.sendDue();
        assertThat(sender.sendDue()).isZero();

        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(message -> assertThat(Mails.recipient(message)).isEqualTo(ADMIN));
        assertThat(delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(swallowing.connections()).isEqualTo(1);
    }

    @Test
    void aNoticeThatCannotBeSentFailsWithoutANoticeAboutItself() throws Exception {
        outbox.noticeAdministrators("run:9", "Stagedoor: run 9 failed", "Run 9 failed.");
        startScripted(Script.REJECT_RECIPIENT);

        sender.sendDue();

        assertThat(notices()).singleElement().satisfies(notice -> {
            assertThat(notice.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(notice.lastError()).contains("550");
        });
        assertThat(sender.sendDue()).isZero();
    }
}
