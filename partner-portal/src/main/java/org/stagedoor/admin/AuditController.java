package org.stagedoor.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.find.AuditFilter;

/**
 * The audit log, newest first, a page at a time, narrowed by report, company, kind, person and days; and the same
 * entries as a CSV file. The filters stay in the address, so a page can be bookmarked or sent on.
 */
@Controller
class AuditController {

    private final AuditSearch search;

    private final ConsoleQueries queries;

    private final ReportCatalogue catalogue;

    AuditController(AuditSearch search, ConsoleQueries queries, ReportCatalogue catalogue) {
        this.search = search;
        this.queries = queries;
        this.catalogue = catalogue;
    }

    @GetMapping("/admin/audit")
    String log(@ModelAttribute("filter") AuditFilter filter, Model model) {
        model.addAttribute("kinds", AuditLog.Kind.values());
        model.addAttribute("reports", reports());
        model.addAttribute("page", search.page(filter, AuditSearch.PAGE_SIZE));
        model.addAttribute("pageSize", AuditSearch.PAGE_SIZE);
        model.addAttribute("partnerNames", queries.partnerNames());
        model.addAttribute("reportTitles", reports().stream()
                .collect(Collectors.toMap(ReportDefinition::id, ReportDefinition::title)));
        return "admin/audit";
    }

    /** Every entry the filters select, streamed as the database sends them. */
    @GetMapping("/admin/audit.csv")
    ResponseEntity<StreamingResponseBody> export(@ModelAttribute AuditFilter filter) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("audit-log.csv").build().toString())
                .body(out -> search.export(filter, out));
    }

    private List<ReportDefinition> reports() {
        return catalogue.all();
    }
}
