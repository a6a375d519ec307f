package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

import org.stagedoor.scheduler.delivery.SendOutcome.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The classification of send failures, on exceptions shaped as Spring's {@code JavaMailSenderImpl} and the Angus
 * SMTP transport throw them, and on messages taken as far as the transport takes them (prepared, content written).
 */
class SendOutcomeTests {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void aRefusedConnectionBeforeAnythingWasSentMeansTheServerIsUnreachable() throws Exception {
        TrackedMimeMessage message = message();
        MessagingException connect = new MessagingException("Couldn't connect to host, port: 127.0.0.1, 2525",
                new ConnectException("Connection refused"));

        SendOutcome outcome = SendOutcome.classify(connectionFailed(message, connect), message);

        assertThat(outcome.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(outcome.description()).contains("Couldn't connect to host", "Connection refused");
    }

    @Test
    void aMissingGreetingIsAConnectionFailureToo() throws Exception {
        TrackedMimeMessage message = message();
        MessagingException greeting = new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out"));

        assertThat(SendOutcome.classify(connectionFailed(message, greeting), message).verdict())
                .isEqualTo(Verdict.UNREACHABLE);
    }

    @Test
    void aRefusedLoginIsTreatedAsAnUnreachableServer() throws Exception {
        TrackedMimeMessage message = message();

        SendOutcome outcome = SendOutcome.classify(new MailAuthenticationException(
                new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")), message);

        assertThat(outcome.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(outcome.description()).contains("did not accept our login", "535 5.7.8");
    }

    @Test
    void a5xxReplyToRcptIsAPermanentRejectionThatNamesTheReply() throws Exception {
        TrackedMimeMessage message = prepared();
        SMTPAddressFailedException rejected = new SMTPAddressFailedException(new InternetAddress("x@example.org"),
                "RCPT TO:<x@example.org>", 550, "550 5.1.1 <x@example.org>: Recipient address rejected\n");
        // The transport wraps the per-address exceptions in one "Invalid Addresses".
        SendFailedException invalid = new SendFailedException("Invalid Addresses", rejected);

        SendOutcome outcome = SendOutcome.classify(messageFailed(message, invalid), message);

        assertThat(outcome.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(outcome.description()).isEqualTo("The mail server refused it for good: 550 5.1.1 <x@example.org>:"
                + " Recipient address rejected (in reply to RCPT TO:<x@example.org>)");
    }

    @Test
    void a5xxReplyToMailFromIsAPermanentRejection() throws Exception {
        TrackedMimeMessage message = prepared();
        SMTPSenderFailedException sender = new SMTPSenderFailedException(new InternetAddress("reports@example.org"),
                "MAIL FROM:<reports@example.org>", 553, "553 5.7.1 Sender address rejected");

        assertThat(SendOutcome.classify(messageFailed(message, sender), message).verdict())
                .isEqualTo(Verdict.REJECTED);
    }

    @Test
    void a4xxReplyIsTriedAgainLater() throws Exception {
        TrackedMimeMessage message = prepared();
        SMTPAddressFailedException busy = new SMTPAddressFailedException(new InternetAddress("x@example.org"),
                "RCPT TO:<x@example.org>", 451, "451 4.3.0 Try again later");

        SendOutcome outcome = SendOutcome.classify(messageFailed(message,
                new SendFailedException("Invalid Addresses", busy)), message);

        assertThat(outcome.verdict()).isEqualTo(Verdict.RETRY);
        assertThat(outcome.description()).contains("451 4.3.0");
    }

    @Test
    void aReplyToTheFinalDotDecidesEvenAfterTheContentWasSent() throws Exception {
        TrackedMimeMessage rejected = written();
        TrackedMimeMessage deferred = written();

        assertThat(SendOutcome.classify(messageFailed(rejected, new SMTPSendFailedException(".", 554,
                "554 5.7.1 Message rejected as spam", null, null, null, null)), rejected).verdict())
                .isEqualTo(Verdict.REJECTED);
        assertThat(SendOutcome.classify(messageFailed(deferred, new SMTPSendFailedException(".", 452,
                "452 4.3.1 Insufficient system storage", null, null, null, null)), deferred).verdict())
                .isEqualTo(Verdict.RETRY);
    }

    @Test
    void noReplyAfterTheWholeMessageWasSentIsUnknown() throws Exception {
        TrackedMimeMessage message = written();
        MessagingException timeout = new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out"));

        SendOutcome outcome = SendOutcome.classify(messageFailed(message, timeout), message);

        assertThat(outcome.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.description()).contains("Read timed out", "may or may not have been delivered");
    }

    @Test
    void aConnectionClosedAfterTheWholeMessageIsUnknown() throws Exception {
        // The transport's mark for end of stream instead of a reply: return code -1.
        TrackedMimeMessage message = written();

        assertThat(SendOutcome.classify(messageFailed(message, new SMTPSendFailedException(".", -1, "[EOF]", null,
                null, null, null)), message).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aBrokenConnectionBeforeTheContentWasCompleteIsTriedAgain() throws Exception {
        TrackedMimeMessage envelope = prepared();
        TrackedMimeMessage halfway = prepared();
        assertThatThrownBy(() -> halfway.writeTo(new FailingAfter(100))).isInstanceOf(IOException.class);

        // Before any content (a timeout waiting for the reply to RCPT), and halfway through it.
        assertThat(SendOutcome.classify(messageFailed(envelope, new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out"))), envelope).verdict()).isEqualTo(Verdict.RETRY);
        assertThat(halfway.contentStarted()).isTrue();
        assertThat(halfway.contentWritten()).isFalse();
        assertThat(SendOutcome.classify(messageFailed(halfway, new MessagingException(
                "IOException while sending message", new IOException("Broken pipe"))), halfway).verdict())
                .isEqualTo(Verdict.RETRY);
    }

    @Test
    void aFailureToCloseTheConnectionAfterTheMessageWentThroughIsASuccess() throws Exception {
        TrackedMimeMessage message = written();
        MailSendException closing = new MailSendException("Failed to close server connection after message sending",
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")));

        assertThat(SendOutcome.classify(closing, message).verdict()).isEqualTo(Verdict.SENT);
    }

    private static TrackedMimeMessage message() throws MessagingException {
        TrackedMimeMessage message = new TrackedMimeMessage(SESSION);
        message.setFrom("reports@example.org");
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "x@example.org");
        message.setSubject("Event sales");
        message.setText("Hello");
        return message;
    }

    /** As far as Spring's sender takes it once connected. */
    private static TrackedMimeMessage prepared() throws MessagingException {
        TrackedMimeMessage message = message();
        message.saveChanges();
        return message;
    }

    /** As far as the transport takes it before the final ".". */
    private static TrackedMimeMessage written() throws Exception {
        TrackedMimeMessage message = prepared();
        message.writeTo(OutputStream.nullOutputStream());
        return message;
    }

    /** What {@code JavaMailSenderImpl} throws when it cannot connect: every message failed with the cause. */
    private static MailSendException connectionFailed(TrackedMimeMessage message, Exception cause) {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        failed.put(message, cause);
        return new MailSendException("Mail server connection failed", cause, failed);
    }

    /** What {@code JavaMailSenderImpl} throws when the transport failed to send a message. */
    private static MailSendException messageFailed(TrackedMimeMessage message, Exception cause) {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        failed.put(message, cause);
        return new MailSendException(failed);
    }

    /** A connection that breaks after some bytes. */
    private static final class FailingAfter extends OutputStream {

        private int left;

        FailingAfter(int bytes) {
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("Broken pipe");
            }
        }
    }
}
