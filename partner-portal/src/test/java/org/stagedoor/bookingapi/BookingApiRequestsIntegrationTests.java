package org.stagedoor.bookingapi;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.web.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.stagedoor.admin.CustomerSearch;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.customer.CreatedChannel;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.facilitation.BoxOfficeBooking;
import org.stagedoor.booking.facilitation.OnlineBooking;
import org.stagedoor.booking.facilitation.PotentialDuplicates;
import org.stagedoor.booking.order.OrderHistory;
import org.stagedoor.booking.order.OrderPlacement;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.venue.Venue;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.web.PlainWords;

import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The booking API's answers to what a request lacks, before anything is looked up: the fields each request needs
 * (the request records' constraints), what the kind of customer asks of the other fields, the lines of a basket, a
 * value of the wrong type; and how the booking core's refusals and "not found" read. Only the web layer starts (the
 * controllers, the API's advice, Jackson, Bean Validation): the booking core's services are replaced at the
 * controllers' boundary, and a refused request never reaches them. Who may call the API (a venue system token) and
 * the core's own refusals are the whole application's tests, on the real database (the other classes here).
 */
@WebMvcTest(controllers = { CustomerApiController.class, OrderApiController.class, PreferenceApiController.class,
        RelationshipApiController.class })
class BookingApiRequestsIntegrationTests {

    /**
     * The venue's time zone, which the console's advice (scanned with every controller advice) reads; and the caller
     * as a controller asks for it, which Spring Security's web configuration (not started here) resolves: none.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(VenueProperties.class)
    static class WebLayer {

        @Bean
        WebMvcConfigurer callers() {
            return new WebMvcConfigurer() {

                @Override
                public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new AuthenticationPrincipalArgumentResolver());
                }
            };
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CustomerSearch search;

    @MockitoBean
    CustomerRecords customers;

    @MockitoBean
    OnlineBooking online;

    @MockitoBean
    BoxOfficeBooking boxOffice;

    @MockitoBean
    PotentialDuplicates duplicates;

    @MockitoBean
    OrderPlacement placement;

    @MockitoBean
    OrderHistory history;

    @MockitoBean
    PartnerPreferences preferences;

    @MockitoBean
    Events events;

    @MockitoBean
    Venue venue;

    @MockitoBean
    Relationships relationships;

    @Test
    void aNewCustomerNeedsToSayWhatKindItIsAndWhereItIsCreated() throws Exception {
        postJson("/api/booking/customers", "{'firstName': 'Ada'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("The request cannot be accepted"))
                .andExpect(jsonPath("$.errors[*].field").value(contains("kind", "channel")))
                .andExpect(jsonPath("$.errors[*].message").value(contains(
                        "is required: say whether the customer is a person or an organisation",
                        "is required: say whether the customer is created at the box office or online")));
        postJson("/api/booking/customers", "{'kind': 'INDIVIDUAL', 'firstName': 'Ada', 'email': 'ada at example',"
                + " 'channel': 'ONLINE'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("email")))
                .andExpect(jsonPath("$.errors[0].message").value("is not an email address"));
        verifyNoInteractions(customers);
    }

    @Test
    void aPersonNeedsBothNamesAndAnOrganisationItsNameAndNoDateOfBirth() throws Exception {
        postJson("/api/booking/customers", "{'kind': 'INDIVIDUAL', 'firstName': 'Ada', 'channel': 'ONLINE'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("lastName")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: a person needs a first and a last"
                        + " name"));
        postJson("/api/booking/customers", "{'kind': 'ORGANISATION', 'channel': 'ONLINE'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("organisationName")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: an organisation needs its name"));
        postJson("/api/booking/customers", "{'kind': 'ORGANISATION', 'organisationName': 'Hill School',"
                + " 'dateOfBirth': '1990-01-01', 'channel': 'BOX_OFFICE'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("dateOfBirth")))
                .andExpect(jsonPath("$.errors[0].message").value("is for a person only, not an organisation"));
        verifyNoInteractions(customers);
    }

    @Test
    void aNewCustomerIsAnsweredWithItsAddressAndViewAndItsEmailWithoutSpaces() throws Exception {
        given(customers.create(any())).willAnswer(call -> call.getArgument(0, Customer.class).withId(12L));

        postJson("/api/booking/customers", "{'kind': 'INDIVIDUAL', 'title': 'Ms', 'firstName': ' Ada ',"
                + " 'lastName': 'Lovelace', 'email': ' ada@example.org ', 'phone': '', 'channel': 'ONLINE'}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/booking/customers/12"))
                .andExpect(jsonPath("$.id").value(12))
                .andExpect(jsonPath("$.name").value("Ms Ada Lovelace"))
                .andExpect(jsonPath("$.email").value("ada@example.org"))
                .andExpect(jsonPath("$.phone").doesNotExist())
                .andExpect(jsonPath("$.createdChannel").value("ONLINE"));
        then(customers).should().create(any(Customer.class));
    }

    @Test
    void someoneElseAndANewFacilitatorNeedARelationshipTypeAndTheFacilitatorsSide() throws Exception {
        postJson("/api/booking/customers/{id}/someone-else", "{'firstName': 'Sam'}", 7)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("relationshipTypeId", "facilitatorSide")))
                .andExpect(jsonPath("$.errors[*].message").value(contains(
                        "is required: how the facilitator and the other customer are related",
                        "is required: the side of the relationship type the facilitator is on, the first or the"
                                + " second")));
        postJson("/api/booking/customers/{id}/facilitators", "{'importance': 2}", 7)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("facilitatorId", "relationshipTypeId",
                        "facilitatorSide")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: the customer who will book for the"
                        + " owner"));
        verifyNoInteractions(online, boxOffice, customers);
    }

    @Test
    void anOrderNeedsItsOwnerAndChannelAndEveryLineComplete() throws Exception {
        postJson("/api/booking/orders", "{'channel': 'ONLINE'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("ownerId")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: the customer the order is for"));
        postJson("/api/booking/orders", "{'ownerId': 3}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("channel")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: say whether the order is made at the"
                        + " box office or online"));
        postJson("/api/booking/orders", """
                {'ownerId': 3, 'channel': 'BOX_OFFICE', 'tickets': [{'performanceId': 5, 'priceBandId': 6,
                 'price': 10}, {'performanceId': 5}], 'memberships': [{'price': 30}],
                 'preferenceAnswers': [{'partnerCompanyId': 8, 'answer': 'YES'}, {'partnerCompanyId': 8,
                 'answer': 'NO'}, {'partnerCompanyId': 9}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("tickets[1]", "memberships[0]",
                        "preferenceAnswers[1]", "preferenceAnswers[2]")))
                .andExpect(jsonPath("$.errors[*].message").value(contains(
                        "needs a performance, a price band and a price", "needs a membership scheme",
                        "is a second answer for the same partner company", "needs a partner company and an answer")));
        verifyNoInteractions(placement);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithoutRepeatingIt() throws Exception {
        postJson("/api/booking/orders", "{'ownerId': 3, 'channel': 'BY_PIGEON'}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The body is not JSON of the expected shape"))
                .andExpect(jsonPath("$.errors[*].field").value(contains("channel")))
                .andExpect(jsonPath("$.errors[0].message").value("has a value of the wrong type"));
        // An administrator's channel is not a sales channel's to use.
        putJson("/api/booking/customers/{id}/preferences/{partner}", "{'state': 'YES', 'channel':"
                + " 'ADMINISTRATOR'}", 3, 8)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("channel")));
        verifyNoInteractions(placement, preferences);
    }

    @Test
    void aPreferenceChangeNeedsAStateAndASalesChannel() throws Exception {
        putJson("/api/booking/customers/{id}/preferences/{partner}", "{'channel': 'BOX_OFFICE'}", 3, 8)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("state")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: yes, no, or (at the box office) not"
                        + " asked"));
        putJson("/api/booking/customers/{id}/preferences/{partner}", "{}", 3, 8)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("state", "channel")))
                .andExpect(jsonPath("$.errors[1].message").value("is required: the account page, the box office or"
                        + " the online checkout"));
        verifyNoInteractions(preferences, customers);
    }

    @Test
    void answersOutsideAnOrderNeedAChannelAndOneAnswerForEachCompany() throws Exception {
        postJson("/api/booking/customers/{id}/preferences/answers", "{'channel': 'BOX_OFFICE'}", 3)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("answers")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: one answer for each question"
                        + " answered"));
        postJson("/api/booking/customers/{id}/preferences/answers", "{'answers': [{'partnerCompanyId': 8,"
                + " 'answer': 'YES'}]}", 3)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("channel")))
                .andExpect(jsonPath("$.errors[0].message").value("is required: the box office, or the customer"
                        + " online on their account page"));
        // An online checkout answers with its order.
        postJson("/api/booking/customers/{id}/preferences/answers", "{'channel': 'ONLINE_CHECKOUT', 'answers':"
                + " [{'partnerCompanyId': 8, 'answer': 'YES'}]}", 3)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("channel")));
        postJson("/api/booking/customers/{id}/preferences/answers", "{'channel': 'BOX_OFFICE', 'answers':"
                + " [{'partnerCompanyId': 8, 'answer': 'YES'}, {'partnerCompanyId': 8, 'answer': 'NO'}]}", 3)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("answers[1]")))
                .andExpect(jsonPath("$.errors[0].message").value("is a second answer for the same partner company"));
        verifyNoInteractions(preferences, customers);
    }

    @Test
    void aRelationshipNeedsItsTypeAndACustomerOnEachSide() throws Exception {
        postJson("/api/booking/relationships", "{'customerAId': 1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("relationshipTypeId", "customerBId")))
                .andExpect(jsonPath("$.errors[*].message").value(contains("is required: the kind of relationship",
                        "is required: the customer on the type's second side")));
        verifyNoInteractions(relationships);
    }

    @Test
    void theCoresRefusalsReadAsSentencesAndWhatIsMissingIsNamed() throws Exception {
        given(relationships.link(anyLong(), anyLong(), anyLong(), anyInt()))
                .willThrow(new InvalidBookingRequest("a relationship links two different customers"));
        given(customers.get(999_999L)).willThrow(new NotFoundException("customer", 999_999L));

        postJson("/api/booking/relationships", "{'relationshipTypeId': 1, 'customerAId': 2, 'customerBId': 2}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("A relationship links two different customers."))
                .andExpect(jsonPath("$.instance").doesNotExist());
        getJson("/api/booking/customers/{id}", 999_999)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no customer with id 999999."));
        given(customers.get(4L)).willReturn(Customer.organisation("Hill School", null, CreatedChannel.BOX_OFFICE)
                .withId(4L));
        getJson("/api/booking/customers/{id}", 4)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Hill School"))
                .andExpect(jsonPath("$.kind").value("ORGANISATION"));
    }

    ResultActions getJson(String path, Object... variables) throws Exception {
        return plainly(mvc.perform(get(path, variables).accept(MediaType.APPLICATION_JSON)));
    }

    ResultActions postJson(String path, String json, Object... variables) throws Exception {
        return plainly(mvc.perform(withJson(post(path, variables), json)));
    }

    ResultActions putJson(String path, String json, Object... variables) throws Exception {
        return plainly(mvc.perform(withJson(put(path, variables), json)));
    }

    /** JSON written with single quotes for double ones, which reads better in Java. */
    private static MockHttpServletRequestBuilder withJson(MockHttpServletRequestBuilder request, String json) {
        return request.accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .content(json.replace('\'', '"'));
    }

    /** Every refusal reads as words: no rule code, enum name or JSON path in its detail or messages. */
    private static ResultActions plainly(ResultActions answer) throws Exception {
        return BookingApiIntegrationTest.plainly(answer, new PlainWords(List.of()));
    }
}
