package org.stagedoor.bookingapi;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.venue.Venue;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Partner-company preferences through the booking API: the checkout's questions for a basket and their answers with
 * the order (covers P-1, P-4, P-5), a customer's preferences as their account page and the box office show them (covers
 * P-6), changing them with their channel (covers P-8), and a company that does not collect them (covers P-7).
 */
class BookingApiPreferenceIntegrationTests extends BookingApiIntegrationTest {

    @Autowired
    Events events;

    @Autowired
    Relationships relationships;

    @Autowired
    Venue venue;

    @Autowired
    PartnerCompanies companies;

    PartnerCompany northern;

    PartnerCompany southern;

    PartnerCompany quiet;

    EventInstance hamlet;

    PriceBand standard;

    Customer ada;

    @BeforeEach
    void companiesAndAShow() {
        northern = fixtures.partner("Northern Lights", true);
        southern = fixtures.partner("Southern Cross", true);
        quiet = fixtures.partner("Quiet Company", false);
        hamlet = fixtures.performance("Hamlet", 100, northern, quiet);
        standard = fixtures.standardBand();
        ada = fixtures.person("Ada", "Lovelace");
        venue.update("The Venue", "Hear from the producers of our shows", false);
    }

    private String order(long ownerId, Long facilitatorId, String channel, String answers) {
        return json("""
                {'ownerId': %d, 'facilitatorId': %s, 'channel': '%s',
                 'tickets': [{'performanceId': %d, 'priceBandId': %d, 'price': 20}], 'preferenceAnswers': [%s]}
                """.formatted(ownerId, facilitatorId, channel, hamlet.id(), standard.id(), answers));
    }

