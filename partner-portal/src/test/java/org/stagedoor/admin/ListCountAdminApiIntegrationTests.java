package org.stagedoor.admin;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/admin/customer-lists/count} (issue 14 part 3). North's Hamlet was booked by Ann (for herself) and by
 * Bob for his child Cid (Cid owns the order, Bob facilitated it); Dot, with no email address, booked nothing. Ann and
 * Cid said YES to North, Bob NO.
 */
class ListCountAdminApiIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    Relationships relationships;

    PartnerCompany north;

    @BeforeEach
    void bookings() {
        north = fixtures.partner("North", false);
        EventInstance hamlet = fixtures.performance("Hamlet", 100, north);
        PriceBand band = fixtures.standardBand();
        Customer ann = fixtures.person("Ann", "Able");
        Customer bob = fixtures.person("Bob", "Baker");
        Customer cid = fixtures.person("Cid", "Baker");
        fixtures.personWithoutEmail("Dot", "Dale");
        relationships.link(fixtures.parentChild().id(), bob.id(), cid.id(), 1);
        fixtures.buy(ann, null, OrderChannel.BOX_OFFICE, hamlet, band, "20.00", Map.of());
        fixtures.buy(cid, bob, OrderChannel.BOX_OFFICE, hamlet, band, "20.00", Map.of());
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, channel)
                values (:ann, :north, 'YES', 'BOX_OFFICE'), (:bob, :north, 'NO', 'BOX_OFFICE'),
                       (:cid, :north, 'YES', 'BOX_OFFICE')
                """).param("ann", ann.id()).param("bob", bob.id()).param("cid", cid.id())
                .param("north", north.id()).update();
    }

    @Test
    @DisplayName("covers issue 14 item 3: a venue list's segments and running totals, by owner and facilitator")
    void countsAVenueListWithoutAFunnel() throws Exception {
        count(admin, """
                {"list": {"name": "Bookers", "segments": [
                   {"type": "booking", "groupBy": "OWNER", "partnerCompany": %1$d},
                   {"operator": "OR", "type": "booking", "groupBy": "FACILITATOR", "partnerCompany": %1$d},
                   {"operator": "EXCEPT", "type": "partner-preference", "partnerCompany": %1$d, "states": ["NO"]}],
                 "columns": ["id", "email"]}}""".formatted(north.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.segments[*].customers", contains(2, 2, 1)))     // Ann, Cid; Ann, Bob; Bob
                .andExpect(jsonPath("$.segments[*].runningTotal", contains(2, 3, 2)))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.funnel").doesNotExist());
    }

    @Test
    @DisplayName("covers issue 14 item 3: counted for a partner company, with its consent funnel")
    void countsForAPartnerCompanyWithItsFunnel() throws Exception {
        count(admin, """
                {"partnerCompany": %d, "list": {"name": "Everyone", "segments": [
                   {"type": "has-email"}, {"operator": "OR", "type": "has-email", "value": false}],
                 "columns": ["id", "email"]}}""".formatted(north.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.segments[*].customers", contains(3, 1)))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.funnel.matched").value(4))
                .andExpect(jsonPath("$.funnel.withoutYes").value(2))
                .andExpect(jsonPath("$.funnel.shared").value(2))
                .andExpect(jsonPath("$.funnel.sharedWithoutEmail").value(0));
    }

    @Test
    @DisplayName("covers issue 14 item 3: bad input answers as a run of the list would; administrators only")
    void badInputAnswersTheRunsFieldErrorsAndPartnerUsersAreRefused() throws Exception {
        count(admin, """
                {"list": {"name": "For the venue", "segments": [{"type": "partner-preference",
                 "partnerCompany": "run", "states": ["YES"]}], "columns": ["id", "preference_channel"]}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("list.segments[0].partnerCompany",
                        "list.columns[1]")));
        count(admin, "{\"partnerCompany\": 999999, \"list\": {\"name\": \"x\", \"segments\": [{\"type\":"
                + " \"has-email\"}], \"columns\": [\"id\"]}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("partner"))
                .andExpect(jsonPath("$.errors[0].message").value("no partner company has this id"));
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, north.id(), "pat@north.example");
        count(partnerUser, "{\"list\": {}}").andExpect(status().isForbidden());
    }

    private ResultActions count(StagedoorUser user, String body) throws Exception {
        return mvc.perform(post("/api/admin/customer-lists/count").with(TestAccounts.as(user)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
