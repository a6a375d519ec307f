package org.stagedoor.scheduler.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.scheduler.delivery.ScriptedSmtpServer.Script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's mail server outages: the mail server goes away while two nodes' background senders are working
 * through a queue of deliveries, and comes back; and a server that takes connections and never answers. What must
 * hold is the outbox's promise: nothing lost, nothing sent twice, no thread held.
 */
class DeliveryOutageIntegrationTests extends DeliveryIntegrationTest {

    private static final int DELIVERIES = 60;

    private final List<DeliveryPoller> senders = new ArrayList<>();

    private final List<AutoCloseable> running = new ArrayList<>();

    private GreenMail smtp;

    private MailServerSwitch mailSwitch;

    /**
     * An outage must not exhaust the attempts (the base allows 3): here a delivery keeps being retried, a second
     * apart at most, and the background senders poll often, so that the outage shows within seconds.
     */
    @DynamicPropertySource
    static void patientSender(DynamicPropertyRegistry registry) {
        registry.add("stagedoor.delivery.max-attempts", () -> 1000);
        registry.add("stagedoor.delivery.backoff-initial", () -> "200ms");
        registry.add("stagedoor.delivery.backoff-max", () -> "1s");
        registry.add("stagedoor.delivery.poll-interval", () -> "100ms");
    }

    @AfterEach
    void stopEverything() throws Exception {
        // Senders first, then what they talk to.
        stopSenders();
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    /** Stops the background senders; the pass under way ends first. */
    private void stopSenders() {
        senders.forEach(DeliveryPoller::stop);
        senders.clear();
    }

    @Test
    void anOutageDuringDeliveriesLosesNoMailAndSendsNoneTwice() throws Exception {
        startSwitchedMailServer();
        List<String> addresses = queue(DELIVERIES);
        startBackgroundSenders();

        // Under way: some went out, more are waiting.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> smtp.getReceivedMessages().length >= 10);
        mailSwitch.off();
        int receivedBeforeOutage = smtp.getReceivedMessages().length;
        assertThat(receivedBeforeOutage).as("the outage must begin with work left").isLessThan(DELIVERIES);

        // Down: attempts fail on a refused connection and are put back for later, not failed, not lost.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> reports().stream().anyMatch(delivery -> delivery.status() == DeliveryStatus.PENDING
                        && delivery.attempts() >= 2 && delivery.lastError().contains("Connection refused")));
        Thread.sleep(2000);
        // Messages on connections made before the switch went off may have finished; nothing new got through.
        int receivedDuringOutage = smtp.getReceivedMessages().length;
        assertThat(reports()).extracting(Delivery::status)
                .doesNotContain(DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN);

