package org.stagedoor.admin;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.find.AuditFilter;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * The administrators' JSON API, for scripts (HTTP Basic) and pages (session with CSRF): partner companies, their
 * users, grants and API tokens, accounts, customer erasure and the audit log. The same services and the same audit
 * entries as the console's pages ({@link PartnerCompanyController}, {@link AccountController},
 * {@link CustomerController}, {@link AuditController}). Refused requests answer 400 as problem details with one
 * entry per field; unknown ids 404.
 */
@ApiController("/api/admin")
@Tag(name = "Administration", description = "Partner companies, their users, grants and API tokens, accounts,"
        + " customer erasure, the audit log")
class AdminApiController {

    private static final int MAX_LIMIT = 1000;

    private final PartnerCompanies companies;

    private final PartnerCompanyOperations companyOperations;

    private final Accounts accounts;

    private final AccountOperations accountOperations;

    private final SavedReports saved;

    private final ApiTokens apiTokens;

    private final ConsoleQueries queries;

    private final CustomerOperations customerOperations;

    private final AuditSearch auditSearch;

    private final CustomerSearch customerSearch;

    AdminApiController(PartnerCompanies companies, PartnerCompanyOperations companyOperations, Accounts accounts,
            AccountOperations accountOperations, SavedReports saved, ApiTokens apiTokens, ConsoleQueries queries,
            CustomerOperations customerOperations, AuditSearch auditSearch, CustomerSearch customerSearch) {
        this.auditSearch = auditSearch;
        this.customerSearch = customerSearch;
        this.companies = companies;
        this.companyOperations = companyOperations;
        this.accounts = accounts;
        this.accountOperations = accountOperations;
        this.saved = saved;
        this.apiTokens = apiTokens;
        this.queries = queries;
        this.customerOperations = customerOperations;
    }

    /**
     * A partner company as written.
     *
     * @param name its name, unique
     * @param collectsPreferences whether it collects its customers' contact preferences
     * @param webDescription its description for the web site, as wikitext
     */
    record CompanyBody(String name, Boolean collectsPreferences, String webDescription) {

        PartnerCompanyOperations.CompanyRequest toRequest() {
            return new PartnerCompanyOperations.CompanyRequest(name, Boolean.TRUE.equals(collectsPreferences),
                    webDescription);
        }
    }

    /**
     * An invitation of a partner user.
     *
     * @param displayName the person's name
     * @param email where the invitation is sent; the login
     */
    record InviteBody(String displayName, String email) {
    }

    /**
     * An API token to issue to a partner company.
     *
     * @param name which of the company's systems uses it, for telling tokens apart
     * @param validityDays how many days it works (1 to 365; 90 when not given)
     */
    record ApiTokenBody(String name, Integer validityDays) {
    }

    @Operation(summary = "Partner companies, with their numbers of users, grants and events")
    @GetMapping("/partner-companies")
    List<ConsoleQueries.PartnerSummary> companies() {
        return queries.partnerSummaries();
    }

    @Operation(summary = "Create a partner company", description = "Answers 201 with the company.")
    @PostMapping("/partner-companies")
    ResponseEntity<PartnerCompany> create(@RequestBody CompanyBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        PartnerCompany company = companyOperations.create(body.toRequest(), user.email());
        return ResponseEntity.created(URI.create("/api/admin/partner-companies/" + company.id())).body(company);
    }

    @Operation(summary = "Change a partner company")
    @PutMapping("/partner-companies/{id}")
    PartnerCompany update(@PathVariable long id, @RequestBody CompanyBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return companyOperations.update(id, body.toRequest(), user.email());
    }

    @Operation(summary = "The users of a partner company")
    @GetMapping("/partner-companies/{id}/users")
    List<ConsoleQueries.AccountRow> users(@PathVariable long id) {
        companies.get(id);
        return queries.partnerUsers(id);
    }

