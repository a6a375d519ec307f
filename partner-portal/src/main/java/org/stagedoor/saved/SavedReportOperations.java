package org.stagedoor.saved;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.run.RunStarts;
import org.stagedoor.security.StagedoorUser;

/**
 * What administrators and partner users do with saved reports and customer lists, for the console's pages, the
 * portal's and both APIs alike: each change is checked, saved and audited in one transaction. Administrators reach
 * every definition; a partner company's users only their company's own lists, and only when the venue lets the
 * company build lists.
 */
@Service
public class SavedReportOperations {

    private final SavedReports saved;

    private final PartnerCompanies companies;

    private final AuditLog audit;

    private final ReportCatalogue catalogue;

    private final RunStarts starts;

    SavedReportOperations(SavedReports saved, PartnerCompanies companies, AuditLog audit, ReportCatalogue catalogue,
            RunStarts starts) {
        this.saved = saved;
        this.companies = companies;
        this.audit = audit;
        this.catalogue = catalogue;
        this.starts = starts;
    }

    /**
     * Runs one of the venue's definitions for the venue (administrators only), queued on the cluster, with its own
     * settings; the run and its audit entry commit together.
     */
    @Transactional
    public ReportRun runForVenue(StagedoorUser admin, long id) {
        SavedReport definition = editable(admin, id);
        if (!saved.runsForVenue(definition)) {
            throw new InvalidRequestException("savedReport", "\"" + definition.name() + "\" runs for partner"
                    + " companies, each seeing only its own customers; grant it to them, or schedule it");
        }
        ReportRun run = starts.queue(starts.request(definition, null, Map.of(), null, admin.email()));
        audit.record(admin.email(), AuditLog.Kind.RUN_STARTED, null, run.id(), null, run.reportId()
                + " (saved report " + id + " version " + definition.version() + ") for the venue " + run.format());
        return run;
    }

    /** A definition as the APIs show it, with when the asking company last ran it (null: never, or not asked). */
    public SavedReportView view(SavedReport definition, Instant lastRunAt) {
        return SavedReportView.of(definition, catalogue.find(definition.reportId()).orElseThrow(), lastRunAt);
    }

    /** A definition the user may edit: any for an administrator; the company's own lists for its users. */
    public SavedReport editable(StagedoorUser user, long id) {
        SavedReport definition = saved.find(id).filter(candidate -> !candidate.isRetired())
                .orElseThrow(() -> new NotFoundException("saved report", id));
        if (!user.isAdmin() && !definition.ownerPartnerCompanyId().equals(user.partnerCompanyId())) {
            throw new NotFoundException("saved report", id);
        }
        return definition;
    }

    /** Saves a new definition: the venue's when an administrator makes it, otherwise the user's company's own. */
    @Transactional
    public SavedReport create(StagedoorUser user, SavedReportDraft draft) {
        Long owner = owner(user);
        SavedReport created = saved.create(owner, draft, user.email());
        audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, owner, null, null, "saved the report \""
                + created.name() + "\" (saved report " + created.id() + ")", user.apiTokenId());
        return created;
    }

    /** Saves the next version of a definition the user may edit. */
    @Transactional
    public SavedReport update(StagedoorUser user, long id, SavedReportDraft draft) {
        SavedReport before = editable(user, id);
        SavedReport after = saved.update(before.id(), draft, user.email());
        audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, before.ownerPartnerCompanyId(), null, null,
                "saved version " + after.version() + " of the report \"" + after.name() + "\" (saved report " + id
                        + ")", user.apiTokenId());
        return after;
    }

    /** Withdraws a definition: no longer offered nor run; its runs stay. */
    @Transactional
    public SavedReport retire(StagedoorUser user, long id) {
        SavedReport before = editable(user, id);
        SavedReport after = saved.retire(before.id());
        audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, before.ownerPartnerCompanyId(), null, null,
                "withdrew the report \"" + before.name() + "\" (saved report " + id + ")", user.apiTokenId());
        return after;
    }

    /** Grants one of the venue's definitions to exactly these partner companies (administrators only). */
    @Transactional
    public void grant(StagedoorUser admin, long id, Collection<Long> partnerCompanyIds) {
        SavedReport definition = editable(admin, id);
        Set<Long> partners = new LinkedHashSet<>(partnerCompanyIds);
        List<String> names = partners.stream().map(partner -> company(partner).name()).toList();
        saved.grant(definition.id(), partners, admin.email());
        audit.record(admin.email(), AuditLog.Kind.ADMIN_CHANGE, null, null, null, "granted the report \""
                + definition.name() + "\" to " + (names.isEmpty() ? "no partner company" : String.join(", ", names)));
    }

    /**
     * Grants exactly these of the venue's definitions to a partner company, and whether its users may build lists
     * of their own (administrators only).
     */
    @Transactional
    public void grantToCompany(StagedoorUser admin, long partnerCompanyId, Collection<Long> savedIds,
            boolean buildsOwnLists) {
        PartnerCompany company = company(partnerCompanyId);
        saved.grantToCompany(company.id(), savedIds, admin.email());
        saved.allowOwnLists(company.id(), buildsOwnLists);
        List<String> names = savedIds.stream().distinct().map(id -> "\"" + saved.get(id).name() + "\"").toList();
        audit.record(admin.email(), AuditLog.Kind.ADMIN_CHANGE, company.id(), null, null, "granted partner company "
                + company.id() + " '" + company.name() + "' the reports: "
                + (names.isEmpty() ? "none" : String.join(", ", names))
                + (buildsOwnLists ? "; its users may build their own customer lists"
                        : "; its users may not build their own customer lists"));
    }

    private Long owner(StagedoorUser user) {
        if (user.isAdmin()) {
            return null;
        }
        long company = user.partnerCompanyId();
        if (!saved.buildsOwnLists(company)) {
            throw new InvalidRequestException("report", "the venue has not set your company up to build its own"
                    + " customer lists; ask the venue");
        }
        return company;
    }

    private PartnerCompany company(long id) {
        try {
            return companies.get(id);
        }
        catch (NotFoundException ex) {
            throw new InvalidRequestException("partnerCompanies", "names a partner company that does not exist");
        }
    }
}
