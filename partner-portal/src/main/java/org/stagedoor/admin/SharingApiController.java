package org.stagedoor.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.sharing.ManifestRecords;
import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * The administrators' JSON API for accountable sharing (R-6, P-8): subject access, run manifests and the
 * personal-data columns a partner company may receive. The same services and audit entries as the console's pages
 * ({@link SubjectAccessController}, {@link RunController}, {@link PartnerCompanyController}); unknown ids 404.
 */
@ApiController("/api/admin")
@Tag(name = "Accountable sharing", description = "Subject access, run manifests, partner companies' shared columns")
class SharingApiController {

    private static final int MAX_LIMIT = 1000;

    private final SharingOperations sharing;

    private final ManifestRecords manifests;

    private final PartnerCompanies companies;

    private final PartnerCompanyOperations operations;

    SharingApiController(SharingOperations sharing, ManifestRecords manifests, PartnerCompanies companies,
            PartnerCompanyOperations operations) {
        this.sharing = sharing;
        this.manifests = manifests;
        this.companies = companies;
        this.operations = operations;
    }

    @Operation(summary = "Subject access: every run that shared a customer's data with a partner company",
            description = "With the consent at each run's cut-off, the email shared, the file's recipients and whether"
                    + " the file still exists, and the withdrawal notices sent about the customer. Audited"
                    + " (SUBJECT_ACCESS); 404 for an unknown customer.")
    @GetMapping("/customers/{id}/sharing")
    SubjectAccess.Report sharing(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return sharing.subjectAccess(id, user.email());
    }

    @Operation(summary = "A run's manifest: what its file carried to the partner company, and who received it",
            description = "Kept after the file expired. Audited (MANIFEST_DOWNLOADED); 404 when the run carried no"
                    + " personal data.")
    @GetMapping("/runs/{id}/manifest")
    ManifestRecords.Manifest manifest(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return sharing.manifest(id, user.email());
    }

    @Operation(summary = "A partner company's manifests, newest first")
    @GetMapping("/partner-companies/{id}/manifests")
    List<ManifestRecords.Manifest> manifests(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        companies.get(id);
        return manifests.ofPartnerCompany(id, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    @Operation(summary = "The personal-data columns a partner company's files may hold (customer-list column names)")
    @GetMapping("/partner-companies/{id}/shared-columns")
    List<String> sharedColumns(@PathVariable long id) {
        return operations.sharedColumns(id);
    }

    @Operation(summary = "Set exactly these personal-data columns for a partner company",
            description = "The body is the list of column names (id, title, first_name, last_name, organisation_name,"
                    + " name, email, phone, mobile, postcode, preference_set_at, preference_channel); an empty list"
                    + " shares none. An unknown name is refused (field sharedColumns) and nothing changes.")
    @PutMapping("/partner-companies/{id}/shared-columns")
    List<String> shareColumns(@PathVariable long id, @RequestBody List<String> columns,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return operations.shareColumns(id, columns, user.email());
    }
}
