package org.stagedoor.admin;

import java.util.Objects;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.venue.Venue;
import org.stagedoor.booking.venue.VenueSettings;
import org.stagedoor.security.StagedoorUser;

/**
 * The venue's own settings: its name, the partner-company preference-group text shown online above the
 * partner companies' questions (P-1), and whether new "someone else" customers need a date of birth (F-5).
 */
@Controller
@RequestMapping("/admin/venue")
class VenueController {

    private final Venue venue;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    VenueController(Venue venue, AuditLog audit, PlatformTransactionManager transactions) {
        this.venue = venue;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping
    ModelAndView settings() {
        return page(venue.settings(), FieldMessages.NONE, HttpStatus.OK);
    }

    @PostMapping
    ModelAndView update(@RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String partnerPreferenceGroupText,
            @RequestParam(defaultValue = "false") boolean dateOfBirthRequired,
            @AuthenticationPrincipal StagedoorUser user) {
        VenueSettings before = venue.settings();
        try {
            transaction.executeWithoutResult(status -> {
                VenueSettings after = venue.update(name, partnerPreferenceGroupText, dateOfBirthRequired);
                audit.adminChange(user.email(), "changed the venue settings: " + changes(before, after));
            });
            return new ModelAndView("redirect:/admin/venue?saved");
        }
        catch (BookingRuleViolation ex) {
            return page(new VenueSettings(before.id(), name, partnerPreferenceGroupText, dateOfBirthRequired),
                    FieldMessages.of("name", ex.words()), HttpStatus.BAD_REQUEST);
        }
    }

    private static ModelAndView page(VenueSettings settings, FieldMessages errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/venue");
        page.addObject("settings", settings);
        page.addObject("errors", errors);
        page.setStatus(status);
        return page;
    }

    private static String changes(VenueSettings before, VenueSettings after) {
        StringBuilder changes = new StringBuilder();
        if (!Objects.equals(before.name(), after.name())) {
            changes.append("name '").append(before.name()).append("' -> '").append(after.name()).append("'; ");
        }
        if (!Objects.equals(before.partnerPreferenceGroupText(), after.partnerPreferenceGroupText())) {
            changes.append("preference-group text changed; ");
        }
        if (before.dateOfBirthRequired() != after.dateOfBirthRequired()) {
            changes.append(after.dateOfBirthRequired() ? "date of birth now required"
                    : "date of birth no longer required")
                    .append(" for new \"someone else\" customers; ");
        }
        return changes.length() == 0 ? "nothing changed" : changes.substring(0, changes.length() - 2);
    }
}
