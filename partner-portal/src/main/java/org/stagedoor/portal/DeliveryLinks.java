package org.stagedoor.portal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.sharing.RunRecipients;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.Delivery;
import org.stagedoor.scheduler.destination.SignedLinks;

/**
 * The download link a partner's web address is given: it works without signing in, because its signature (only
 * Stagedoor can make it), its expiry and its single use stand in for a login. Following it is recorded as a
 * download is: an audit entry and the web address among the run's recipients, committed with the link's use.
 */
@Service
class DeliveryLinks {

    /** Why a link gives no file, in words for whoever followed it. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final SignedLinks links;

    private final Deliveries deliveries;

    private final RunRecords runs;

    private final AuditLog audit;

    private final RunRecipients recipients;

    private final PartnerCompanies companies;

    private final PortalTimes times;

    private final Clock clock;

    DeliveryLinks(SignedLinks links, Deliveries deliveries, RunRecords runs, AuditLog audit,
            RunRecipients recipients, PartnerCompanies companies, PortalTimes times, Clock clock) {
        this.links = links;
        this.deliveries = deliveries;
        this.runs = runs;
        this.audit = audit;
        this.recipients = recipients;
        this.companies = companies;
        this.times = times;
        this.clock = clock;
    }

    /**
     * The file a link leads to, its use recorded.
     *
     * @throws Refused for a link that is not Stagedoor's, has expired, was used, or whose file is gone
     */
    @Transactional
    PortalRuns.RunFile follow(long deliveryId, Long expires, String signature) {
        if (expires == null) {
            throw new Refused(403, "This download link is not complete: copy all of it.");
        }
        switch (links.check(deliveryId, expires, signature)) {
            case FORGED -> throw new Refused(403, "This download link is not valid: copy all of it, or ask the"
                    + " venue to send the file again.");
            case EXPIRED -> throw new Refused(410, "This download link expired on "
                    + times.at(Instant.ofEpochSecond(expires)) + ". Ask the venue to send the file again.");
            case VALID -> {
                // Followed below.
            }
        }
        Delivery delivery = deliveries.find(deliveryId).filter(found -> found.destinationId() != null)
                .orElseThrow(() -> new Refused(404, "There is no such file."));
        ReportRun run = runs.find(delivery.runId()).orElseThrow(() -> new Refused(404, "There is no such file."));
        if (run.fileState(clock.instant()) != ReportRun.FileState.AVAILABLE) {
            throw new Refused(410, "The file this link leads to is no longer kept (files are kept for a while"
                    + " only). Ask the venue to run the report again.");
        }
        if (!deliveries.useLink(deliveryId)) {
            throw new Refused(410, "This download link was used already: each link works once. The company's"
                    + " users can download the file on the portal, or ask the venue to send it again.");
        }
        String company = companies.name(run.partnerCompanyId()).orElse("a partner company");
        audit.record("web address of " + company + " (" + delivery.recipient() + ")", AuditLog.Kind.RUN_DOWNLOADED,
                run.partnerCompanyId(), run.id(), run.rowCount(), run.fileName() + " (link sent to a web address,"
                        + " delivery " + deliveryId + ")");
        recipients.record(run.id(), RunRecipients.Kind.WEBHOOK, delivery.recipient(), RunRecipients.How.DOWNLOAD);
        return new PortalRuns.RunFile(run, Path.of(run.location()));
    }
}
