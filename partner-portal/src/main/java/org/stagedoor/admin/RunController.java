package org.stagedoor.admin;

import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.sharing.ManifestRecords;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.find.RunFilter;
import org.stagedoor.portal.EmptyResults;
import org.stagedoor.portal.RunPreview;
import org.stagedoor.security.StagedoorUser;

/**
 * Every run, of every partner company and the venue, newest first: status, for whom, who asked, how long it
 * took, rows, and why it failed. A FAILED or STOPPED run can be restarted (it yields the file of an
 * uninterrupted run, docs/reports-and-lists.md); a RUNNING one can be asked to stop. A run that carried personal
 * data to a partner company shows its manifest, kept after the file expired and downloadable as JSON.
 */
@Controller
@RequestMapping("/admin/runs")
class RunController {

    private static final int PAGE_SIZE = 50;

    private final ConsoleQueries queries;

    private final RunRecords records;

    private final RunOperations operations;

    private final SharingOperations sharing;

    private final ManifestRecords manifests;

    private final SavedReports saved;

    private final ReportCatalogue catalogue;

    private final RunPreview preview;

    private final EmptyResults empty;

    private final RunProgress progress;

    RunController(ConsoleQueries queries, RunRecords records, RunOperations operations, SharingOperations sharing,
            ManifestRecords manifests, SavedReports saved, ReportCatalogue catalogue, RunPreview preview,
            EmptyResults empty, RunProgress progress) {
        this.progress = progress;
        this.catalogue = catalogue;
        this.preview = preview;
        this.empty = empty;
        this.queries = queries;
        this.records = records;
        this.operations = operations;
        this.sharing = sharing;
        this.manifests = manifests;
        this.saved = saved;
    }

    /** A page of runs, narrowed by report, company, status, who asked and days; the filters stay in the address. */
    @GetMapping
    String list(@ModelAttribute("filter") RunFilter filter, Model model) {
        model.addAttribute("statuses", RunStatus.values());
        model.addAttribute("reports", catalogue.all());
        model.addAttribute("reportTitles", catalogue.all().stream()
                .collect(Collectors.toMap(ReportDefinition::id, ReportDefinition::title)));
        model.addAttribute("partnerNames", queries.partnerNames());
        model.addAttribute("pageSize", PAGE_SIZE);
        model.addAttribute("page", queries.runs(filter, PAGE_SIZE));
        return "admin/runs";
    }

    /** One run: what was asked, what it produced, and its manifest when it carried personal data. */
    @GetMapping("/{id}")
    String run(@PathVariable long id, Model model) {
        ReportRun run = run(id);
        model.addAttribute("run", run);
        model.addAttribute("partnerName", run.partnerCompanyId() == null ? null
                : queries.partnerNames().get(run.partnerCompanyId()));
        model.addAttribute("manifest", manifests.find(id).orElse(null));
        model.addAttribute("saved", run.saved() == null ? null
                : saved.version(run.saved().id(), run.saved().version()));
        ReportDefinition report = catalogue.find(run.reportId()).orElse(null);
        model.addAttribute("preview", report == null ? null : preview.of(run, report).orElse(null));
        model.addAttribute("nothingFound", empty.of(run, report));
        if (run.status() == RunStatus.RUNNING) {
            // As the partner's page says it: rows so far, and how many to expect when an earlier run tells.
            String expected = progress.expected(run).map(rows -> String.format(Locale.ENGLISH, ", of %s%,d",
                    rows.about() ? "about " : "", rows.rows())).orElse("");
            model.addAttribute("rowsSoFar", String.format(Locale.ENGLISH, "%,d so far%s (reload the page to follow it)",
                    progress.rowsWritten(run), expected));
        }
        // The venue's own runs of a saved definition run again from it; a partner company's runs are its to repeat.
        model.addAttribute("againFrom", run.partnerCompanyId() == null && run.saved() != null
                && saved.find(run.saved().id()).filter(current -> !current.isRetired()).isPresent()
                        ? run.saved().id() : null);
        return "admin/run";
    }

    /**
     * The manifest as a JSON file, for the record of what left the venue; audited. 404 when the run carried
     * no personal data. No {@code produces} here: a 404 is then the console's page, not a refused content type.
     */
    @GetMapping("/{id}/manifest.json")
    @ResponseBody
    ResponseEntity<ManifestRecords.Manifest> manifest(@PathVariable long id,
            @AuthenticationPrincipal StagedoorUser user) {
        ManifestRecords.Manifest manifest = sharing.manifest(id, user.email());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("run-" + id + "-manifest.json").build().toString())
                .body(manifest);
    }

    /**
     * Queues a FAILED or STOPPED run on the scheduler cluster to be restarted: a report can take minutes, and the
     * page should not wait for it. The runs page shows it QUEUED, RUNNING, then how it ended.
     */
    @PostMapping("/{id}/restart")
    String restart(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.restart(id, user.email());
        return "redirect:/admin/runs?restarted=" + id;
    }

    /** Asks a RUNNING run to stop at its next chunk; it is then STOPPED and can be restarted. */
    @PostMapping("/{id}/stop")
    String stop(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        operations.stop(id, user.email());
        return "redirect:/admin/runs?stopping=" + id;
    }

    private ReportRun run(long id) {
        return records.find(id).orElseThrow(() -> new NotFoundException("run", id));
    }
}
