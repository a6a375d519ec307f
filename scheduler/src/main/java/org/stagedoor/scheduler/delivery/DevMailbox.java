package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The dev mailbox: an embedded SMTP server (GreenMail) on the loopback address that keeps every message it is sent,
 * so that a Stagedoor without {@code spring.mail.host} sends its mail somewhere nothing leaves the machine, and
 * administrators can read what would have gone out, follow its links and open its attachments. It starts with the
 * application and stops with it.
 */
public class DevMailbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail server;

    /**
     * Every message in the order it was first seen: a message's number is its place here, which never changes.
     * GreenMail lists its messages by mailbox, so its own order moves as mail for another address arrives.
     */
    private final List<MimeMessage> numbered = new ArrayList<>();

    private final Set<MimeMessage> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    DevMailbox(int port) {
        server = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        server.start();
        log.info("Dev mailbox: SMTP on localhost:{} ({}). No mail server is set (spring.mail.host), so mail goes"
                + " there and nowhere else; read it in the console under Dev mailbox.", port(),
                port == 0 ? "a free port, picked at start" : "the port set in stagedoor.dev-mailbox.port");
    }

    /** The address it listens on. */
    public String host() {
        return LOOPBACK;
    }

    /** The port it listens on (the one picked when configured as 0). */
    public int port() {
        return server.getSmtp().getPort();
    }

    /** Every message received since start, newest first (a message to several recipients is listed once per each). */
    public List<Message> messages() {
        List<MimeMessage> all = numbered();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            try {
                messages.add(describe(i + 1, all.get(i), new Contents()));
            }
            catch (MessagingException | IOException ex) {
                log.warn("A message in the dev mailbox could not be read", ex);
            }
        }
        messages.sort(Comparator.comparing(Message::receivedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingInt(Message::number).reversed()));
        return messages;
    }

    /** A message with its bodies and attachments, by its number in {@link #messages()}; empty if there is none. */
    public Optional<OpenedMessage> open(int number) {
        List<MimeMessage> all = numbered();
        if (number < 1 || number > all.size()) {
            return Optional.empty();
        }
        try {
            Contents contents = new Contents();
            Message message = describe(number, all.get(number - 1), contents);
            return Optional.of(new OpenedMessage(message, contents.html, contents.text,
                    List.copyOf(contents.attachments)));
        }
        catch (MessagingException | IOException ex) {
            throw new IllegalStateException("Message " + number + " in the dev mailbox could not be read", ex);
        }
    }

    /** The received messages as they are, for a closer look (or a test). */
    public List<MimeMessage> receivedMessages() {
        return Arrays.asList(server.getReceivedMessages());
    }

    @Override
    public void destroy() {
        server.stop();
    }

    private synchronized List<MimeMessage> numbered() {
        List<MimeMessage> arrived = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            if (seen.add(message)) {
                arrived.add(message);
            }
        }
        arrived.sort(Comparator.comparing(DevMailbox::receivedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        numbered.addAll(arrived);
        return List.copyOf(numbered);
    }

    private static Instant receivedAt(MimeMessage message) {
        try {
            Date received = message.getReceivedDate();
            return received == null ? null : received.toInstant();
        }
        catch (MessagingException ex) {
            return null;
        }
    }

    private static Message describe(int number, MimeMessage message, Contents contents)
            throws MessagingException, IOException {
        Address[] from = message.getFrom();
        Address[] to = message.getAllRecipients();
        contents.collect(message);
        return new Message(number, from == null || from.length == 0 ? null : from[0].toString(),
                to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(), message.getSubject(),
                receivedAt(message), contents.attachments.stream().map(Attachment::name).toList());
    }

    private static String decode(String name) {
        if (name == null) {
            return "(unnamed)";
        }
        try {
            return MimeUtility.decodeText(name);
        }
        catch (UnsupportedEncodingException ex) {
            return name;
        }
    }

    /** The first HTML and text bodies of a message, and its attachments in order. */
    private static final class Contents {

        private String html;

        private String text;

        private final List<Attachment> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            }
            else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                try (InputStream content = part.getInputStream()) {
                    attachments.add(new Attachment(attachments.size() + 1, decode(part.getFileName()),
                            baseType(part.getContentType()), content.readAllBytes()));
                }
            }
            else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            }
            else if (part.isMimeType("text/plain") && text == null) {
                text = (String) part.getContent();
            }
        }

        private static String baseType(String contentType) {
            try {
                return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
            }
            catch (MessagingException | NullPointerException ex) {
                return "application/octet-stream";
            }
        }
    }

    /**
     * What the admin console lists of a received message.
     *
     * @param number its place in the order of arrival, from 1: what opens it
     */
    public record Message(int number, String from, List<String> recipients, String subject, Instant receivedAt,
            List<String> attachmentNames) {
    }

    /**
     * A message opened: its HTML and plain-text bodies ({@code null} when it has none) and its attachments.
     */
    public record OpenedMessage(Message message, String html, String text, List<Attachment> attachments) {

        /** The attachment numbered {@code number} (from 1), if there is one. */
        public Optional<Attachment> attachment(int number) {
            return number < 1 || number > attachments.size() ? Optional.empty()
                    : Optional.of(attachments.get(number - 1));
        }
    }

    /**
     * An attachment as it was sent (decoded from its transfer encoding).
     *
     * @param number its place among the message's attachments, from 1
     * @param contentType its content type without parameters, e.g. {@code text/csv}
     */
    public record Attachment(int number, String name, String contentType, byte[] content) {

        /** Its size in bytes. */
        public long size() {
            return content.length;
        }
    }
}
