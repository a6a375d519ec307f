package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The dev mailbox: an embedded SMTP server (GreenMail) on the loopback address that keeps every message it is sent,
 * so that a Stagedoor without {@code spring.mail.host} sends its mail somewhere nothing leaves the machine, and
 * administrators can see what would have gone out. It starts with the application and stops with it.
 */
public class DevMailbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail server;

    DevMailbox(int port) {
        server = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        server.start();
        log.info("No spring.mail.host: mail goes to the dev mailbox at {}:{}, and nowhere else", host(), port());
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
        List<Message> messages = new ArrayList<>();
        for (MimeMessage received : server.getReceivedMessages()) {
            try {
                messages.add(describe(received));
            }
            catch (MessagingException | IOException ex) {
                log.warn("A message in the dev mailbox could not be read", ex);
            }
        }
        messages.sort(Comparator.comparing(Message::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return messages;
    }

    /** The received messages as they are, for a closer look (or a test). */
    public List<MimeMessage> receivedMessages() {
        return Arrays.asList(server.getReceivedMessages());
    }

    @Override
    public void destroy() {
        server.stop();
    }

    private static Message describe(MimeMessage message) throws MessagingException, IOException {
        Address[] from = message.getFrom();
        Address[] to = message.getAllRecipients();
        Date received = message.getReceivedDate();
        List<String> attachments = new ArrayList<>();
        collectAttachments(message, attachments);
        return new Message(from == null || from.length == 0 ? null : from[0].toString(),
                to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(), message.getSubject(),
                received == null ? null : received.toInstant(), List.copyOf(attachments));
    }

    private static void collectAttachments(Part part, List<String> names) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectAttachments(child, names);
            }
        }
        else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            names.add(decode(part.getFileName()));
        }
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

    /** What the admin console shows of a received message. */
    public record Message(String from, List<String> recipients, String subject, Instant receivedAt,
            List<String> attachmentNames) {
    }
}