    @Operation(summary = "Invite a user of a partner company",
            description = "Creates the account and emails an invitation to choose a password; answers 201.")
    @PostMapping("/partner-companies/{id}/users")
    ResponseEntity<ConsoleQueries.AccountRow> invite(@PathVariable long id, @RequestBody InviteBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        companies.get(id);
        StagedoorUser invited = accounts.invitePartnerUser(id, body.email(), body.displayName(), user.email());
        ConsoleQueries.AccountRow row = queries.partnerUsers(id).stream()
                .filter(account -> account.id() == invited.accountId()).findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/admin/partner-companies/" + id + "/users")).body(row);
    }

    @Operation(summary = "Disable an account (not your own)")
    @PostMapping("/accounts/{id}/disable")
    ResponseEntity<Void> disable(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        accountOperations.disable(id, user);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Enable an account")
    @PostMapping("/accounts/{id}/enable")
    ResponseEntity<Void> enable(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        accountOperations.enable(id, user.email());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "End an account's pause after failed sign-ins",
            description = "After several failed sign-ins with an email address, signing in with it pauses for a"
                    + " while; this lets the account sign in again at once. Answers 204.")
    @PostMapping("/accounts/{id}/end-pause")
    ResponseEntity<Void> endSignInPause(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        accountOperations.endSignInPause(id, user.email());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Reset an account's two-step sign-in after a lost phone",
            description = "Deletes the account's authenticator-app secret and recovery codes and ends its sessions;"
                    + " at the next sign-in the person sets two-step sign-in up again if it is required of them."
                    + " Audited. Answers 204.")
    @PostMapping("/accounts/{id}/two-step/reset")
    ResponseEntity<Void> resetTwoStep(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        accountOperations.resetTwoStep(id, user.email());
        return ResponseEntity.noContent().build();
    }

    /** A saved report granted to a partner company, as the API lists it. */
    record GrantView(long savedReport, String name) {
    }

    /** What a partner company's users may run: the venue's saved reports granted to it, and its own lists or not. */
    record GrantsView(List<GrantView> savedReports, boolean buildsOwnLists) {
    }

    /** The venue's saved reports to grant a company, and whether its users may build their own customer lists. */
    record GrantsRequest(List<Long> savedReports, Boolean buildsOwnLists) {
    }

    @Operation(summary = "The saved reports granted to a partner company")
    @GetMapping("/partner-companies/{id}/grants")
    GrantsView granted(@PathVariable long id) {
        companies.get(id);
        return new GrantsView(saved.grantsOf(id).stream().map(saved::get)
                .map(definition -> new GrantView(definition.id(), definition.name())).toList(),
                saved.buildsOwnLists(id));
    }

    @Operation(summary = "Grant exactly these saved reports to a partner company", description = "The others are"
            + " revoked (an empty list revokes them all); buildsOwnLists says whether its users may build customer"
            + " lists of their own (left out: unchanged).")
    @PutMapping("/partner-companies/{id}/grants")
    GrantsView grant(@PathVariable long id, @RequestBody GrantsRequest request,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        companyOperations.grant(user, id, request == null ? null : request.savedReports(),
                request == null ? null : request.buildsOwnLists());
        return granted(id);
    }

    @Operation(summary = "The API tokens of a partner company, the newest first (never their secrets)")
    @GetMapping("/partner-companies/{id}/api-tokens")
    List<ApiTokens.Token> apiTokens(@PathVariable long id) {
        companies.get(id);
        return apiTokens.ofPartnerCompany(id);
    }

    @Operation(summary = "Issue an API token to a partner company",
            description = "Answers 201 with the token's details and, in `token`, its secret: the only time it is"
                    + " shown. Only its hash is kept. The company's systems send it as `Authorization: Bearer`.")
    @PostMapping("/partner-companies/{id}/api-tokens")
    ResponseEntity<ApiTokens.Issued> issueApiToken(@PathVariable long id, @RequestBody ApiTokenBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        companies.get(id);
        ApiTokens.Issued issued = apiTokens.issue(id, body.name(), body.validityDays(), user.email());
        return ResponseEntity.created(URI.create("/api/admin/partner-companies/" + id + "/api-tokens/"
                        + issued.apiToken().id()))
                .cacheControl(CacheControl.noStore())
                .body(issued);
    }

    @Operation(summary = "One API token of a partner company")
    @GetMapping("/partner-companies/{id}/api-tokens/{tokenId}")
    ApiTokens.Token apiToken(@PathVariable long id, @PathVariable long tokenId) {
        return apiTokens.find(id, tokenId).orElseThrow(() -> new NotFoundException("API token", tokenId));
    }

    @Operation(summary = "Revoke an API token of a partner company", description = "It is refused from then on.")
    @PostMapping("/partner-companies/{id}/api-tokens/{tokenId}/revoke")
    ApiTokens.Token revokeApiToken(@PathVariable long id, @PathVariable long tokenId,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return apiTokens.revoke(id, tokenId, user.email());
    }

    @Operation(summary = "The venue system tokens, the newest first (never their secrets)")
    @GetMapping("/venue/api-tokens")
    List<ApiTokens.Token> venueTokens() {
        return apiTokens.venueTokens();
    }

    @Operation(summary = "Issue a venue system token, for a sales channel to call the booking API",
            description = "Answers 201 with the token's details and, in `token`, its secret: the only time it is"
                    + " shown. Only its hash is kept. The sales channel sends it as `Authorization: Bearer` to"
                    + " `/api/booking/…`, the only part of the API it reaches.")
    @PostMapping("/venue/api-tokens")
    ResponseEntity<ApiTokens.Issued> issueVenueToken(@RequestBody ApiTokenBody body,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        ApiTokens.Issued issued = apiTokens.issueVenue(body.name(), body.validityDays(), user.email());
        return ResponseEntity.created(URI.create("/api/admin/venue/api-tokens/" + issued.apiToken().id()))
                .cacheControl(CacheControl.noStore())
                .body(issued);
    }

    @Operation(summary = "One venue system token")
    @GetMapping("/venue/api-tokens/{tokenId}")
    ApiTokens.Token venueToken(@PathVariable long tokenId) {
        return apiTokens.findVenue(tokenId).orElseThrow(() -> new NotFoundException("API token", tokenId));
    }

    @Operation(summary = "Revoke a venue system token", description = "It is refused from then on.")
    @PostMapping("/venue/api-tokens/{tokenId}/revoke")
    ApiTokens.Token revokeVenueToken(@PathVariable long tokenId,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return apiTokens.revokeVenue(tokenId, user.email());
    }

    @Operation(summary = "Find customers", description = "As the console's customer search: q is a customer number,"
            + " an email (the exact address first, then those containing it or close to it) or part of a name (close"
            + " spellings too), best match first, " + CustomerSearch.PAGE_SIZE + " to a page (page 1 the first).")
    @GetMapping("/customers")
    List<CustomerSearch.Match> customers(@RequestParam String q, @RequestParam(defaultValue = "1") int page) {
        return customerSearch.find(q, page, CustomerSearch.PAGE_SIZE).matches();
    }

    @Operation(summary = "Erase a customer", description = "On the customer's request: every contact preference"
            + " becomes NO (an ADMINISTRATOR change kept in the history), every personal field is cleared; orders and"
            + " tickets stay. Cannot be undone; a customer erased already is refused (400). Audited as"
            + " CUSTOMER_ERASED.")
    @PostMapping("/customers/{id}/erasure")
    CustomerErasure.Erasure erase(@PathVariable long id,
            @Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user) {
        return customerOperations.erase(id, user.email());
    }

    @Operation(summary = "The audit log, newest first, narrowed as on the console's audit page",
            description = "The same filters as the page: kind, company (a partner company's id), report (the id of"
                    + " the report of the entry's run), person (part of who acted), from and to (days, inclusive, on"
                    + " the venue's calendar). Continue with before=<the last entry's id> for older entries, or"
                    + " after=<the first entry's id> for newer ones. The console's /admin/audit.csv gives the same"
                    + " entries as a file.")
    @GetMapping("/audit")
    List<AuditLog.Entry> audit(@ParameterObject @ModelAttribute AuditFilter filter,
            @RequestParam(defaultValue = "200") int limit) {
        return auditSearch.page(filter, Math.max(1, Math.min(limit, MAX_LIMIT))).items();
    }
}
