package org.stagedoor.admin;

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
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.batch.sharing.ManifestRecords;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.partner.Wikitext;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TwoStepSignIn;

/**
 * Partner companies (P-1, P-7): the list, creating and editing one with a preview of its web description
 * rendered as the customer will see it (safe HTML from the wikitext, never the raw text), its users
 * (invited by email) and whether they must use two-step sign-in, the reports its users may run and its API tokens
 * the personal-data columns its files
 * may hold and the manifests of the personal data it received.
 */
@Controller
@RequestMapping("/admin/partners")
class PartnerCompanyController {

    private static final int RECENT_MANIFESTS = 20;

    private final PartnerCompanies companies;

    private final PartnerCompanyOperations operations;

    private final Accounts accounts;

    private final SavedReports saved;

    private final ApiTokens apiTokens;

    private final ConsoleQueries queries;

    private final ManifestRecords manifests;

    private final EventAssignments assignments;

    private final TwoStepSignIn twoStep;

    PartnerCompanyController(PartnerCompanies companies, PartnerCompanyOperations operations, Accounts accounts,
            SavedReports saved, ApiTokens apiTokens, ConsoleQueries queries, ManifestRecords manifests,
            EventAssignments assignments, TwoStepSignIn twoStep) {
        this.twoStep = twoStep;
        this.assignments = assignments;
        this.companies = companies;
        this.operations = operations;
        this.accounts = accounts;
        this.saved = saved;
        this.apiTokens = apiTokens;
        this.queries = queries;
        this.manifests = manifests;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("companies", queries.partnerSummaries());
        return "admin/partners";
    }

    @GetMapping("/new")
    String newCompany(Model model) {
        model.addAttribute("form", new CompanyForm());
        model.addAttribute("errors", FieldMessages.NONE);
        return "admin/partner-new";
    }

