package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message that knows how far sending it got. The SMTP transport writes a message's content only after the
 * server accepted MAIL, RCPT and DATA, and sends the final "." (the moment the server takes the message) only
 * after the content was written in full. So a failure before the content was complete cannot have delivered it,
 * and a failure after it, without a reply of the server, may have.
 */
class TrackedMimeMessage extends MimeMessage {

    private volatile boolean prepared;

    private volatile boolean contentStarted;

    private volatile boolean contentWritten;

    private volatile boolean carriesFile;

    TrackedMimeMessage(Session session) {
        super(session);
    }

    /**
     * Spring's {@code JavaMailSenderImpl} saves a message's changes (which sets its Message-ID) once it holds a
     * connection to the server, right before handing it to the transport.
     */
    @Override
    public void saveChanges() throws MessagingException {
        prepared = true;
        super.saveChanges();
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        contentStarted = true;
        super.writeTo(out, ignoreList);
        contentWritten = true;
    }

    /** Whether the run's file is attached (rather than linked): what its recipient is recorded as having got. */
    void carriesFile(boolean attached) {
        this.carriesFile = attached;
    }

    boolean carriesFile() {
        return carriesFile;
    }

    /** A connection to the server was made and the message was about to be sent on it. */
    boolean prepared() {
        return prepared;
    }

    /** The server was sent some of the content (so the envelope was accepted). */
    boolean contentStarted() {
        return contentStarted;
    }

    /** All of the content was handed to the connection: the server may have taken the message from here on. */
    boolean contentWritten() {
        return contentWritten;
    }
}
