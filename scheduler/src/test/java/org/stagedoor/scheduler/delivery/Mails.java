package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads received messages back, independently of the code that wrote them. */
final class Mails {

    private Mails() {
    }

    /** The parts of a message that are not multiparts, in order. */
    static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        collect(part, leaves);
        return leaves;
    }

    private static void collect(Part part, List<Part> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, leaves);
            }
        }
        else {
            leaves.add(part);
        }
    }

    static List<Part> attachments(MimeMessage message) throws MessagingException, IOException {
        List<Part> attachments = new ArrayList<>();
        for (Part part : leaves(message)) {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                attachments.add(part);
            }
        }
        return attachments;
    }

    /** The body in the given type ("text/plain", "text/html"), attachments left out. */
    static String body(MimeMessage message, String type) throws MessagingException, IOException {
        for (Part part : leaves(message)) {
            if (part.isMimeType(type) && part.getFileName() == null) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("No " + type + " part in the message");
    }

    static String sha256(InputStream in) throws IOException {
        try (in) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String recipient(MimeMessage message) throws MessagingException {
        return message.getAllRecipients()[0].toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException("No free port for the test mail server", ex);
        }
    }
}
