package org.stagedoor.admin;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.saved.SavedReportOperations;
import org.stagedoor.saved.SavedReportRequest;
import org.stagedoor.saved.SavedReportView;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * The administrators' JSON API for saved reports and customer lists: the same operations and audit entries as the
 * console's pages ({@link SavedReportController}). Unknown and withdrawn ids answer 404.
 */
@ApiController("/api/admin")
@Tag(name = "Saved reports", description = "Saved reports and customer lists, their versions and grants")
class SavedReportApiController {

    private final SavedReports saved;

    private final SavedReportOperations operations;

    private final JsonMapper json;

    SavedReportApiController(SavedReports saved, SavedReportOperations operations, JsonMapper json) {
        this.saved = saved;
        this.operations = operations;
        this.json = json;
    }

    /** A saved definition with the partner companies it is granted to and what stops it from running. */
    record SavedReportDetail(SavedReportView savedReport, Set<Long> grantedTo, List<String> problems) {
    }

    @Operation(summary = "Every saved report and list: the venue's and those partner companies built")
    @GetMapping("/saved-reports")
    List<SavedReportView> all() {
        return saved.all().stream().map(definition -> operations.view(definition, null)).toList();
    }

    @Operation(summary = "One saved report or list, to whom it is granted, and what stops it from running")
    @GetMapping("/saved-reports/{id}")
    SavedReportDetail one(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        SavedReport definition = operations.editable(user, id);
        return new SavedReportDetail(operations.view(definition, null), saved.grantedTo(id),
                saved.problems(definition));
    }

    @Operation(summary = "Every version of a saved report, the newest first")
    @GetMapping("/saved-reports/{id}/versions")
    List<SavedReportView> versions(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        operations.editable(user, id);
        return saved.versions(id).stream().map(version -> operations.view(version, null)).toList();
    }

    @Operation(summary = "Save a report or customer list for the venue",
            description = "Checked as a run of it would be; answers 201 with what was saved.")
    @PostMapping("/saved-reports")
    ResponseEntity<SavedReportView> create(@RequestBody SavedReportRequest request,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        SavedReport created = operations.create(user, request.draft(json));
        return ResponseEntity.created(URI.create("/api/admin/saved-reports/" + created.id()))
                .body(operations.view(created, null));
    }

    @Operation(summary = "Save the next version of a saved report", description = "Earlier versions and their runs"
            + " stay; the report it runs cannot change.")
    @PutMapping("/saved-reports/{id}")
    SavedReportView update(@PathVariable long id, @RequestBody SavedReportRequest request,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return operations.view(operations.update(user, id, request.draft(json)), null);
    }

    @Operation(summary = "Withdraw a saved report: nobody can run it any more; its runs stay")
    @DeleteMapping("/saved-reports/{id}")
    ResponseEntity<Void> retire(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        operations.retire(user, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Grant one of the venue's saved reports to exactly these partner companies",
            description = "The body is the list of partner company ids; the others lose it.")
    @PutMapping("/saved-reports/{id}/grants")
    Set<Long> grant(@PathVariable long id, @RequestBody List<Long> partnerCompanies,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        if (partnerCompanies == null || partnerCompanies.stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("partnerCompanies", "give the list of partner companies");
        }
        operations.grant(user, id, partnerCompanies);
        return saved.grantedTo(id);
    }
}
