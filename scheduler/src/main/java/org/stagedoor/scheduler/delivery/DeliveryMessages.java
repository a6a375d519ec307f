package org.stagedoor.scheduler.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunParameters;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.sharing.ListChanges;
import org.stagedoor.batch.sharing.SharingLedger;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Composes the message of a delivery: a report mail (HTML with a plain-text alternative, the file attached or
 * linked, and the customers the run tells its partner company to stop contacting) or an administrator's notice
 * (plain text). A report whose file can no longer be had is
 * {@link UndeliverableException undeliverable}: a mail without it would say nothing.
 */
@Component
class DeliveryMessages {

    private final JavaMailSender mailSender;

    private final DeliverySettings settings;

    private final VenueProperties venue;

    private final RunRecords runs;

    private final ReportCatalogue catalogue;

    private final PartnerCompanies companies;

    private final SharingLedger ledger;

    private final Clock clock;

    private final ListChanges listChanges;

    DeliveryMessages(JavaMailSender mailSender, DeliverySettings settings, VenueProperties venue, RunRecords runs,
            ReportCatalogue catalogue, PartnerCompanies companies, SharingLedger ledger, Clock clock,
            ListChanges listChanges) {
        this.mailSender = mailSender;
        this.listChanges = listChanges;
        this.settings = settings;
        this.venue = venue;
        this.runs = runs;
        this.catalogue = catalogue;
        this.companies = companies;
        this.ledger = ledger;
        this.clock = clock;
    }

    TrackedMimeMessage compose(Delivery delivery) throws MessagingException {
        TrackedMimeMessage message = new TrackedMimeMessage(session());
        if (delivery.kind() == DeliveryKind.NOTICE) {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            address(helper, delivery);
            helper.setText(delivery.noticeText());
            return message;
        }
        ReportRun run = run(delivery);
        Path file = availableFile(run);
        ReportFacts facts = facts(run, file);
        MailContent content = MailContent.report(facts, delivery.mode(), settings.maxAttachmentSize(),
                settings.fileLink(run.id()), venue.timeZone());
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        address(helper, delivery);
        helper.setText(content.plain(), content.html());
        if (content.attach()) {
            helper.addAttachment(run.fileName(), new FileSystemResource(file), run.format().contentType());
        }
        message.carriesFile(content.attach());
        return message;
    }

    private void address(MimeMessageHelper helper, Delivery delivery) throws MessagingException {
        helper.setFrom(settings.from());
        helper.setTo(delivery.recipient());
        helper.setSubject(delivery.subject());
        // RFC 3834: automatic mail, so that auto-responders and out-of-office replies leave it alone.
        helper.getMimeMessage().setHeader("Auto-Submitted", "auto-generated");
        helper.getMimeMessage().setHeader("X-Stagedoor-Delivery", String.valueOf(delivery.id()));
    }

    /** A report delivery's run. */
    ReportRun run(Delivery delivery) {
        return runs.find(delivery.runId())
                .orElseThrow(() -> new UndeliverableException("Run " + delivery.runId() + " no longer exists"));
    }

    /** The run's file, if it may still be sent or linked to. */
    Path availableFile(ReportRun run) {
        return switch (run.fileState(clock.instant())) {
            case DELETED -> throw new UndeliverableException("The file of run " + run.id()
                    + " expired and was deleted at " + MailContent.when(run.fileDeletedAt(), venue.timeZone())
                    + "; run the report again to send it");
            case NONE -> throw new UndeliverableException("Run " + run.id() + " is "
                    + run.status().name().toLowerCase(Locale.ROOT) + "; only a completed run's file can be sent");
            case PAST_KEEPING -> throw new UndeliverableException("The file of run " + run.id() + " expired at "
                    + MailContent.when(run.expiresAt(), venue.timeZone()) + "; run the report again to send it");
            case MISSING -> throw new UndeliverableException("The file of run " + run.id() + " (" + run.location()
                    + ") is missing although the run has not expired");
            case AVAILABLE -> Path.of(run.location());
        };
    }

    ReportFacts facts(ReportRun run, Path file) {
        ReportDefinition report = catalogue.find(run.reportId()).orElse(null);
        String partnerName = run.partnerCompanyId() == null ? null
                : companies.name(run.partnerCompanyId()).orElse("partner company " + run.partnerCompanyId());
        Map<String, String> periods = RunParameters.periodLabels(run.parametersResolved());
        long size;
        try {
            size = Files.size(file);
        }
        catch (IOException ex) {
            throw new UndeliverableException("The file of run " + run.id() + " cannot be read: " + ex.getMessage());
        }
        ListChanges.Plan plan = listChanges.plan(run.id()).orElse(null);
        long withdrawnCount = ledger.noticeCount(run.id());
        List<ReportFacts.Withdrawn> withdrawn = withdrawnCount == 0 ? List.of()
                : ledger.notices(run.id(), MailContent.MAX_WITHDRAWN_LISTED).stream()
                        .map(notice -> new ReportFacts.Withdrawn(notice.customerId(), notice.email(), notice.state()))
                        .toList();
        return new ReportFacts(run.id(), report == null ? run.reportId() : report.title(), partnerName, periods,
                run.rowCount(), run.finishedAt() != null ? run.finishedAt() : run.createdAt(), run.expiresAt(),
                report == null || report.personalData(), run.fileName(), run.format(), size, withdrawn,
                withdrawnCount, plan == null ? null : plan.words(venue.timeZone()));
    }

    /**
     * The session of Spring's sender, so that the message's MIME settings match the transport's; any session does
     * for another {@link JavaMailSender}, which sends with its own.
     */
    private Session session() {
        return mailSender instanceof JavaMailSenderImpl impl ? impl.getSession()
                : Session.getInstance(new Properties());
    }
}
