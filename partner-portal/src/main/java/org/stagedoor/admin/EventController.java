package org.stagedoor.admin;

import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.booking.event.Events;
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

    private final EventAssignments assignments;

    EventController(Events events, ConsoleQueries queries, EventAssignments assignments) {
        this.events = events;
        this.queries = queries;
        this.assignments = assignments;
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
        assignments.assign(id, ids == null ? Set.of() : ids, user.email());
        return "redirect:/admin/events/" + id + "?saved";
    }
}
