package org.stagedoor.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.run.ListCounts;
import org.stagedoor.listbuilder.ListBuilderOperations;
import org.stagedoor.listbuilder.ListChoices;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * Customer lists for administrators as the builder shows them while a list is made: the choices it offers, the
 * counts (for the venue, or for a partner company with the consent funnel) and the first rows of a venue list.
 * Refused definitions answer 400 with the field errors a run of the list would have.
 */
@ApiController("/api/admin/customer-lists")
@Tag(name = "Administration", description = "Partner companies, their users, grants and API tokens, accounts,"
        + " customer erasure, the audit log")
class ListCountApiController {

    private final ListCounts listCounts;

    private final ListBuilderOperations builder;

    private final JsonMapper json;

    ListCountApiController(ListCounts listCounts, ListBuilderOperations builder, JsonMapper json) {
        this.listCounts = listCounts;
        this.builder = builder;
        this.json = json;
    }

    @Operation(summary = "What a customer list may choose from, in words",
            description = "Partner companies, events (a partner company's own only, when one is given), contact"
                    + " preference answers, kinds of purchase, whom an order counts for, periods, and the columns with"
                    + " those the list may have: for a partner company, its data-sharing agreement's. 404 for an"
                    + " unknown partner company.")
    @GetMapping("/choices")
    ListChoices choices(@Parameter(description = "the partner company the list is for; leave it out for the venue")
            @RequestParam(required = false) Long partnerCompany) {
        return builder.forAdministrator(partnerCompany);
    }

    /**
     * A customer list to count.
     *
     * @param list its definition, as a JSON object or as text, as in a run's {@code parameters.list}
     * @param partnerCompany the partner company to count it for, as a run for that company would select; leave it
     *                       out to count it for the venue
     */
    record CountList(Object list, Long partnerCompany) {
    }

    @Operation(summary = "Count a customer list before running it",
            description = "Each segment's customers, the result after each segment, and, for a partner company, what"
                    + " consent leaves of them: the customers matched, those without a YES for that company at this"
                    + " moment (left out), and the number the list would share, which is the number of rows its file"
                    + " would have. Refused as a run of the list would be, with the same field errors; 503 when the"
                    + " count takes too long.")
    @PostMapping("/count")
    ListCounts.ListCount count(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @RequestBody CountList request) {
        return listCounts.count(text(request.list()), request.partnerCompany(), user.email());
    }

    @Operation(summary = "The first rows of a venue's customer list",
            description = "The first 20 rows, ordered by customer id, of the file a run of the list for the venue"
                    + " would write at this moment, with the file's column headings. A partner company's list is"
                    + " refused (400): its rows are shared only through a run. Refused as a run of the list would be,"
                    + " with the same field errors; 503 when reading takes too long.")
    @PostMapping("/preview")
    ListBuilderOperations.ListPreview preview(@Parameter(hidden = true) @AuthenticationPrincipal StagedoorUser user,
            @RequestBody CountList request) {
        return builder.preview(text(request.list()), request.partnerCompany(), user.email());
    }

    /** A definition as a run takes it: text as given, a JSON object as JSON. */
    private String text(Object list) {
        return list == null ? null : list instanceof String text ? text : json.writeValueAsString(list);
    }
}
