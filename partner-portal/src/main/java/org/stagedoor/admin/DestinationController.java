package org.stagedoor.admin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.scheduler.destination.Destination;
import org.stagedoor.scheduler.destination.DestinationSettings;
import org.stagedoor.scheduler.destination.Destinations;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.Schedules;
import org.stagedoor.security.StagedoorUser;

/**
 * Where a partner company's scheduled reports go besides email: its SFTP servers (the server's key fetched and shown
 * for the administrator to confirm before it is pinned) and web addresses told a file is ready (their secret shown
 * once, replaceable), and which schedules each receives. Every change is audited.
 */
@Controller
@RequestMapping("/admin/partners/{id}/destinations")
class DestinationController {

    private final PartnerCompanies companies;

    private final Destinations destinations;

    private final DestinationOperations operations;

    private final Schedules schedules;

    private final DestinationSettings settings;

    DestinationController(PartnerCompanies companies, Destinations destinations, DestinationOperations operations,
            Schedules schedules, DestinationSettings settings) {
        this.settings = settings;
        this.companies = companies;
        this.destinations = destinations;
        this.operations = operations;
        this.schedules = schedules;
    }

    @GetMapping
    ModelAndView page(@PathVariable long id) {
        return page(id, HttpStatus.OK, Map.of());
    }

    /** Shows the key the server presents, and the form to add it with that key filled in, to confirm. */
    @PostMapping("/fetch-key")
    ModelAndView fetchKey(@PathVariable long id, @ModelAttribute("sftpForm") DestinationForm form) {
        try {
            String fingerprint = destinations.fetchFingerprint(form.getHost(), form.port());
            form.setHostKeyFingerprint(fingerprint);
            return page(id, HttpStatus.OK, Map.of("sftpForm", form.withoutSecrets(), "fetched", fingerprint));
        }
        catch (InvalidRequestException ex) {
            return page(id, HttpStatus.BAD_REQUEST, Map.of("sftpForm", form.withoutSecrets(), "sftpErrors",
                    FieldMessages.of(ex)));
        }
    }

    @PostMapping("/sftp")
    ModelAndView addSftp(@PathVariable long id, @ModelAttribute("sftpForm") DestinationForm form,
            @AuthenticationPrincipal StagedoorUser user) {
        try {
            operations.addSftp(id, form, user.email());
            return new ModelAndView("redirect:/admin/partners/" + id + "/destinations?added");
        }
        catch (InvalidRequestException ex) {
            return page(id, HttpStatus.BAD_REQUEST, Map.of("sftpForm", form.withoutSecrets(), "sftpErrors",
                    FieldMessages.of(ex)));
        }
    }

    /** Adds a web address and shows its secret on the page answered — once: not behind a redirect, not cached. */
    @PostMapping("/webhook")
    ModelAndView addWebhook(@PathVariable long id, @ModelAttribute("webhookForm") DestinationForm form,
            @AuthenticationPrincipal StagedoorUser user, HttpServletResponse response) {
        try {
            Destinations.Issued issued = operations.addWebhook(id, form, user.email());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            return page(id, HttpStatus.OK, Map.of("issued", issued));
        }
        catch (InvalidRequestException ex) {
            return page(id, HttpStatus.BAD_REQUEST, Map.of("webhookForm", form, "webhookErrors",
                    FieldMessages.of(ex)));
        }
    }

    @PostMapping("/{destinationId}/secret")
    ModelAndView replaceSecret(@PathVariable long id, @PathVariable long destinationId,
            @AuthenticationPrincipal StagedoorUser user, HttpServletResponse response) {
        Destinations.Issued issued = operations.replaceSecret(id, destinationId, user.email());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return page(id, HttpStatus.OK, Map.of("issued", issued, "replaced", true));
    }

    @PostMapping("/{destinationId}/remove")
    String remove(@PathVariable long id, @PathVariable long destinationId,
            @AuthenticationPrincipal StagedoorUser user) {
        operations.remove(id, destinationId, user.email());
        return "redirect:/admin/partners/" + id + "/destinations?removed";
    }

    /** Sets exactly the ticked schedules the destination receives. */
    @PostMapping("/{destinationId}/schedules")
    String chooseSchedules(@PathVariable long id, @PathVariable long destinationId,
            @RequestParam(name = "schedules", required = false) List<Long> chosen,
            @AuthenticationPrincipal StagedoorUser user) {
        operations.setSchedules(id, destinationId, chosen == null ? Set.of() : new LinkedHashSet<>(chosen),
                user.email());
        return "redirect:/admin/partners/" + id + "/destinations?schedulesSaved#destination-" + destinationId;
    }

    private ModelAndView page(long id, HttpStatus status, Map<String, ?> overrides) {
        PartnerCompany company = companies.get(id);
        ModelAndView page = new ModelAndView("admin/destinations");
        List<Destination> list = destinations.ofCompany(id);
        Map<Long, Set<Long>> chosen = new LinkedHashMap<>();
        list.forEach(destination -> chosen.put(destination.id(), destinations.schedulesOf(destination.id())));
        page.addObject("company", company);
        page.addObject("destinations", list);
        page.addObject("chosen", chosen);
        page.addObject("schedules", schedules.list().stream().map(Schedules.ScheduleView::schedule)
                .filter(schedule -> schedule.fanOut() != FanOut.VENUE && (schedule.fanOut() != FanOut.ONE_PARTNER
                        || Long.valueOf(id).equals(schedule.partnerCompanyId())))
                .toList());
        page.addObject("linkHours", settings.linkValidity().toHours());
        page.addObject("sftpForm", new DestinationForm());
        page.addObject("sftpErrors", FieldMessages.NONE);
        page.addObject("webhookForm", new DestinationForm());
        page.addObject("webhookErrors", FieldMessages.NONE);
        page.addAllObjects(overrides);
        page.setStatus(status);
        return page;
    }
}
