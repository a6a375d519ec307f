package org.stagedoor.admin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.scheduler.delivery.Deliveries;
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

    private final DeliveryOperations operations;

    DeliveryController(Deliveries deliveries, ConsoleQueries queries, DeliveryOperations operations) {
        this.deliveries = deliveries;
        this.queries = queries;
        this.operations = operations;
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
        operations.retry(id, user.email());
        return "redirect:/admin/deliveries?retried=" + id;
    }
}
