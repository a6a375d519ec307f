package org.stagedoor.admin;

import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.venue.Venue;
import org.stagedoor.booking.venue.VenueSettings;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TwoStepSignIn;

/**
 * The venue's own settings: its name, the partner-company preference-group text shown online above the
 * partner companies' questions (P-1), whether new "someone else" customers need a date of birth (F-5), and whether
 * everyone who can download customers' personal data must use two-step sign-in. Also the
 * venue system tokens its sales channels call the booking API with, issued and revoked as a partner
 * company's tokens are on its page.
 */
@Controller
@RequestMapping("/admin/venue")
class VenueController {

    private final Venue venue;

    private final AuditLog audit;

    private final TransactionTemplate transaction;

    private final ApiTokens apiTokens;

    private final TwoStepSignIn twoStep;

    VenueController(Venue venue, AuditLog audit, PlatformTransactionManager transactions, ApiTokens apiTokens,
            TwoStepSignIn twoStep) {
        this.twoStep = twoStep;
        this.venue = venue;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.apiTokens = apiTokens;
    }

    @GetMapping
    ModelAndView settings() {
        return page(venue.settings(), FieldMessages.NONE, HttpStatus.OK);
    }

    /**
     * Issues a venue system token and shows its secret on the page answered — once: it is not kept, so not behind a
     * redirect either, and the answer is not cached.
     */
    @PostMapping("/api-tokens")
    ModelAndView issueToken(@ModelAttribute("tokenForm") ApiTokenForm form,
            @AuthenticationPrincipal StagedoorUser user, HttpServletResponse response) {
        try {
            ApiTokens.Issued issued = apiTokens.issueVenue(form.getName(), ApiTokenForm.days(form.getValidityDays()),
                    user.email());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            ModelAndView page = page(venue.settings(), FieldMessages.NONE, HttpStatus.OK);
            page.addObject("issued", issued);
            return page;
        }
        catch (InvalidRequestException ex) {
            ModelAndView page = page(venue.settings(), FieldMessages.NONE, HttpStatus.BAD_REQUEST);
            page.addObject("tokenForm", form);
            page.addObject("tokenErrors", FieldMessages.of(ex));
            return page;
        }
    }

    @PostMapping("/api-tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable long tokenId, @AuthenticationPrincipal StagedoorUser user) {
        apiTokens.revokeVenue(tokenId, user.email());
        return "redirect:/admin/venue?revoked#api-tokens";
    }

    /** Requires two-step sign-in of everyone who can download personal data, or no longer (audited). */
    @PostMapping("/two-step")
    String requireTwoStep(@RequestParam(defaultValue = "false") boolean required,
            @AuthenticationPrincipal StagedoorUser user) {
        twoStep.requireForPersonalData(required, user.email());
        return "redirect:/admin/venue?twoStepSaved#two-step";
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

    private ModelAndView page(VenueSettings settings, FieldMessages errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/venue");
        page.addObject("settings", settings);
        page.addObject("errors", errors);
        page.addObject("apiTokens", apiTokens.venueTokens());
        page.addObject("twoStepForPersonalData", twoStep.isRequiredForPersonalData());
        page.addObject("tokenForm", ApiTokenForm.withDays(apiTokens.defaultValidityDays()));
        page.addObject("tokenErrors", FieldMessages.NONE);
        page.addObject("maxValidityDays", apiTokens.maxValidityDays());
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
