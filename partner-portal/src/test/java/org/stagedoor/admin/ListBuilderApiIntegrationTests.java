package org.stagedoor.admin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the list builder asks besides counts (issue 14 items 2 and 4): its choices, for the console and the portal,
 * and the first rows of a venue list. Events: North's Hamlet (6 and 20 Oct 2026), Macbeth shared by North and South
 * (1 Dec 2026), South's Othello (1 Nov 2026), and Cats with no company and no performance. For the rows: North's
 * Tempest, a week from now, booked by Ann for herself and by Bob for his child Cid; Dot, with no email address,
 * booked nothing.
 */
class ListBuilderApiIntegrationTests extends AdminConsoleIntegrationTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    Relationships relationships;

    @Autowired
    SharedColumns sharedColumns;

    @Autowired
    SavedReports grants;

    PartnerCompany north;

    PartnerCompany south;

    long hamlet;

    long macbeth;

    long othello;

    long cats;

    @BeforeEach
    void events() {
        north = fixtures.partner("North", false);
        south = fixtures.partner("South", true);
        hamlet = event("Hamlet", List.of(north), "2026-10-06 17:30:00+00", "2026-10-20 17:30:00+00");
        macbeth = event("Macbeth", List.of(north, south), "2026-12-01 19:30:00+00");
        othello = event("Othello", List.of(south), "2026-11-01 19:30:00+00");
        cats = event("Cats", List.of());
        sharedColumns.set(north.id(), List.of("id", "first_name", "email"));
    }

    @Test
    @DisplayName("covers issue 14 item 2: a venue list may pick every event, every column but a company's preference")
    void anAdministratorsChoicesForAVenueListOfferEveryEventAndCompany() throws Exception {
        choices(admin, "/api/admin/customer-lists/choices")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.partnerCompany").doesNotExist())
                .andExpect(jsonPath("$.companyChosen").value(true))
                .andExpect(jsonPath("$.partnerCompanies[*].name", contains("North", "South")))
                // The latest performances first; an event without any last.
                .andExpect(jsonPath("$.events[*].title", contains("Macbeth", "Othello", "Hamlet", "Cats")))
                .andExpect(jsonPath("$.events[*].id", contains((int) macbeth, (int) othello, (int) hamlet, (int) cats)))
                .andExpect(jsonPath("$.events[2].firstDate").value("2026-10-06"))
                .andExpect(jsonPath("$.events[2].lastDate").value("2026-10-20"))
                .andExpect(jsonPath("$.events[0].partnerCompanyIds", contains(north.id().intValue(),
                        south.id().intValue())))
                .andExpect(jsonPath("$.events[3].firstDate").doesNotExist())
                .andExpect(jsonPath("$.events[3].partnerCompanyIds", empty()))
                .andExpect(jsonPath("$.segmentTypes[*].value", contains("booking", "purchasing", "partner-preference",
                        "has-email")))
                .andExpect(jsonPath("$.preferenceStates[*].label", contains("Yes", "No", "Not asked")))
                .andExpect(jsonPath("$.purchaseKinds[*].value", contains("TICKET", "MEMBERSHIP", "DONATION")))
                // F-10 in the box office's words.
                .andExpect(jsonPath("$.groupings[*].value", contains("OWNER", "FACILITATOR")))
                .andExpect(jsonPath("$.groupings[*].label", contains("The person the tickets are for",
                        "The person who booked")))
                .andExpect(jsonPath("$.periods[*].value", contains("", "previous-week", "last-7-days", "last-30-days",
                        "last-90-days", "last-365-days", "month-to-date", "previous-month", "next-30-days", "custom")))
                .andExpect(jsonPath("$.periods[0].label").value("Any time"))
                .andExpect(jsonPath("$.periods[1].label").value("Previous week ("
                        + PeriodSpec.previousWeek().resolve(LocalDate.now(LONDON)).label() + ")"))
                .andExpect(jsonPath("$.periods[9].label").value("Custom dates"))
                .andExpect(jsonPath("$.columns[*].value", contains("id", "title", "first_name", "last_name",
                        "organisation_name", "name", "email", "phone", "mobile", "postcode", "preference_set_at",
                        "preference_channel")))
                .andExpect(jsonPath("$.columns[*].allowed", contains(true, true, true, true, true, true, true, true,
                        true, true, false, false)))
                .andExpect(jsonPath("$.columns[0].label").value("Customer id"))
                .andExpect(jsonPath("$.columns[10].why").value("Only in a partner company's list"));
    }

    @Test
    @DisplayName("covers issue 14 item 2 and R-1: a company's list picks its own events and its agreement's columns")
    void anAdministratorsChoicesForACompanysListFollowItsAgreement() throws Exception {
        choices(admin, "/api/admin/customer-lists/choices?partnerCompany=" + north.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.partnerCompany.name").value("North"))
                .andExpect(jsonPath("$.partnerCompanies[*].name", contains("North", "South")))
                .andExpect(jsonPath("$.events[*].title", contains("Macbeth", "Hamlet")))
                .andExpect(jsonPath("$.events[0].partnerCompanyIds", contains(north.id().intValue())))
                .andExpect(jsonPath("$.purchaseKinds[*].value", contains("TICKET")))
                .andExpect(jsonPath("$.columns[*].allowed", contains(true, false, true, false, false, false, true,
                        false, false, false, false, false)))
                .andExpect(jsonPath("$.columns[1].why").value("Not in the company's data-sharing agreement"));
        choices(admin, "/api/admin/customer-lists/choices?partnerCompany=999999").andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("covers issue 14 item 2 and R-1: a partner user sees its own company's events and columns only")
    void aPartnerUsersChoicesHoldNothingOfAnotherCompany() throws Exception {
        grants.grantKinds(south.id(), Set.of("customer-list"), "tests");
        StagedoorUser sam = TestAccounts.partnerUser(accounts, south.id(), "sam@south.example");
        choices(sam, "/api/portal/customer-lists/choices")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.partnerCompany.name").value("South"))
                .andExpect(jsonPath("$.companyChosen").value(false))
                .andExpect(jsonPath("$.partnerCompanies[*].name", contains("South")))
                .andExpect(jsonPath("$.events[*].title", contains("Macbeth", "Othello")))
                // Macbeth is North's too: that is not said.
                .andExpect(jsonPath("$.events[0].partnerCompanyIds", contains(south.id().intValue())))
                .andExpect(jsonPath("$.purchaseKinds[*].value", contains("TICKET")))
                .andExpect(jsonPath("$.columns[*].allowed", contains(true, true, true, true, false, false, true,
                        false, false, false, true, true)))
                .andExpect(content().string(not(containsString("North"))))
                .andExpect(content().string(not(containsString("Hamlet"))));
        // The portal's choices take no company; a named one is ignored.
        choices(sam, "/api/portal/customer-lists/choices?partnerCompany=" + north.id())
                .andExpect(jsonPath("$.partnerCompany.name").value("South"));
        // A company that may not run customer lists, and the console's choices: refused.
        StagedoorUser nell = TestAccounts.partnerUser(accounts, north.id(), "nell@north.example");
        choices(nell, "/api/portal/customer-lists/choices").andExpect(status().isNotFound());
        choices(sam, "/api/admin/customer-lists/choices").andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("covers issue 14 item 4 and F-10: the first rows of a venue list, as its file would hold them")
    void anAdministratorSeesTheFirstRowsOfAVenueList() throws Exception {
        Customers people = bookings();
        preview(admin, """
                {"list": {"name": "Bookers", "segments": [
                   {"type": "booking", "groupBy": "FACILITATOR", "partnerCompany": %d}],
                 "columns": ["id", "name", "email", "phone"]}}""".formatted(north.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.columns", contains("Customer id", "Name", "Email", "Phone")))
                // Ann booked for herself, Bob for Cid: by whoever booked, Ann and Bob.
                .andExpect(jsonPath("$.rows[0]", contains(people.ann().id().toString(), "Ann Able",
                        people.ann().email(), "")))
                .andExpect(jsonPath("$.rows[1]", contains(people.bob().id().toString(), "Bob Baker",
                        people.bob().email(), "")))
                .andExpect(jsonPath("$.rows.length()").value(2));
        preview(admin, """
                {"list": {"name": "No email", "segments": [{"type": "has-email", "value": false}],
                 "columns": ["last_name"]}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[*][0]", contains("Dale")));
    }

    @Test
    @DisplayName("covers issue 14 item 4: a preview shows at most 20 rows, the lowest customer ids")
    void aPreviewStopsAtTwentyRows() throws Exception {
        long first = 0;
        for (int i = 0; i < 23; i++) {
            Customer customer = fixtures.person("Person" + i, "Many");
            first = i == 0 ? customer.id() : first;
        }
        preview(admin, """
                {"list": {"name": "All", "segments": [{"type": "has-email"}], "columns": ["id"]}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows.length()").value(20))
                .andExpect(jsonPath("$.rows[0][0]").value(Long.toString(first)))
                .andExpect(jsonPath("$.rows[19][0]").value(Long.toString(first + 19)));
    }

    @Test
    @DisplayName("covers issue 14 item 4 and R-6: a partner company's list is never previewed; bad lists as a run's")
    void aPartnerCompanysListAndABadListAreRefusedInWords() throws Exception {
        preview(admin, """
                {"partnerCompany": %d, "list": {"name": "Theirs", "segments": [{"type": "has-email"}],
                 "columns": ["id"]}}""".formatted(north.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("partnerCompany"))
                .andExpect(jsonPath("$.errors[0].message").value("a partner company's list shows counts only: its"
                        + " rows are shared only through a run, which records the share"));
        preview(admin, """
                {"list": {"name": "For the venue", "segments": [{"type": "partner-preference",
                 "partnerCompany": "run", "states": ["YES"]}], "columns": ["id", "preference_channel"]}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("list.segments[0].partnerCompany",
                        "list.columns[1]")));
        StagedoorUser nell = TestAccounts.partnerUser(accounts, north.id(), "nell@north.example");
        preview(nell, "{\"list\": {}}").andExpect(status().isForbidden());
    }

    private record Customers(Customer ann, Customer bob) {
    }

    private Customers bookings() {
        EventInstance tempest = fixtures.performance("Tempest", 100, north);
        PriceBand band = fixtures.standardBand();
        Customer ann = fixtures.person("Ann", "Able");
        Customer bob = fixtures.person("Bob", "Baker");
        Customer cid = fixtures.person("Cid", "Baker");
        fixtures.personWithoutEmail("Dot", "Dale");
        relationships.link(fixtures.parentChild().id(), bob.id(), cid.id(), 1);
        fixtures.buy(ann, null, OrderChannel.BOX_OFFICE, tempest, band, "20.00", Map.of());
        fixtures.buy(cid, bob, OrderChannel.BOX_OFFICE, tempest, band, "20.00", Map.of());
        return new Customers(ann, bob);
    }

    private long event(String name, List<PartnerCompany> companies, String... performances) {
        long id = jdbc.sql("insert into event (name) values (:name) returning id").param("name", name)
                .query(Long.class).single();
        for (PartnerCompany company : companies) {
            jdbc.sql("insert into event_partner_company (event_id, partner_company_id) values (:event, :company)")
                    .param("event", id).param("company", company.id()).update();
        }
        for (String startsAt : performances) {
            jdbc.sql("""
                    insert into event_instance (event_id, starts_at, capacity)
                    values (:event, cast(:startsAt as timestamptz), 100)
                    """).param("event", id).param("startsAt", startsAt).update();
        }
        return id;
    }

    private ResultActions choices(StagedoorUser user, String path) throws Exception {
        return mvc.perform(get(path).with(TestAccounts.as(user)));
    }

    private ResultActions preview(StagedoorUser user, String body) throws Exception {
        return mvc.perform(post("/api/admin/customer-lists/preview").with(TestAccounts.as(user)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