    @PostMapping
    ModelAndView create(@ModelAttribute("form") CompanyForm form, @RequestParam(defaultValue = "save") String action,
            @AuthenticationPrincipal StagedoorUser user) {
        if (action.equals("preview")) {
            return newCompanyPage(form, FieldMessages.NONE, HttpStatus.OK)
                    .addObject("preview", Wikitext.toSafeHtml(form.getWebDescription()));
        }
        try {
            PartnerCompany company = operations.create(form.toRequest(), user.email());
            return new ModelAndView("redirect:/admin/partners/" + company.id() + "?created");
        }
        catch (InvalidRequestException ex) {
            return newCompanyPage(form, FieldMessages.of(ex), HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/{id}")
    ModelAndView company(@PathVariable long id) {
        return companyPage(id, HttpStatus.OK, Map.of());
    }

    @PostMapping("/{id}")
    ModelAndView update(@PathVariable long id, @ModelAttribute("form") CompanyForm form,
            @RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal StagedoorUser user) {
        if (action.equals("preview")) {
            return companyPage(id, HttpStatus.OK,
                    Map.of("form", form, "preview", Wikitext.toSafeHtml(form.getWebDescription())));
        }
        try {
            operations.update(id, form.toRequest(), user.email());
            return new ModelAndView("redirect:/admin/partners/" + id + "?saved");
        }
        catch (InvalidRequestException ex) {
            return companyPage(id, HttpStatus.BAD_REQUEST, Map.of("form", form, "errors", FieldMessages.of(ex)));
        }
    }

    /** Invites a partner user: an account of this company, and an email with a link to choose a password. */
    @PostMapping("/{id}/users")
    ModelAndView invite(@PathVariable long id, @ModelAttribute("invite") PersonForm invite,
            @AuthenticationPrincipal StagedoorUser user) {
        companies.get(id);
        try {
            accounts.invitePartnerUser(id, invite.getEmail(), invite.getDisplayName(), user.email());
            return new ModelAndView("redirect:/admin/partners/" + id + "?invited");
        }
        catch (InvalidRequestException ex) {
            return companyPage(id, HttpStatus.BAD_REQUEST,
                    Map.of("invite", invite, "inviteErrors", FieldMessages.of(ex)));
        }
    }

    /**
     * Grants exactly the ticked saved reports of the venue to the company's users, the others revoked, and
     * whether they may build customer lists of their own.
     */
    @PostMapping("/{id}/grants")
    ModelAndView grant(@PathVariable long id, @RequestParam(name = "savedReports", required = false) List<Long> ids,
            @RequestParam(name = "buildsOwnLists", defaultValue = "false") boolean buildsOwnLists,
            @AuthenticationPrincipal StagedoorUser user) {
        Set<Long> chosen = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        try {
            operations.grant(user, id, chosen, buildsOwnLists);
            return new ModelAndView("redirect:/admin/partners/" + id + "?granted");
        }
        catch (InvalidRequestException ex) {
            return companyPage(id, HttpStatus.BAD_REQUEST,
                    Map.of("granted", chosen, "buildsOwnLists", buildsOwnLists, "grantErrors", FieldMessages.of(ex)));
        }
    }

    /**
     * Issues an API token to the company and shows its secret on the page answered — once: it is not kept, so not
     * behind a redirect either, and the answer is not cached.
     */
    @PostMapping("/{id}/api-tokens")
    ModelAndView issueApiToken(@PathVariable long id, @ModelAttribute("tokenForm") ApiTokenForm form,
            @AuthenticationPrincipal StagedoorUser user, HttpServletResponse response) {
        companies.get(id);
        try {
            ApiTokens.Issued issued = apiTokens.issue(id, form.getName(), ApiTokenForm.days(form.getValidityDays()),
                    user.email());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            return companyPage(id, HttpStatus.OK, Map.of("issued", issued));
        }
        catch (InvalidRequestException ex) {
            return companyPage(id, HttpStatus.BAD_REQUEST, Map.of("tokenForm", form, "tokenErrors",
                    FieldMessages.of(ex)));
        }
    }

    /** Assigns one more event to the company (P-2), as ticking it on the event's page would. */
    @PostMapping("/{id}/events")
    ModelAndView addEvent(@PathVariable long id, @RequestParam(required = false) Long eventId,
            @AuthenticationPrincipal StagedoorUser user) {
        return eventChanged(id, "eventAdded", () -> assignments.add(id, eventId, user.email()));
    }

    /** Takes one event away from the company's, as unticking it on the event's page would. */
    @PostMapping("/{id}/events/{eventId}/remove")
    ModelAndView removeEvent(@PathVariable long id, @PathVariable long eventId,
            @AuthenticationPrincipal StagedoorUser user) {
        return eventChanged(id, "eventRemoved", () -> assignments.remove(id, eventId, user.email()));
    }

    /** Back to the company's events after the change, or its page with the refusal beside the event chooser. */
    private ModelAndView eventChanged(long id, String done, Runnable change) {
        try {
            change.run();
            return new ModelAndView("redirect:/admin/partners/" + id + "?" + done + "#events");
        }
        catch (InvalidBookingRequest ex) {
            return companyPage(id, HttpStatus.BAD_REQUEST, Map.of("eventErrors", FieldMessages.of("eventId",
                    ex.getMessage())));
        }
    }

    /** Requires two-step sign-in of the company's users from their next sign-in, or no longer (audited). */
    @PostMapping("/{id}/two-step")
    String requireTwoStep(@PathVariable long id, @RequestParam(defaultValue = "false") boolean required,
            @AuthenticationPrincipal StagedoorUser user) {
        twoStep.requireForCompany(id, required, user.email());
        return "redirect:/admin/partners/" + id + "?twoStepSaved#two-step-required";
    }

    @PostMapping("/{id}/api-tokens/{tokenId}/revoke")
    String revokeApiToken(@PathVariable long id, @PathVariable long tokenId,
            @AuthenticationPrincipal StagedoorUser user) {
        apiTokens.revoke(id, tokenId, user.email());
        return "redirect:/admin/partners/" + id + "?revoked";
    }


    /**
     * Sets exactly the ticked personal-data columns the company's files may hold (its data-sharing agreement,
     * R-6); an unknown column name is refused next to the form and nothing changes.
     */
    @PostMapping("/{id}/shared-columns")
    ModelAndView shareColumns(@PathVariable long id,
            @RequestParam(name = "columns", required = false) List<String> columns,
            @AuthenticationPrincipal StagedoorUser user) {
        List<String> chosen = columns == null ? List.of() : columns;
        try {
            operations.shareColumns(id, chosen, user.email());
            return new ModelAndView("redirect:/admin/partners/" + id + "?columnsSaved");
        }
        catch (InvalidRequestException ex) {
            return companyPage(id, HttpStatus.BAD_REQUEST,
                    Map.of("sharedColumns", Set.copyOf(chosen), "columnErrors", FieldMessages.of(ex)));
        }
    }

    private ModelAndView newCompanyPage(CompanyForm form, FieldMessages errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/partner-new");
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.setStatus(status);
        return page;
    }

    private ModelAndView companyPage(long id, HttpStatus status, Map<String, ?> overrides) {
        PartnerCompany company = companies.get(id);
        ModelAndView page = new ModelAndView("admin/partner");
        page.addObject("company", company);
        page.addObject("form", CompanyForm.of(company));
        page.addObject("errors", FieldMessages.NONE);
        page.addObject("users", queries.partnerUsers(id));
        page.addObject("twoStepRequired", twoStep.isRequiredForCompany(id));
        page.addObject("invite", new PersonForm());
        page.addObject("inviteErrors", FieldMessages.NONE);
        page.addObject("grantable", saved.grantable());
        page.addObject("granted", saved.grantsOf(id));
        page.addObject("buildsOwnLists", saved.buildsOwnLists(id));
        page.addObject("ownLists", saved.all().stream()
                .filter(definition -> Long.valueOf(id).equals(definition.ownerPartnerCompanyId())).toList());
        page.addObject("grantErrors", FieldMessages.NONE);
        page.addObject("apiTokens", apiTokens.ofPartnerCompany(id));
        page.addObject("tokenForm", ApiTokenForm.withDays(apiTokens.defaultValidityDays()));
        page.addObject("tokenErrors", FieldMessages.NONE);
        page.addObject("maxValidityDays", apiTokens.maxValidityDays());
        page.addObject("columnChoices", ListColumn.values());
        page.addObject("sharedColumns", Set.copyOf(operations.sharedColumns(id)));
        page.addObject("columnErrors", FieldMessages.NONE);
        page.addObject("manifests", manifests.ofPartnerCompany(id, RECENT_MANIFESTS));
        page.addObject("events", queries.eventsOf(id));
        page.addObject("otherEvents", queries.eventsNotOf(id));
        page.addObject("eventErrors", FieldMessages.NONE);
        page.addAllObjects(overrides);
        page.setStatus(status);
        return page;
    }
}
