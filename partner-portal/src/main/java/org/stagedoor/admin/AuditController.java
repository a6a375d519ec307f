package org.stagedoor.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.audit.AuditLog;

/** The audit log, newest first, all of it or one kind: logins, runs, downloads and administrators' changes. */
@Controller
class AuditController {

    private static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    private final ConsoleQueries queries;

    AuditController(AuditLog audit, ConsoleQueries queries) {
        this.audit = audit;
        this.queries = queries;
    }

    @GetMapping("/admin/audit")
    String log(@RequestParam(required = false) AuditLog.Kind kind, @RequestParam(defaultValue = "200") int limit,
            Model model) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", AuditLog.Kind.values());
        model.addAttribute("limit", bounded);
        model.addAttribute("entries", audit.recent(kind, bounded));
        model.addAttribute("partnerNames", queries.partnerNames());
        return "admin/audit";
    }
}
