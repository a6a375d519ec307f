package org.stagedoor.scheduler.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.unit.DataSize;

/**
 * How the outbox sends its mail.
 *
 * @param from the sender address of every message
 * @param administrators who is told when a delivery fails or its fate is unknown
 * @param portalBaseUrl where the partner portal is reached; links to run files start with it
 * @param maxAttachmentSize a larger file is sent as a link instead, never truncated
 * @param pollInterval pause between two passes of the background sender
 * @param batchSize deliveries one pass claims at most
 * @param maxAttempts attempts after which a delivery that keeps failing for a passing reason is FAILED
 * @param backoffInitial wait after the first failed attempt
 * @param backoffMultiplier growth of the wait after each further failed attempt
 * @param backoffMax longest wait between two attempts
 * @param smtpConnectTimeout {@code mail.smtp.connectiontimeout}, unless {@code spring.mail.properties} sets it
 * @param smtpReadTimeout {@code mail.smtp.timeout}: how long to wait for each reply of the server
 * @param smtpWriteTimeout {@code mail.smtp.writetimeout}: how long one write to the server may block
 * @param staleSendingAfter a delivery SENDING for longer than this was left by a node that stopped mid-send, and
 *         becomes UNKNOWN; it must be longer than any send can take with the timeouts above
 * @param senderEnabled whether this node sends in the background (tests switch it off and call the sender)
 * @param nodeId the name this node claims deliveries under; empty: host name and process id
 */
@ConfigurationProperties("stagedoor.delivery")
public record DeliverySettings(
        @DefaultValue("reports@stagedoor.local") String from,
        @DefaultValue("admin@stagedoor.local") List<String> administrators,
        @DefaultValue("http://localhost:8080") String portalBaseUrl,
        @DefaultValue("10MB") DataSize maxAttachmentSize,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1m") Duration backoffInitial,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("10s") Duration smtpConnectTimeout,
        @DefaultValue("30s") Duration smtpReadTimeout,
        @DefaultValue("30s") Duration smtpWriteTimeout,
        @DefaultValue("10m") Duration staleSendingAfter,
        @DefaultValue("true") boolean senderEnabled,
        @DefaultValue("") String nodeId) {

    private static final int REPLIES_PER_SEND = 10;

    public DeliverySettings {
        administrators = administrators == null ? List.of()
                : administrators.stream().map(String::strip).filter(address -> !address.isEmpty()).toList();
        for (String address : administrators) {
            if (!Recipient.isAddress(address)) {
                throw new IllegalArgumentException("stagedoor.delivery.administrators: not an email address: '"
                        + address + "'");
            }
        }
        if (!Recipient.isAddress(from)) {
            throw new IllegalArgumentException("stagedoor.delivery.from: not an email address: '" + from + "'");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("stagedoor.delivery.batch-size must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("stagedoor.delivery.max-attempts must be at least 1");
        }
        if (backoffMultiplier < 1.0) {
            throw new IllegalArgumentException("stagedoor.delivery.backoff-multiplier must be at least 1.0");
        }
        // A row is claimed again (SENDING with a fresh time) just before its own message is sent, so one send is
        // what the limit must outlast: connecting, then waiting for each reply of the server (greeting, EHLO,
        // STARTTLS and AUTH when used, MAIL, RCPT, DATA, the final ".", QUIT: ten at most) and our writes.
        Duration longestSend = smtpConnectTimeout.plus(smtpReadTimeout.multipliedBy(REPLIES_PER_SEND))
                .plus(smtpWriteTimeout);
        if (staleSendingAfter.compareTo(longestSend) <= 0) {
            throw new IllegalArgumentException("stagedoor.delivery.stale-sending-after (" + staleSendingAfter
                    + ") must be longer than one send can take with the SMTP timeouts (" + longestSend
                    + "), or deliveries still being sent would be declared lost");
        }
    }

    /** The wait before the next attempt, after {@code failedAttempts} attempts failed for a passing reason. */
    Duration backoffAfter(int failedAttempts) {
        ExponentialBackOff backOff = new ExponentialBackOff(backoffInitial.toMillis(), backoffMultiplier);
        backOff.setMaxInterval(backoffMax.toMillis());
        BackOffExecution execution = backOff.start();
        long wait = 0;
        for (int attempt = 0; attempt < Math.max(1, failedAttempts); attempt++) {
            wait = execution.nextBackOff();
        }
        return Duration.ofMillis(wait);
    }

    /** The portal's address of a run's file. */
    String fileLink(long runId) {
        return portalBase() + "/runs/" + runId + "/file";
    }

    /** The portal's address without a closing slash. */
    String portalBase() {
        return portalBaseUrl.endsWith("/") ? portalBaseUrl.substring(0, portalBaseUrl.length() - 1) : portalBaseUrl;
    }
}
