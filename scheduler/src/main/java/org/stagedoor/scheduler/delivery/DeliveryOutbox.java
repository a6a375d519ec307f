package org.stagedoor.scheduler.delivery;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.DestinationKind;

/**
 * Writes messages into the outbox, in the caller's transaction: they are sent later by {@link DeliverySender}, so
 * a message exists exactly when what it reports was committed. The unique keys of the {@code delivery} table make
 * writing the same message again harmless (a recovered fire on another node, say).
 */
@Component
public class DeliveryOutbox {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutbox.class);

    /** The venue's own runs have no partner company; the outbox's keys name them 0. */
    static final long VENUE = 0;

    private static final int MAX_SUBJECT_LENGTH = 500;

    private final DeliveryStore store;

    private final DeliverySettings settings;

    DeliveryOutbox(DeliveryStore store, DeliverySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Records one PENDING report message per recipient for a completed run of a schedule's fire. A recipient that
     * already has its message for this fire (or this run) is left alone; returns how many rows were new.
     *
     * @throws IllegalArgumentException for a run that did not complete: there is no file to send
     */
    public int recordScheduledRun(ReportRun run, long scheduleId, Instant dueAt, String subject, DeliveryMode mode,
            List<Recipient> recipients) {
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalArgumentException("Run " + run.id() + " is " + run.status()
                    + "; only a completed run is delivered");
        }
        if (dueAt == null || mode == null || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A scheduled delivery needs its due time, mode and subject");
        }
        long partnerKey = run.partnerCompanyId() == null ? VENUE : run.partnerCompanyId();
        String cleanSubject = subject(subject);
        int recorded = 0;
        for (Recipient recipient : recipients) {
            if (store.insertReport(run.id(), scheduleId, dueAt, partnerKey, recipient, mode, cleanSubject)) {
                recorded++;
            }
        }
        log.debug("Run {} of schedule {} (due {}): {} of {} deliveries new", run.id(), scheduleId, dueAt, recorded,
                recipients.size());
        return recorded;
    }

    /**
     * Records one PENDING delivery per destination for a completed partner company's run of a schedule's fire: the
     * file uploaded to an SFTP server, a web address told it is ready. A destination that already has its delivery
     * for this fire is left alone; returns how many rows were new.
     *
     * @throws IllegalArgumentException for a run that did not complete, or one of the venue's own (it has no
     *         destinations)
     */
    public int recordScheduledRunToDestinations(ReportRun run, long scheduleId, Instant dueAt, String subject,
            List<Destination> destinations) {
        if (run.status() != RunStatus.COMPLETED || run.partnerCompanyId() == null) {
            throw new IllegalArgumentException("Run " + run.id() + " is " + run.status() + " for "
                    + run.partnerCompanyId() + "; only a partner company's completed run goes to its destinations");
        }
        if (dueAt == null || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A scheduled delivery needs its due time and subject");
        }
        int recorded = 0;
        for (Destination destination : destinations) {
            if (destination.partnerCompanyId() != run.partnerCompanyId()) {
                throw new IllegalArgumentException("Destination " + destination.id() + " is not of the run's company");
            }
            DeliveryMode mode = destination.kind() == DestinationKind.SFTP ? DeliveryMode.ATTACHMENT
                    : DeliveryMode.LINK;
            if (store.insertDestination(run.id(), scheduleId, dueAt, run.partnerCompanyId(), destination, mode,
                    subject(subject))) {
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * Records one PENDING report message to one recipient for a completed run that belongs to no schedule (a run
     * someone started and asked to be told about). The unique key of a run and recipient makes recording it again
     * harmless; returns whether the row was new.
     *
     * @throws IllegalArgumentException for a run that did not complete: there is no file to send
     */
    public boolean recordOnDemandRun(ReportRun run, String subject, DeliveryMode mode, Recipient recipient) {
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalArgumentException("Run " + run.id() + " is " + run.status()
                    + "; only a completed run is delivered");
        }
        if (mode == null || subject == null || subject.isBlank() || recipient == null) {
            throw new IllegalArgumentException("A delivery needs its mode, subject and recipient");
        }
        return store.insertReport(run.id(), null, null, null, recipient, mode, subject(subject));
    }

    /**
     * Records a NOTICE to every administrator address of the settings, once per key and address (a second notice
     * with the same key is dropped, so retrying what raised it does not repeat it); returns how many are new.
     */
    public int noticeAdministrators(String noticeKey, String subject, String text) {
        if (noticeKey == null || noticeKey.isBlank() || subject == null || subject.isBlank() || text == null) {
            throw new IllegalArgumentException("A notice needs a key saying what it is about, a subject and a text");
        }
        if (settings.administrators().isEmpty()) {
            log.warn("No administrator address (stagedoor.delivery.administrators) to tell: {} — {}", subject, text);
            return 0;
        }
        int recorded = 0;
        for (String administrator : settings.administrators()) {
            if (store.insertNotice(noticeKey, administrator, subject(subject), text)) {
                recorded++;
            }
        }
        return recorded;
    }

    /** A subject on one line, within the column's limit. */
    private static String subject(String subject) {
        String line = subject.strip().replaceAll("[\\r\\n\\t]+", " ");
        return line.length() <= MAX_SUBJECT_LENGTH ? line : line.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
    }
}
