package org.stagedoor.scheduler.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.metrics.OperationsMeters;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.scheduler.delivery.SendOutcome.Verdict;

/**
 * Sends what the outbox holds. A pass claims a batch of due PENDING rows (rows other nodes are claiming are skipped,
 * not waited for), commits the claim, and only then talks to the mail server (or a partner's SFTP server or web
 * address, for a delivery to one of its destinations), one message at a time, recording
 * each result in its own transaction. So several nodes send side by side without sending anything twice, and a
 * node that dies mid-send leaves SENDING rows behind, which a later pass declares UNKNOWN. A report mail the server
 * took makes its address one of the run's recipients (the manifest's record of who received the file).
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final DeliveryStore store;

    private final DeliveryMessages messages;

    private final DeliveryOutbox outbox;

    private final RunRecipients recipients;

    private final JavaMailSender mailSender;

    private final DeliverySettings settings;

    private final VenueProperties venue;

    private final TransactionTemplate transaction;

    private final String node;

    private final OperationsMeters meters;

    private final Channels channels;

    DeliverySender(DeliveryStore store, DeliveryMessages messages, DeliveryOutbox outbox, RunRecipients recipients,
            JavaMailSender mailSender, DeliverySettings settings, VenueProperties venue,
            PlatformTransactionManager transactions, OperationsMeters meters, Channels channels) {
        this.meters = meters;
        this.channels = channels;
        this.store = store;
        this.messages = messages;
        this.outbox = outbox;
        this.recipients = recipients;
        this.mailSender = mailSender;
        this.settings = settings;
        this.venue = venue;
        // Each step commits on its own, whatever the caller's transaction: the claim must be visible to every
        // node before the mail server is contacted, and each outcome as soon as it is known.
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.node = settings.nodeId().isBlank() ? defaultNodeId() : settings.nodeId();
    }

    /**
     * One pass: declares UNKNOWN what a dead node left SENDING, then claims up to a batch of due deliveries and
     * sends them. Returns how many deliveries it claimed (sent or not); 0 when nothing was due.
     */
    public int sendDue() {
        return sendDue(() -> false);
    }

    /** A pass that, once {@code stop} says so, sends no further message and gives the rest of its batch back. */
    int sendDue(BooleanSupplier stop) {
        recoverStale();
        List<Delivery> claimed = transaction.execute(status -> store.claimDue(node, settings.batchSize()));
        SendOutcome mailUnreachable = null;
        for (int i = 0; i < claimed.size(); i++) {
            if (stop.getAsBoolean()) {
                List<Delivery> rest = claimed.subList(i, claimed.size());
                transaction.executeWithoutResult(status -> rest.forEach(row -> store.release(row.id(), node)));
                log.info("Stopping: {} claimed deliveries given back unsent", rest.size());
                break;
            }
            Delivery delivery = claimed.get(i);
            if (mailUnreachable != null && delivery.destinationId() == null) {
                // The mail server cannot be reached now: rather than wait for each message's timeouts in turn, the
                // rest of the batch's mail counts this attempt as failed the same way. Destinations are each their
                // own server, and are still tried.
                record(delivery, mailUnreachable, null);
                continue;
            }
            SendOutcome outcome = send(delivery);
            if (outcome != null && outcome.verdict() == Verdict.UNREACHABLE) {
                mailUnreachable = new SendOutcome(Verdict.RETRY, "Not tried, as the mail server could not be"
                        + " reached just before (delivery " + delivery.id() + "): " + outcome.description());
            }
        }
        return claimed.size();
    }

    /** The name this node claims deliveries under. */
    String node() {
        return node;
    }

    private void recoverStale() {
        transaction.executeWithoutResult(status -> {
            for (Delivery stale : store.staleToUnknown(settings.staleSendingAfter())) {
                log.warn("Delivery {} to {} was left SENDING by {}; its fate is UNKNOWN", stale.id(), stale.recipient(),
                        stale.claimedBy());
                meters.delivery(DeliveryStatus.UNKNOWN.name());
                tellAdministrators(stale, DeliveryStatus.UNKNOWN, stale.attempts(), stale.lastError());
            }
        });
    }

    /** Sends one claimed delivery and records the outcome; null when the row was no longer this node's. */
    private SendOutcome send(Delivery delivery) {
        // Renewed, so that the time this row is SENDING counts from its own send, not from the batch's claim.
        if (!Boolean.TRUE.equals(transaction.execute(status -> store.renewClaim(delivery.id(), node)))) {
            log.warn("Delivery {} is no longer claimed by {}; not sending it", delivery.id(), node);
            return null;
        }
        TrackedMimeMessage message = null;
        ChannelResult handed = null;
        try {
            // A destination's channel talks to the partner's server here too: what it throws comes before that.
            if (delivery.destinationId() == null) {
                message = messages.compose(delivery);
            }
            else {
                handed = channels.send(delivery);
            }
        }
        catch (UndeliverableException ex) {
            end(delivery, DeliveryStatus.FAILED, false, ex.getMessage());
            return new SendOutcome(Verdict.REJECTED, ex.getMessage());
        }
        catch (DataAccessException ex) {
            // The store could not be read (for the run, say): nothing was sent, and the next attempt may do better.
            SendOutcome retry = new SendOutcome(Verdict.RETRY, "What to send could not be read: "
                    + SendOutcome.describe(ex));
            record(delivery, retry, null);
            return retry;
        }
        catch (MessagingException | RuntimeException ex) {
            String error = "The message could not be composed: " + SendOutcome.describe(ex);
            end(delivery, DeliveryStatus.FAILED, false, error);
            return new SendOutcome(Verdict.REJECTED, error);
        }
        if (handed != null) {
            // An upload is a file received; a web address's link is recorded when it is followed.
            RunRecipients.Kind kind = delivery.mode() == DeliveryMode.ATTACHMENT ? RunRecipients.Kind.SFTP : null;
            record(delivery, handed.outcome(), handed.reference(), kind, RunRecipients.How.UPLOAD);
            return handed.outcome();
        }
        SendOutcome outcome;
        try {
            mailSender.send(message);
            outcome = SendOutcome.sent();
        }
        catch (RuntimeException ex) {
            outcome = SendOutcome.classify(ex, message);
        }
        record(delivery, outcome, message);
        return outcome;
    }

    private void record(Delivery delivery, SendOutcome outcome, TrackedMimeMessage message) {
        record(delivery, outcome, message == null ? null : messageId(message), RunRecipients.Kind.EMAIL,
                message != null && message.carriesFile() ? RunRecipients.How.ATTACHMENT : RunRecipients.How.LINK);
    }

    /** Records an outcome; a report that went through makes {@code kind} (unless null) one of the run's recipients. */
    private void record(Delivery delivery, SendOutcome outcome, String messageId, RunRecipients.Kind kind,
            RunRecipients.How how) {
        switch (outcome.verdict()) {
            case SENT -> {
                if (!Boolean.TRUE.equals(transaction.execute(status -> {
                    // Recorded when the server took the mail, not when it was queued: a file never sent was not
                    // received. Even when the row was taken from this node meanwhile, the mail did go out.
                    if (delivery.kind() == DeliveryKind.REPORT && kind != null) {
                        recipients.record(delivery.runId(), kind, delivery.recipient(), how);
                    }
                    return store.sent(delivery.id(), node, messageId);
                }))) {
                    log.warn("Delivery {} was sent ({}) but its row had been taken from {}", delivery.id(), messageId,
                            node);
                }
                log.debug("Delivery {} to {} sent as {}", delivery.id(), delivery.recipient(), messageId);
                meters.delivery(DeliveryStatus.SENT.name());
            }
            case RETRY, UNREACHABLE -> {
                int attempts = delivery.attempts() + 1;
                if (attempts >= settings.maxAttempts()) {
                    end(delivery, DeliveryStatus.FAILED, true, "Gave up after " + attempts + " attempts. Last: "
                            + outcome.description());
                }
                else {
                    Duration wait = settings.backoffAfter(attempts);
                    transaction.executeWithoutResult(status -> store.retryLater(delivery.id(), node, wait,
                            outcome.description()));
                    log.info("Delivery {} to {} failed (attempt {}), trying again in {}: {}", delivery.id(),
                            delivery.recipient(), attempts, wait, outcome.description());
                    meters.delivery("retried");
                }
            }
            case REJECTED -> end(delivery, DeliveryStatus.FAILED, true, outcome.description());
            case UNKNOWN -> end(delivery, DeliveryStatus.UNKNOWN, true, outcome.description());
        }
    }

    /** Ends a delivery as FAILED or UNKNOWN and tells the administrators, in one transaction. */
    private void end(Delivery delivery, DeliveryStatus status, boolean attempted, String error) {
        log.warn("Delivery {} to {} is {}: {}", delivery.id(), delivery.recipient(), status, error);
        meters.delivery(status.name());
        transaction.executeWithoutResult(tx -> {
            if (store.finish(delivery.id(), node, status, attempted, error)) {
                tellAdministrators(delivery, status, delivery.attempts() + (attempted ? 1 : 0), error);
            }
        });
    }

    /**
     * A notice about a report delivery that failed or may not have arrived. Never about a notice: one that cannot
     * be sent would otherwise beget notices that cannot be sent either.
     */
    private void tellAdministrators(Delivery delivery, DeliveryStatus status, int attempts, String error) {
        if (delivery.kind() == DeliveryKind.NOTICE) {
            log.error("A notice to {} could not be sent ({}): {} — {}", delivery.recipient(), error,
                    delivery.subject(), delivery.noticeText());
            return;
        }
        boolean unknown = status == DeliveryStatus.UNKNOWN;
        String subject = "Stagedoor: " + (unknown ? "a report may not have reached " : "a report could not be sent to ")
                + delivery.recipient();
        String what = delivery.destinationId() == null ? "this report mail" : "this report";
        String reached = delivery.destinationId() == null ? "the mail server" : "the partner's server";
        StringBuilder text = new StringBuilder();
        text.append(unknown ? "Stagedoor cannot tell whether " + what + " reached " + reached + "."
                : "Stagedoor could not send " + what + " and will not try again by itself.").append("\n\n");
        text.append("Delivery: ").append(delivery.id()).append('\n');
        text.append("Recipient: ").append(delivery.recipient()).append('\n');
        text.append("Subject: ").append(delivery.subject()).append('\n');
        text.append("Run: ").append(delivery.runId()).append('\n');
        if (delivery.scheduleId() != null) {
            text.append("Schedule: ").append(delivery.scheduleId()).append(", due ")
                    .append(MailContent.when(delivery.dueAt(), venue.timeZone())).append('\n');
        }
        text.append("Attempts: ").append(attempts).append('\n');
        text.append("What happened: ").append(error).append("\n\n");
        text.append(unknown
                ? "Ask the recipient whether it arrived before sending it again from the deliveries page: sending it"
                        + " again may deliver it twice."
                : "Once the cause is dealt with, it can be sent again from the deliveries page.");
        text.append('\n');
        outbox.noticeAdministrators("delivery:" + delivery.id(), subject, text.toString());
    }

    private static String messageId(TrackedMimeMessage message) {
        try {
            return message.getMessageID();
        }
        catch (MessagingException ex) {
            return null;
        }
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
