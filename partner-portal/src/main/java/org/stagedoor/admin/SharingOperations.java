package org.stagedoor.admin;

import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.sharing.ManifestRecords;
import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.booking.NotFoundException;

/**
 * An administrator's look at personal data shared with partner companies (R-6, P-8): a customer's subject access
 * report and a run's manifest. Each look shows personal data, so each is in the audit log; the console's pages and
 * its JSON API both look through here.
 */
@Component
class SharingOperations {

    private final SubjectAccess subjectAccess;

    private final ManifestRecords manifests;

    private final AuditLog audit;

    SharingOperations(SubjectAccess subjectAccess, ManifestRecords manifests, AuditLog audit) {
        this.subjectAccess = subjectAccess;
        this.manifests = manifests;
        this.audit = audit;
    }

    /** Every run that shared the customer's data with a partner company, audited as SUBJECT_ACCESS. */
    SubjectAccess.Report subjectAccess(long customerId, String actor) {
        SubjectAccess.Report report = subjectAccess.of(customerId);
        audit.record(actor, AuditLog.Kind.SUBJECT_ACCESS, null, null, (long) report.shared().size(),
                report.summary());
        return report;
    }

    /**
     * What the run's file carried to the partner company and who received it, audited as MANIFEST_DOWNLOADED.
     *
     * @throws NotFoundException when the run carried no personal data
     */
    ManifestRecords.Manifest manifest(long runId, String actor) {
        ManifestRecords.Manifest manifest = manifests.find(runId)
                .orElseThrow(() -> new NotFoundException("manifest", runId));
        audit.record(actor, AuditLog.Kind.MANIFEST_DOWNLOADED, manifest.partnerCompanyId(), runId,
                manifest.rowCount(), manifest.summary());
        return manifest;
    }
}
