package org.stagedoor.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import org.stagedoor.batch.run.ListCounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.web.ApiController;

/**
 * Counts of customer lists for administrators, as the builder shows them while a list is made: for the venue, or
 * for a partner company with the consent funnel. Refused definitions answer 400 with the field errors a run of the
 * list would have.
 */
@ApiController("/api/admin/customer-lists")
@Tag(name = "Administration", description = "Partner companies, their users, grants and API tokens, accounts,"
        + " customer erasure, the audit log")
class ListCountApiController {

    private final ListCounts listCounts;

    private final JsonMapper json;

    ListCountApiController(ListCounts listCounts, JsonMapper json) {
        this.listCounts = listCounts;
        this.json = json;
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
        String list = request.list() == null ? null
                : request.list() instanceof String text ? text : json.writeValueAsString(request.list());
        return listCounts.count(list, request.partnerCompany(), user.email());
    }
}