    @Test
    void theCheckoutAsksAboutEachCollectingCompanyOnTheBasketUntilAnswered() throws Exception {
        companies.update(northern.id(), northern.name(), true, "'''Touring''' theatre <script>x()</script>");
        getJson("/api/booking/checkout/questions?ownerId={o}&channel=ONLINE&performanceId={p}", ada.id(), hamlet.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.askedCustomerId").value(ada.id()))
                .andExpect(jsonPath("$.introduction").value("Hear from the producers of our shows"))
                .andExpect(jsonPath("$.answers").value(contains("YES", "NO")))
                .andExpect(jsonPath("$.questions[*].partnerCompanyName").value(contains("Northern Lights")))
                .andExpect(jsonPath("$.questions[0].webDescriptionHtml").value("<p><strong>Touring</strong> theatre"
                        + " &lt;script&gt;x()&lt;/script&gt;</p>"));
        getJson("/api/booking/checkout/questions?ownerId={o}&channel=BOX_OFFICE&performanceId={p}", ada.id(),
                hamlet.id())
                .andExpect(jsonPath("$.answers").value(contains("YES", "NO", "NOT_ASKED")));

        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The customer must be asked about Northern Lights before the"
                        + " order is confirmed."));
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'NOT_ASKED'}".formatted(northern.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Online the answer for Northern Lights is yes or no."));
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'YES'}".formatted(southern.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The customer must be asked about Northern Lights before the"
                        + " order is confirmed."));
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'YES'}".formatted(northern.id())))
                .andExpect(status().isCreated());

        getJson("/api/booking/customers/{id}/preferences/history", ada.id())
                .andExpect(jsonPath("$[0].partnerCompanyId").value(northern.id()))
                .andExpect(jsonPath("$[0].state").value("YES"))
                .andExpect(jsonPath("$[0].channel").value("ONLINE_CHECKOUT"))
                .andExpect(jsonPath("$[0].channelInWords").value("Online checkout"));
        // Answered once: not asked again, and an answer for it now is refused.
        getJson("/api/booking/checkout/questions?ownerId={o}&channel=ONLINE&performanceId={p}", ada.id(), hamlet.id())
                .andExpect(jsonPath("$.questions").isEmpty());
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'NO'}".formatted(northern.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("One answer is for a partner company not asked about at this"
                        + " checkout: the preference is already set or the company is not on these events; change it"
                        + " on the account page instead."));
    }

    @Test
    void theBoxOfficeMayRecordNotAskedAndTheFacilitatorIsTheOneAsked() throws Exception {
        Customer child = fixtures.personWithoutEmail("Sam", "Lovelace");
        RelationshipType parentChild = fixtures.parentChild();
        relationships.link(parentChild.id(), ada.id(), child.id(), 1);

        getJson("/api/booking/checkout/questions?ownerId={o}&facilitatorId={f}&channel=BOX_OFFICE&performanceId={p}",
                child.id(), ada.id(), hamlet.id())
                .andExpect(jsonPath("$.askedCustomerId").value(ada.id()))
                .andExpect(jsonPath("$.askedCustomerName").value("Ada Lovelace"));
        postJson("/api/booking/orders", order(child.id(), ada.id(), "BOX_OFFICE",
                "{'partnerCompanyId': %d, 'answer': 'NOT_ASKED'}".formatted(northern.id())))
                .andExpect(status().isCreated());
        getJson("/api/booking/customers/{id}/preferences/history", ada.id())
                .andExpect(jsonPath("$[0].state").value("NOT_ASKED"))
                .andExpect(jsonPath("$[0].channelInWords").value("Box office"));
        // Still not asked: asked again next time; the owner's own preferences are never set by someone else.
        getJson("/api/booking/checkout/questions?ownerId={o}&channel=ONLINE&performanceId={p}", ada.id(), hamlet.id())
                .andExpect(jsonPath("$.questions[*].partnerCompanyName").value(contains("Northern Lights")));
        getJson("/api/booking/customers/{id}/preferences/history", child.id()).andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void aCompanyAddedToAnEventAfterABookingIsAskedAboutAtTheNextBooking() throws Exception {
        EventInstance macbeth = fixtures.performance("Macbeth", 50);
        postJson("/api/booking/orders", json("""
                {'ownerId': %d, 'channel': 'ONLINE', 'tickets': [{'performanceId': %d, 'priceBandId': %d,
                 'price': 20}]}""".formatted(ada.id(), macbeth.id(), standard.id())))
                .andExpect(status().isCreated());
        events.assignPartners(events.instance(macbeth.id()).eventId(), Set.of(southern.id()));

        // No preference is set by the assignment (P-5)...
        getJson("/api/booking/customers/{id}/preferences/history", ada.id()).andExpect(jsonPath("$").isEmpty());
        getJson("/api/booking/customers/{id}/preferences?view=ACCOUNT", ada.id())
                .andExpect(jsonPath("$[0].partnerCompanyName").value("Southern Cross"))
                .andExpect(jsonPath("$[0].state").value("NOT_ASKED"))
                .andExpect(jsonPath("$[0].setAt").value(nullValue()));
        // ...the customer is asked at their next booking for that company.
        getJson("/api/booking/checkout/questions?ownerId={o}&channel=ONLINE&performanceId={p}", ada.id(),
                macbeth.id())
                .andExpect(jsonPath("$.questions[*].partnerCompanyName").value(contains("Southern Cross")));
    }

    @Test
    void theAccountPageListsTheCompaniesBookedForAndTheBoxOfficeEveryCollectingCompany() throws Exception {
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'NO'}".formatted(northern.id())))
                .andExpect(status().isCreated());

        getJson("/api/booking/customers/{id}/preferences", ada.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].partnerCompanyName").value(contains("Northern Lights")))
                .andExpect(jsonPath("$[0].state").value("NO"))
                .andExpect(jsonPath("$[0].stateInWords").value("No"))
                .andExpect(jsonPath("$[0].channelInWords").value("Online checkout"))
                .andExpect(jsonPath("$[0].bookedFor").value(true));
        getJson("/api/booking/customers/{id}/preferences?view=BOX_OFFICE", ada.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].partnerCompanyName").value(contains("Northern Lights", "Southern Cross")))
                .andExpect(jsonPath("$[1].state").value("NOT_ASKED"))
                .andExpect(jsonPath("$[1].bookedFor").value(false));
    }

    @Test
    void aChangeIsKeptWithItsChannelAndWhoRecordedIt() throws Exception {
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'NO'}".formatted(northern.id())))
                .andExpect(status().isCreated());

        putJson("/api/booking/customers/{id}/preferences/{partner}",
                json("{'state': 'YES', 'channel': 'ACCOUNT_PAGE'}"), ada.id(), northern.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("YES"))
                .andExpect(jsonPath("$.channel").value("ACCOUNT_PAGE"))
                .andExpect(jsonPath("$.bookedFor").value(true));
        putJson("/api/booking/customers/{id}/preferences/{partner}", json("{'state': 'NOT_ASKED', 'channel':"
                + " 'BOX_OFFICE'}"), ada.id(), southern.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("NOT_ASKED"))
                .andExpect(jsonPath("$.bookedFor").value(false));

        String recordedBy = "venue-system-token #" + venueToken.apiToken().id() + " (Online shop)";
        getJson("/api/booking/customers/{id}/preferences/history", ada.id())
                .andExpect(jsonPath("$[*].channel").value(contains("ONLINE_CHECKOUT", "ACCOUNT_PAGE", "BOX_OFFICE")))
                .andExpect(jsonPath("$[1].previousState").value("NO"))
                .andExpect(jsonPath("$[1].state").value("YES"))
                .andExpect(jsonPath("$[1].recordedBy").value(recordedBy))
                .andExpect(jsonPath("$[2].recordedBy").value(recordedBy));
    }

    @Test
    void changesAreRefusedInWords() throws Exception {
        // Online (the account page) a customer answers yes or no only (P-4).
        postJson("/api/booking/orders", order(ada.id(), null, "ONLINE",
                "{'partnerCompanyId': %d, 'answer': 'YES'}".formatted(northern.id())))
                .andExpect(status().isCreated());
        putJson("/api/booking/customers/{id}/preferences/{partner}", json("{'state': 'NOT_ASKED', 'channel':"
                + " 'ACCOUNT_PAGE'}"), ada.id(), northern.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Online a customer answers yes or no only; \"not asked\" is for"
                        + " box office staff."));
        // The account page shows only companies booked for (P-6).
        putJson("/api/booking/customers/{id}/preferences/{partner}", json("{'state': 'YES', 'channel':"
                + " 'ACCOUNT_PAGE'}"), ada.id(), southern.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Southern Cross is not on the customer's account page: they"
                        + " have not booked for its events; box office staff can set it."));
        // A company that does not collect preferences has none to set (P-7).
        putJson("/api/booking/customers/{id}/preferences/{partner}", json("{'state': 'YES', 'channel':"
                + " 'BOX_OFFICE'}"), ada.id(), quiet.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Quiet Company does not collect contact preferences."));
        getJson("/api/booking/customers/{id}/preferences/history", ada.id())
                .andExpect(jsonPath("$[*].state").value(contains("YES")));
    }

    @Test
    void aBoxOfficeConversationAnswersTheQuestionsABookingLeftOpen() throws Exception {
        // covers P-4, P-5, P-8: a company added to an event after the booking is a question outside any order.
        EventInstance macbeth = fixtures.performance("Macbeth", 50);
        postJson("/api/booking/orders", json("""
                {'ownerId': %d, 'channel': 'ONLINE', 'tickets': [{'performanceId': %d, 'priceBandId': %d,
                 'price': 20}]}""".formatted(ada.id(), macbeth.id(), standard.id())))
                .andExpect(status().isCreated());
        events.assignPartners(events.instance(macbeth.id()).eventId(), Set.of(southern.id(), northern.id(),
                quiet.id()));
        getJson("/api/booking/customers/{id}/preferences/questions", ada.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].partnerCompanyName").value(contains("Northern Lights", "Southern Cross")));

        postJson("/api/booking/customers/{id}/preferences/answers", json("""
                {'channel': 'BOX_OFFICE', 'answers': [{'partnerCompanyId': %d, 'answer': 'YES'},
                 {'partnerCompanyId': %d, 'answer': 'NOT_ASKED'}]}""".formatted(southern.id(), northern.id())),
                ada.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].partnerCompanyName").value(contains("Northern Lights", "Southern Cross")))
                .andExpect(jsonPath("$[*].state").value(contains("NOT_ASKED", "YES")))
                .andExpect(jsonPath("$[1].channelInWords").value("Box office"))
                .andExpect(jsonPath("$[1].bookedFor").value(true));

        String recordedBy = "venue-system-token #" + venueToken.apiToken().id() + " (Online shop)";
        getJson("/api/booking/customers/{id}/preferences/history", ada.id())
                .andExpect(jsonPath("$[*].partnerCompanyId").value(contains(northern.id().intValue(),
                        southern.id().intValue())))
                .andExpect(jsonPath("$[*].channel").value(contains("BOX_OFFICE", "BOX_OFFICE")))
                .andExpect(jsonPath("$[*].recordedBy").value(contains(recordedBy, recordedBy)));
        // "Not asked" leaves the question open; the answered one is not asked again.
        getJson("/api/booking/customers/{id}/preferences/questions", ada.id())
                .andExpect(jsonPath("$[*].partnerCompanyName").value(contains("Northern Lights")));

        // Online, on the account page, the customer answers yes or no.
        postJson("/api/booking/customers/{id}/preferences/answers", json("""
                {'channel': 'ACCOUNT_PAGE', 'answers': [{'partnerCompanyId': %d, 'answer': 'NO'}]}"""
                .formatted(northern.id())), ada.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].state").value("NO"))
                .andExpect(jsonPath("$[0].channelInWords").value("Account page"));
        getJson("/api/booking/customers/{id}/preferences/questions", ada.id()).andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void answersOutsideAnOrderAreRefusedInWordsAndNoneIsRecorded() throws Exception {
        // covers P-4, P-6, P-7
        String answers = "{'channel': '%s', 'answers': [{'partnerCompanyId': %d, 'answer': '%s'}"
                + ", {'partnerCompanyId': %d, 'answer': '%s'}]}";
        putJson("/api/booking/customers/{id}/preferences/{partner}", json("{'state': 'YES', 'channel':"
                + " 'BOX_OFFICE'}"), ada.id(), northern.id()).andExpect(status().isOk());

        // A company answered already is no question: a change of mind is a change (P-4)...
        postJson("/api/booking/customers/{id}/preferences/answers", json(answers.formatted("BOX_OFFICE",
                southern.id(), "YES", northern.id(), "NO")), ada.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The customer has answered about Northern Lights already (yes);"
                        + " a change of mind is a change of their preference."));
        // ...online a company off the account page is not for the customer to answer (P-6)...
        postJson("/api/booking/customers/{id}/preferences/answers", json("""
                {'channel': 'ACCOUNT_PAGE', 'answers': [{'partnerCompanyId': %d, 'answer': 'YES'}]}"""
                .formatted(southern.id())), ada.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Southern Cross is not on the customer's account page: they"
                        + " have not booked for its events; box office staff can set it."));
        // ...nor a company that does not collect preferences (P-7).
        postJson("/api/booking/customers/{id}/preferences/answers", json(answers.formatted("BOX_OFFICE",
                southern.id(), "YES", quiet.id(), "YES")), ada.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Quiet Company does not collect contact preferences."));
        postJson("/api/booking/customers/{id}/preferences/answers", json(answers.formatted("BOX_OFFICE",
                southern.id(), "YES", northern.id(), "NO")), 999999)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no customer with id 999999."));

        // All or nothing: Southern Cross, answered beside a refused answer each time, is still not set.
        getJson("/api/booking/customers/{id}/preferences/history", ada.id())
                .andExpect(jsonPath("$[*].partnerCompanyId").value(contains(northern.id().intValue())));

        // Online "not asked" is no answer (P-4), even for a question on the account page.
        putJson("/api/booking/customers/{id}/preferences/{partner}", json("{'state': 'NOT_ASKED', 'channel':"
                + " 'BOX_OFFICE'}"), ada.id(), southern.id()).andExpect(status().isOk());
        postJson("/api/booking/customers/{id}/preferences/answers", json("""
                {'channel': 'ACCOUNT_PAGE', 'answers': [{'partnerCompanyId': %d, 'answer': 'NOT_ASKED'}]}"""
                .formatted(southern.id())), ada.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Online a customer answers yes or no only; \"not asked\" is for"
                        + " box office staff."));
    }
}