        mailSwitch.on();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> reports().stream().allMatch(delivery -> delivery.status() == DeliveryStatus.SENT));
        stopSenders();

        List<Delivery> sent = reports();
        assertThat(sent).hasSize(DELIVERIES);
        assertThat(sent).filteredOn(delivery -> delivery.attempts() > 1).isNotEmpty();
        assertThat(smtp.getReceivedMessages().length).isGreaterThan(receivedDuringOutage);
        assertExactlyOneMailPerDelivery(sent, addresses);
        assertThat(notices()).isEmpty();
    }

    @Test
    void aCrashThatCutsMailsMidConversationNeverSendsOneTwiceAndAccountsForEveryOne() throws Exception {
        startSwitchedMailServer();
        List<String> addresses = queue(DELIVERIES);
        startBackgroundSenders();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> smtp.getReceivedMessages().length >= 10);
        // Cut whatever is under way: a message cut before its final "." was not taken and is sent again; one cut
        // after it may have been taken and is UNKNOWN (the administrators are told), never sent again.
        mailSwitch.offHard();
        Thread.sleep(2000);
        mailSwitch.on();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> reports().stream().allMatch(delivery -> delivery.status() == DeliveryStatus.SENT
                        || delivery.status() == DeliveryStatus.UNKNOWN));
        stopSenders();

        Map<String, Long> mailsPerRecipient = receivedReports().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(mailsPerRecipient.values()).as("no report mail arrived twice").containsOnly(1L);
        List<Delivery> reports = reports();
        assertThat(reports).hasSize(DELIVERIES);
        for (Delivery delivery : reports) {
            if (delivery.status() == DeliveryStatus.SENT) {
                assertThat(mailsPerRecipient).containsEntry(delivery.recipient(), 1L);
            }
            else {
                assertThat(delivery.lastError()).contains("may or may not have been delivered");
            }
        }
        assertThat(mailsPerRecipient.keySet()).isSubsetOf(addresses);
        List<Long> unknown = reports.stream().filter(delivery -> delivery.status() == DeliveryStatus.UNKNOWN)
                .map(Delivery::id).toList();
        assertThat(notices()).extracting(Delivery::noticeKey)
                .containsExactlyInAnyOrderElementsOf(unknown.stream().map(id -> "delivery:" + id).toList());
    }

    @Test
    void aServerThatTakesConnectionsAndNeverAnswersHoldsAPassForOneTimeoutNotOnePerMessage() throws Exception {
        // A full batch (20) claimed at once, sent to a black hole: the first message waits out the 2s read timeout;
        // the rest of the batch is put back without trying, rather than each waiting 2s in turn.
        queue(settings.batchSize());
        ScriptedSmtpServer blackHole = startScripted(Script.SILENT);

        long started = System.nanoTime();
        int claimed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sender.sendDue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(claimed).isEqualTo(settings.batchSize());
        assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
        assertThat(blackHole.connections()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> blackHole.hangUps() == 1);
        assertThat(reports()).hasSize(settings.batchSize()).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.attempts()).isEqualTo(1);
        });
        assertThat(notices()).isEmpty();
    }

    @Test
    void aBackgroundSenderStuckOnABlackHoleIsFreeAgainAndDeliversOnceAServerAnswers() throws Exception {
        List<String> addresses = queue(5);
        ScriptedSmtpServer blackHole = ScriptedSmtpServer.start(SMTP_PORT, Script.SILENT);
        running.add(blackHole);
        startBackgroundSenders();

        // The background senders keep meeting silence; each conversation ends at the read timeout (hung up by us).
        await().atMost(Duration.ofSeconds(30)).until(() -> blackHole.hangUps() >= 4);
        assertThat(blackHole.connections() - blackHole.hangUps()).as("conversations still open").isLessThanOrEqualTo(2);
        // Nothing sent nor given up: each is waiting, or in the hands of a sender meeting silence right now.
        assertThat(reports()).extracting(Delivery::status).isSubsetOf(DeliveryStatus.PENDING, DeliveryStatus.SENDING);

        blackHole.close();
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        running.add(smtp::stop);
        // The same threads, no longer held, send everything: each once.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> reports().stream().allMatch(delivery -> delivery.status() == DeliveryStatus.SENT));
        assertExactlyOneMailPerDelivery(reports(), addresses);
    }

    /** GreenMail on a port of its own, reached through the switch on the application's mail port. */
    private void startSwitchedMailServer() throws Exception {
        smtp = new GreenMail(new ServerSetup(Mails.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        running.add(smtp::stop);
        mailSwitch = MailServerSwitch.start(SMTP_PORT, smtp.getSmtp().getPort());
        running.add(mailSwitch);
    }

    /** Queues one delivery of a small run to each of {@code count} addresses; returns them. */
    private List<String> queue(int count) {
        ReportRun run = optInList();
        List<String> addresses = IntStream.rangeClosed(1, count).mapToObj(i -> "reader" + i + "@northern.example")
                .toList();
        assertThat(outbox.recordScheduledRun(run, schedule(), DUE, "Opted-in customers", DeliveryMode.ATTACHMENT,
                addresses.stream().map(Recipient::address).toList())).isEqualTo(count);
        return addresses;
    }

    /** Two nodes' background senders, as production runs them: this context's sender and a second node's. */
    private void startBackgroundSenders() {
        DeliverySettings second = secondNodeSettings();
        DeliverySender secondSender = sender(second);
        for (DeliveryPoller poller : List.of(new DeliveryPoller(sender, settings),
                new DeliveryPoller(secondSender, second))) {
            poller.start();
            senders.add(poller);
        }
    }

    private List<String> receivedReports() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (!Mails.recipient(message).equals(ADMIN)) {
                recipients.add(Mails.recipient(message));
            }
        }
        return recipients;
    }

    /** Every delivery SENT and received exactly once, under the Message-ID it recorded. */
    private void assertExactlyOneMailPerDelivery(List<Delivery> deliveries, List<String> addresses) throws Exception {
        assertThat(deliveries).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(addresses.size());
        List<String> recipients = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (MimeMessage message : received) {
            recipients.add(Mails.recipient(message));
            messageIds.add(message.getMessageID());
        }
        assertThat(recipients).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(messageIds).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(deliveries.stream().map(Delivery::messageId).toList());
    }
}
