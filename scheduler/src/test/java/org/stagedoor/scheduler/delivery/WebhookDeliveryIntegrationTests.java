package org.stagedoor.scheduler.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.destination.SignedLinks;
import org.stagedoor.scheduler.destination.WebhookRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries to a partner's web address through the outbox, against a real HTTP receiver that checks every
 * message's signature as partners are told to: a signed "file ready" message with a link and never the data,
 * a 500 tried again then failed in words, a silent receiver never told twice, and two nodes telling it once.
 */
class WebhookDeliveryIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    Destinations destinations;

    @Autowired
    SignedLinks links;

    @Autowired
    JsonMapper json;

    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void theWebAddressIsToldTheFileIsReadyWithASignedMessageAndALinkButNeverTheData() throws Exception {
        Destination hook = webhook();
        ReportRun run = optInList();
        Delivery delivery = recordTo(run, hook);

        sender.sendDue();

        Delivery sent = delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.messageId()).isEqualTo("answered 200");
        assertThat(sent.recipient()).isEqualTo("Web address " + receiver.url());
        assertThat(receiver.received()).singleElement().satisfies(message -> {
            assertThat(message.signatureValid()).isTrue();
            assertThat(message.delivery()).isEqualTo(String.valueOf(delivery.id()));
            // The opt-in list's customers are in the file only, never in the message.
            assertThat(message.body()).doesNotContain("ada@example.org", "Lovelace", "ben@example.org");
            JsonNode body = json.readTree(message.body());
            assertThat(body.get("event").asString()).isEqualTo("file-ready");
            assertThat(body.get("report").asString()).isEqualTo("Opted-in customers");
            assertThat(body.get("runId").asLong()).isEqualTo(run.id());
            assertThat(body.get("rows").asLong()).isEqualTo(run.rowCount());
            assertThat(body.get("partnerCompany").asString()).isEqualTo("Northern Lights Productions");
            assertThat(body.get("timestamp").asLong()).isEqualTo(message.timestamp());
            URI link = URI.create(body.get("download").get("url").asString());
            assertThat(link.getScheme() + "://" + link.getHost() + link.getPath())
                    .isEqualTo("https://portal.venue.example/deliveries/" + delivery.id() + "/file");
            Map<String, String> query = query(link);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(query.get("expires")));
            assertThat(body.get("download").get("expiresAt").asString()).isEqualTo(expires.toString());
            assertThat(expires).isBetween(Instant.now().plus(Duration.ofHours(71)), Instant.now().plusSeconds(
                    72 * 3600 + 5));
            assertThat(links.check(delivery.id(), expires.getEpochSecond(), query.get("signature")))
                    .isEqualTo(SignedLinks.Check.VALID);
            assertThat(links.check(delivery.id() + 1, expires.getEpochSecond(), query.get("signature")))
                    .isEqualTo(SignedLinks.Check.FORGED);
        });
        // The file was not received by the message: its link being followed is what the ledger records.
        assertThat(runRecipients.of(run.id())).isEmpty();
    }

    @Test
    void aMessageSignedWithAReplacedSecretIsRefusedByTheReceiverAndNotTriedAgain() {
        Destination hook = webhook();
        destinations.replaceSecret(1, hook.id());
        Delivery delivery = recordTo(eventSales(), hook);

        sender.sendDue();

        Delivery refused = delivery(delivery.id());
        assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.lastError()).isEqualTo("The web address " + receiver.url() + " answered 401"
                + " (Unauthorized), saying \"ok\": it refused the message, so it is not tried again");
    }

    @Test
    void aWebAddressAnswering500IsTriedAgainWithTheSameDeliveryThenFailsInWords() {
        Destination hook = webhook();
        receiver.answer(() -> 500);
        Delivery delivery = recordTo(eventSales(), hook);

        for (int attempt = 1; attempt <= 3; attempt++) {
            dueNow();
            assertThat(sender.sendDue()).isEqualTo(1);
        }

        Delivery failed = delivery(delivery.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("Gave up after 3 attempts. Last: The web address " + receiver.url()
                + " answered 500 (Internal Server Error), saying \"Database unavailable\"");
        assertThat(receiver.received()).hasSize(3).allSatisfy(message -> {
            assertThat(message.signatureValid()).isTrue();
            assertThat(message.delivery()).isEqualTo(String.valueOf(delivery.id()));
        });
        assertThat(notices()).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo("Stagedoor: a report could not be sent to Web address "
                    + receiver.url());
            assertThat(notice.noticeText()).startsWith("Stagedoor could not send this report and will not try"
                    + " again by itself.");
        });
    }

    @Test
    void aWebAddressNotAnsweringIsTriedAgainThenFailsInWords() {
        Destination hook = webhook();
        String url = receiver.url();
        receiver.close();
        Delivery delivery = recordTo(eventSales(), hook);

        for (int attempt = 1; attempt <= 3; attempt++) {
            dueNow();
            sender.sendDue();
        }

        Delivery failed = delivery(delivery.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).startsWith("Gave up after 3 attempts. Last: Could not reach " + url + ": ")
                .contains("the connection was refused");
    }

    @Test
    void aMessageThatWentOutWithoutAnAnswerIsNeverSentAgainByItself() {
        Destination hook = webhook();
        receiver.silent();
        Delivery delivery = recordTo(eventSales(), hook);

        sender.sendDue();
        dueNow();
        sender.sendDue();

        Delivery unknown = delivery(delivery.id());
        assertThat(unknown.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(unknown.lastError()).isEqualTo("The message went to " + receiver.url() + " but no answer came"
                + " back (request timed out); it may or may not have arrived, so it is not sent again by itself");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aDeliveryANodeDiedWhileSendingIsNotKnownAndNeverSentAgainByItself() {
        Destination hook = webhook();
        Delivery delivery = recordTo(eventSales(), hook);
        // A node claimed it and stopped mid-send, longer ago than the stale limit (2 minutes here).
        assertThat(store.claimDue("dead-node", 20)).hasSize(1);
        jdbc.sql("update delivery set claimed_at = now() - interval '3 minutes' where id = :id")
                .param("id", delivery.id()).update();

        sender.sendDue();
        dueNow();
        sender.sendDue();

        Delivery unknown = delivery(delivery.id());
        assertThat(unknown.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(unknown.lastError()).contains("Claimed by dead-node", "whether it went out is unknown");
        assertThat(receiver.received()).isEmpty();
        assertThat(notices()).singleElement().satisfies(notice -> assertThat(notice.subject())
                .isEqualTo("Stagedoor: a report may not have reached Web address " + receiver.url()));
    }

    @Test
    void twoNodesSendingAtOnceTellTheWebAddressOfEachDeliveryOnce() {
        ReportRun run = eventSales();
        // Twelve web addresses of the company (all answered here) receive the schedule.
        List<Destination> hooks = IntStream.range(0, 12).mapToObj(i -> webhook()).toList();
        long schedule = schedule();
        assertThat(outbox.recordScheduledRunToDestinations(run, schedule, DUE, "Weekly sales", hooks)).isEqualTo(12);
        // Recording the same fire again, as a recovered fire on another node does, adds nothing.
        assertThat(outbox.recordScheduledRunToDestinations(run, schedule, DUE, "Weekly sales", hooks)).isZero();
        List<Long> ids = reports().stream().map(Delivery::id).toList();
        DeliverySender second = sender(secondNodeSettings());

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(sender::sendDue);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(second::sendDue);

        assertThat(one.join() + two.join()).isEqualTo(12);
        assertThat(reports()).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::delivery)
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
    }

    private Destination webhook() {
        Destinations.Issued issued = destinations.addWebhook(1, new WebhookRequest("Northern's box office",
                receiver.url()), "tests");
        receiver.secret(issued.secret());
        return issued.destination();
    }


    private static Map<String, String> query(URI link) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts[1]);
        }
        return query;
    }
}
