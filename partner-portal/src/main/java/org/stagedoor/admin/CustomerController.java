package org.stagedoor.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.http.HttpStatus;
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
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChange;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.Words;

/**
 * A customer's partner-company contact preferences (P-6, P-8): found by id or email, every partner company that
 * collects preferences with the customer's current answer (when it was set and through which channel, or
 * NOT_ASKED), the whole history of changes, and changing one as the ADMINISTRATOR channel. The database writes
 * the history entry of every change itself. An administrator can also erase the customer on request.
 */
@Controller
@RequestMapping("/admin/customers")
class CustomerController {

    private final CustomerRecords customers;

    private final PartnerPreferences preferences;

    private final PartnerCompanies companies;

    private final ConsoleQueries queries;

    private final AuditLog audit;

    private final CustomerOperations operations;

    private final TransactionTemplate transaction;

    private final CustomerSearch search;

    CustomerController(CustomerRecords customers, PartnerPreferences preferences, PartnerCompanies companies,
            ConsoleQueries queries, AuditLog audit, CustomerOperations operations, CustomerSearch search,
            PlatformTransactionManager transactions) {
        this.customers = customers;
        this.search = search;
        this.preferences = preferences;
        this.companies = companies;
        this.queries = queries;
        this.audit = audit;
        this.operations = operations;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The search form and its results, best match first, a page at a time; a customer found by id or by their
     * exact email opens at once.
     */
    @GetMapping
    String find(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page, Model model) {
        String text = q.strip();
        model.addAttribute("q", text);
        if (text.isEmpty()) {
            return "admin/customer-search";
        }
        CustomerSearch.Results results = search.find(text, page, CustomerSearch.PAGE_SIZE);
        if (results.page() == 1 && !results.matches().isEmpty()) {
            CustomerSearch.Match first = results.matches().get(0);
            if (text.matches("\\d{1,18}") || text.equalsIgnoreCase(first.email())) {
                return "redirect:/admin/customers/" + first.id();
            }
        }
        model.addAttribute("results", results);
        model.addAttribute("notFound", results.matches().isEmpty());
        return "admin/customer-search";
    }

    @GetMapping("/{id}")
    ModelAndView customer(@PathVariable long id) {
        return page(id, FieldMessages.NONE, HttpStatus.OK);
    }

    /** Sets one preference through the ADMINISTRATOR channel (P-8), recorded by this administrator. */
    @PostMapping("/{id}/preferences")
    ModelAndView change(@PathVariable long id, @RequestParam long partnerCompanyId, @RequestParam PreferenceState state,
            @AuthenticationPrincipal StagedoorUser user) {
        Customer customer = customers.get(id);
        PartnerCompany company = companies.get(partnerCompanyId);
        try {
            transaction.executeWithoutResult(status -> {
                PreferenceState before = preferences.current(id, partnerCompanyId).state();
                preferences.record(id, partnerCompanyId, state, PreferenceChannel.ADMINISTRATOR, user.email());
                audit.record(user.email(), AuditLog.Kind.ADMIN_CHANGE, partnerCompanyId, null, null,
                        "set the contact preference of customer " + customer.id() + " for partner company "
                                + company.id() + " '" + company.name() + "' from " + Words.inSentence(before) + " to "
                                + Words.inSentence(state));
            });
            return new ModelAndView("redirect:/admin/customers/" + id + "?saved");
        }
        catch (InvalidBookingRequest ex) {
            return page(id, FieldMessages.of("state", ex.words()), HttpStatus.BAD_REQUEST);
        }
    }

    /**
     * Erases the customer: every partner preference withdrawn as this administrator's change, every personal field
     * cleared, audited as CUSTOMER_ERASED. It cannot be undone, so the form's box must be ticked to confirm it.
     */
    @PostMapping("/{id}/erasure")
    ModelAndView erase(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
            @AuthenticationPrincipal StagedoorUser user) {
        customers.get(id);
        if (!confirm) {
            return page(id, FieldMessages.of("confirm", "tick the box to confirm the erasure; it cannot be undone"),
                    HttpStatus.BAD_REQUEST);
        }
        try {
            operations.erase(id, user.email());
            return new ModelAndView("redirect:/admin/customers/" + id + "?erased");
        }
        catch (InvalidBookingRequest ex) {
            return page(id, FieldMessages.of("erasure", ex.words()), HttpStatus.BAD_REQUEST);
        }
    }

    private ModelAndView page(long id, FieldMessages errors, HttpStatus status) {
        Customer customer = customers.get(id);
        List<PreferenceChange> history = new ArrayList<>(preferences.history(id));
        Collections.reverse(history);
        ModelAndView page = new ModelAndView("admin/customer");
        page.addObject("customer", customer);
        page.addObject("preferences", preferences.boxOfficeView(id));
        page.addObject("history", history);
        page.addObject("partnerNames", queries.partnerNames());
        page.addObject("states", PreferenceState.values());
        page.addObject("errors", errors);
        page.setStatus(status);
        return page;
    }
}
