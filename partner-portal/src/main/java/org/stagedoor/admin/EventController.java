package org.stagedoor.admin;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
import org.stagedoor.booking.event.Event;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.security.StagedoorUser;

/**
 * Events and their partner companies (P-2, P-7): the list shows the companies assigned to each event; editing
 * an event shows every partner company, ticked where assigned. A company added after a booking sets no
 * preference (P-5): its customers are asked at their next booking.
 */
@Controller
@RequestMapping("/admin/events")
class EventController {

    private static final int PAGE_SIZE = 50;

    private final Events events;

    private final ConsoleQueries queries;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    EventController(Events events, ConsoleQueries queries, AuditLog audit, PlatformTransactionManager transactions) {
        this.events = events;
        this.queries = queries;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        int current = Math.max(0, page);
        long total = queries.eventCount(q);
        model.addAttribute("q", q);
        model.addAttribute("page", current);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
        model.addAttribute("events", queries.events(q, PAGE_SIZE, current * PAGE_SIZE));
        return "admin/events";
    }

    @GetMapping("/{id}")
    String event(@PathVariable long id, Model model) {
        model.addAttribute("event", events.get(id));
        model.addAttribute("choices", events.partnerChoices(id));
        model.addAttribute("performances", queries.performances(id));
        return "admin/event";
    }

    /** Assigns exactly the ticked partner companies to the event. */
    @PostMapping("/{id}/partners")
    String assign(@PathVariable long id, @RequestParam(name = "partnerCompanyIds", required = false) Set<Long> ids,
            @AuthenticationPrincipal StagedoorUser user) {
        Set<Long> chosen = ids == null ? Set.of() : ids;
        transaction.executeWithoutResult(status -> {
            Event event = events.get(id);
            events.assignPartners(id, chosen);
            String names = events.partnersOf(id).stream().map(PartnerCompany::name).collect(Collectors.joining(", "));
            audit.adminChange(user.email(), "assigned to event " + id + " '" + event.name() + "' the partner companies "
                    + new TreeSet<>(chosen) + (names.isEmpty() ? " (none)" : " (" + names + ")"));
        });
        return "redirect:/admin/events/" + id + "?saved";
    }
}
