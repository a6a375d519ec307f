package org.stagedoor.admin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.Delivery;
import org.stagedoor.scheduler.delivery.DeliveryStatus;
import org.stagedoor.security.StagedoorUser;

/**
 * The mail outbox: one row per message and recipient with how sending it went, filtered by status. A FAILED
 * delivery, or an UNKNOWN one (it may or may not have arrived, so it is never resent by itself), can be sent
 * again: that is the administrator's decision.
 */
@Controller
@RequestMapping("/admin/deliveries")
class DeliveryController {

    private static final int MAX_LIMIT = 1000;

    private final Deliveries deliveries;

    private final ConsoleQueries queries;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    DeliveryController(Deliveries deliveries, ConsoleQueries queries, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.queries = queries;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping
    String list(@RequestParam(required = false) DeliveryStatus status, @RequestParam(defaultValue = "200") int limit,
            Model model) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        model.addAttribute("status", status);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("counts", queries.deliveryCounts());
        model.addAttribute("limit", bounded);
        model.addAttribute("deliveries", deliveries.recent(status, bounded));
        model.addAttribute("partnerNames", queries.partnerNames());
        return "admin/deliveries";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        Delivery delivery = deliveries.find(id).orElseThrow(() -> new NotFoundException("delivery", id));
        transaction.executeWithoutResult(status -> {
            deliveries.retry(id);
            audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, null, delivery.runId(), null,
                    "sent delivery " + id + " to " + delivery.recipient() + " again (was " + delivery.status() + ": "
                            + delivery.subject() + ")");
        });
        return "redirect:/admin/deliveries?retried=" + id;
    }
}
