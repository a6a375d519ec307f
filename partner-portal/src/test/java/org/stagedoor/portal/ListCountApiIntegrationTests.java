package org.stagedoor.portal;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/portal/customer-lists/count} (issue 14 part 3). Northern Lights' Hamlet was booked by Ada0, Ada1
 * and Ada2, Southern Cross' Macbeth by Bea0 and Bea1. YES for Northern: Ada0 and Bea0; NO: Ada1. YES for Southern:
 * Ada2.
 */
class ListCountApiIntegrationTests extends PortalIntegrationTest {

    private static final String BOOKED_OR_YES = """
            {"name": "Bookers and fans", "segments": [
               {"type": "booking", "groupBy": "OWNER", "partnerCompany": "run"},
               {"operator": "OR", "type": "partner-preference", "partnerCompany": "run", "states": ["YES"]}],
             "columns": ["id", "email"]}""";

    @BeforeEach
    void preferencesAndGrant() {
        grants.grantKinds(northern.id(), Set.of("customer-list"), "tests");
        prefer("Ada0", northern.id(), "YES");
        prefer("Ada1", northern.id(), "NO");
        prefer("Bea0", northern.id(), "YES");
        prefer("Ada2", southern.id(), "YES");
    }

    @Test
    @DisplayName("covers issue 14 item 3: a partner user sees its own company's segments, total and funnel")
    void countsAListForTheUsersCompanyWithItsConsentFunnel() throws Exception {
        count(userA, "{\"list\": " + BOOKED_OR_YES + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.segments[*].customers", contains(3, 2)))
                .andExpect(jsonPath("$.segments[*].runningTotal", contains(3, 4)))
                .andExpect(jsonPath("$.segments[1].operator").value("OR"))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.funnel.matched").value(4))
                .andExpect(jsonPath("$.funnel.withoutYes").value(2))
                .andExpect(jsonPath("$.funnel.shared").value(2))
                .andExpect(jsonPath("$.funnel.sharedWithoutEmail").value(0));
    }

    @Test
    @DisplayName("covers issue 14 item 3: a partner user cannot count for another company")
    void aPartnerCompanyNamedInTheBodyIsIgnoredAndAnotherCompanyInTheListIsRefused() throws Exception {
        count(userA, "{\"partnerCompany\": " + southern.id() + ", \"list\": " + BOOKED_OR_YES + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.funnel.shared").value(2));
        count(userA, """
                {"list": {"name": "Theirs", "segments": [{"type": "partner-preference", "partnerCompany": %d,
                 "states": ["YES"]}], "columns": ["id"]}}""".formatted(southern.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("list.segments[0].partnerCompany"))
                .andExpect(jsonPath("$.errors[0].message").value("a list run for a partner company cannot select on"
                        + " another partner company: use \"run\""));
    }

    @Test
    @DisplayName("covers issue 14 item 3: bad input answers as a run of the list would")
    void badInputAnswersTheRunsFieldErrors() throws Exception {
        count(userA, "{\"list\": \"{not json\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("list"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(
                        "is not valid JSON")));
        count(userA, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("list"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
        count(userA, """
                {"list": {"name": "No grouping", "segments": [{"type": "booking", "partnerCompany": "run"}],
                 "columns": ["id"]}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("list.segments[0].groupBy"))
                .andExpect(jsonPath("$.instance").doesNotExist());
    }

    @Test
    @DisplayName("covers issue 14 item 3: a company not granted customer lists cannot count them")
    void aCompanyWithoutCustomerListsIsAnsweredNotFound() throws Exception {
        count(userB, "{\"list\": " + BOOKED_OR_YES + "}").andExpect(status().isNotFound());
    }

    private ResultActions count(StagedoorUser user, String body) throws Exception {
        return mvc.perform(post("/api/portal/customer-lists/count").with(TestAccounts.as(user)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void prefer(String firstName, long partner, String state) {
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, channel)
                select id, :partner, :state, 'BOX_OFFICE' from customer where first_name = :name
                """).param("partner", partner).param("state", state).param("name", firstName).update();
    }
}
