package org.stagedoor.scheduler.delivery;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * What one attempt to send a message came to, judged from what {@code JavaMailSender.send} threw and from how far
 * the message got ({@link TrackedMimeMessage}). The promise is "never twice": whenever the server may have taken
 * the message, the verdict is UNKNOWN, not a retry.
 *
 * <p>How Spring's {@code JavaMailSenderImpl} reports things: a failure to connect (refused, timed out, no
 * greeting) is a {@link MailSendException} "Mail server connection failed" thrown before any message was touched;
 * a refused login is a {@link MailAuthenticationException}; a failure of a message itself is a
 * {@link MailSendException} whose {@code getFailedMessages()} maps the message to the transport's exception; and
 * a failure to close the connection after every message went through is a {@link MailSendException} that names
 * no failed message.
 */
record SendOutcome(Verdict verdict, String description) {

    enum Verdict {
        /** The server accepted the message. */
        SENT,
        /** Nothing was handed over and the reason may pass (a 4xx reply, a broken connection): try again later. */
        RETRY,
        /** The server could not be reached or would not let us in: retry later, and the rest of the pass with it. */
        UNREACHABLE,
        /** The server refused the message for good (a 5xx reply). */
        REJECTED,
        /** The message may or may not have been taken: it must not be sent again by itself. */
        UNKNOWN
    }

    static SendOutcome sent() {
        return new SendOutcome(Verdict.SENT, null);
    }

    static SendOutcome classify(Exception exception, TrackedMimeMessage message) {
        if (exception instanceof MailSendException send && !send.getFailedMessages().containsKey(message)) {
            // The transport returned from sending it; what failed came after (closing the connection).
            return message.contentWritten() ? new SendOutcome(Verdict.SENT, null)
                    : new SendOutcome(Verdict.RETRY, "Sending failed before the message was handed over: "
                            + describe(exception));
        }
        if (exception instanceof MailAuthenticationException) {
            return new SendOutcome(Verdict.UNREACHABLE, "The mail server did not accept our login: "
                    + describe(exception));
        }
        Exception failure = exception instanceof MailSendException send ? send.getFailedMessages().get(message)
                : exception;
        Reply reply = reply(failure);
        if (reply != null && reply.code() >= 500) {
            return new SendOutcome(Verdict.REJECTED, "The mail server refused it for good: " + reply);
        }
        if (reply != null) {
            return new SendOutcome(Verdict.RETRY, "The mail server refused it for now: " + reply);
        }
        if (!message.prepared()) {
            return new SendOutcome(Verdict.UNREACHABLE, "Could not get through to the mail server: "
                    + describe(failure));
        }
        if (message.contentWritten()) {
            return new SendOutcome(Verdict.UNKNOWN, "The whole message was sent but the mail server's confirmation"
                    + " never came (" + describe(failure) + "); it may or may not have been delivered, so it is not"
                    + " sent again by itself");
        }
        return new SendOutcome(Verdict.RETRY, "The connection failed before the message was handed over: "
                + describe(failure));
    }

    /** The server's reply to a command (4xx or 5xx), when the failure is one. */
    record Reply(String command, int code, String text) {

        @Override
        public String toString() {
            String said = text == null || text.isBlank() ? String.valueOf(code) : text.strip().replaceAll("\\s+", " ");
            return said + (command == null ? "" : " (in reply to " + command.strip() + ")");
        }
    }

    private static Reply reply(Throwable failure) {
        for (Throwable each : chain(failure)) {
            Reply reply = null;
            if (each instanceof SMTPAddressFailedException address) {
                reply = new Reply(address.getCommand(), address.getReturnCode(), ownMessage(address));
            }
            else if (each instanceof SMTPSenderFailedException sender) {
                reply = new Reply(sender.getCommand(), sender.getReturnCode(), ownMessage(sender));
            }
            else if (each instanceof SMTPSendFailedException send) {
                reply = new Reply(send.getCommand(), send.getReturnCode(), ownMessage(send));
            }
            // -1 and 0 are the transport's marks for a connection that ended or broke: no reply at all.
            if (reply != null && reply.code() >= 400 && reply.code() <= 599) {
                return reply;
            }
        }
        return null;
    }

    /** The distinct messages of an exception and its causes, outermost first, on one line. */
    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable each : chain(failure)) {
            String text = ownMessage(each);
            String part = text == null || text.isBlank()
                    ? (each instanceof MailException ? null : each.getClass().getSimpleName())
                    : text.strip().replaceAll("\\s+", " ");
            if (part != null && parts.stream().noneMatch(known -> known.contains(part))) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? "no detail" : String.join(": ", parts);
    }

    /**
     * An exception's own message: a {@link MessagingException}'s repeats its chained exception and a
     * {@link MailSendException}'s lists its failed messages, which are described on their own.
     */
    private static String ownMessage(Throwable failure) {
        String text = failure.getMessage();
        if (text == null) {
            return null;
        }
        for (String repeated : List.of(";\n  nested exception is:", "Failed messages: ")) {
            int at = text.indexOf(repeated);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = text.strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** An exception, its causes and the exceptions chained to a {@link MessagingException}, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        collect(failure, chain, seen);
        return chain;
    }

    private static void collect(Throwable failure, List<Throwable> chain, Map<Throwable, Boolean> seen) {
        if (failure == null || seen.put(failure, Boolean.TRUE) != null) {
            return;
        }
        chain.add(failure);
        if (failure instanceof MailSendException send) {
            send.getFailedMessages().values().forEach(nested -> collect(nested, chain, seen));
        }
        if (failure instanceof MessagingException messaging) {
            collect(messaging.getNextException(), chain, seen);
        }
        collect(failure.getCause(), chain, seen);
    }
}
