package org.stagedoor.bookingapi;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.relationship.RelationshipType;
import org.stagedoor.booking.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Customers through the booking API: found by name or email, created at the box office or online, "someone else"
 * created by a facilitator online (covers F-5) and reported with its potential duplicates (covers F-6), whom a
 * customer may book for and who may book for them (covers F-4, F-5), and the refusals in words.
 */
class BookingApiCustomerIntegrationTests extends BookingApiIntegrationTest {

    @Autowired
    Venue venue;

    @Test
    void customersAreFoundByPartOfTheirNameOrTheirEmail() throws Exception {
        Customer ada = fixtures.person("Ada", "Lovelace");
        fixtures.person("Grace", "Hopper");

        getJson("/api/booking/customers?q=lovelac").andExpect(status().isOk())
                .andExpect(jsonPath("$.customers[*].id").value(contains(ada.id().intValue())))
                .andExpect(jsonPath("$.customers[0].name").value("Ada Lovelace"))
                .andExpect(jsonPath("$.more").value(false));
        getJson("/api/booking/customers?q={email}", ada.email()).andExpect(status().isOk())
                .andExpect(jsonPath("$.customers[*].email").value(contains(ada.email())));
    }

    @Test
    void aCustomerIsCreatedAtTheBoxOfficeAndASecondWithTheSameEmailIsRefused() throws Exception {
        String created = postJson("/api/booking/customers", json("""
                {'kind': 'INDIVIDUAL', 'title': 'Ms', 'firstName': 'Ada', 'lastName': 'Lovelace',
                 'email': 'ada@example.org', 'postcode': 'N1 9GU', 'channel': 'BOX_OFFICE'}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/booking/customers/")))
                .andExpect(jsonPath("$.name").value("Ms Ada Lovelace"))
                .andExpect(jsonPath("$.onlineAccess").value(true))
                .andExpect(jsonPath("$.createdChannel").value("BOX_OFFICE"))
                .andReturn().getResponse().getContentAsString();

        postJson("/api/booking/customers", json("""
                {'kind': 'INDIVIDUAL', 'firstName': 'Augusta', 'lastName': 'King', 'email': 'ADA@example.org',
                 'channel': 'ONLINE'}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("A customer with this email address already exists; there is"
                        + " only one customer record per email address."));
        assertThat(created).contains("\"email\":\"ada@example.org\"");
    }

    @Test
    void someoneElseIsAPersonWithoutEmailOrOnlineAccessLinkedToTheFacilitatorFirst() throws Exception {
        Customer parent = fixtures.person("Kim", "Parent");
        RelationshipType parentChild = fixtures.parentChild();

        long child = number(postJson("/api/booking/customers/{id}/someone-else", json("""
                {'firstName': 'Sam', 'lastName': 'Parent', 'relationshipTypeId': %d, 'facilitatorSide': 'A'}
                """.formatted(parentChild.id())), parent.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.customer.name").value("Sam Parent"))
                .andExpect(jsonPath("$.customer.email").doesNotExist())
                .andExpect(jsonPath("$.customer.onlineAccess").value(false))
                .andExpect(jsonPath("$.customer.createdChannel").value("ONLINE_SOMEONE_ELSE"))
                .andExpect(jsonPath("$.potentialDuplicates", hasSize(0))), "$.customer.id");

        getJson("/api/booking/customers/{id}/relationships", child).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].customerAId").value(parent.id()))
                .andExpect(jsonPath("$[0].customerBId").value(child))
                .andExpect(jsonPath("$[0].importance").value(1))
                .andExpect(jsonPath("$[0].type.aLabel").value("Parent"));
        getJson("/api/booking/customers/{id}/owners", parent.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(contains("Kim Parent", "Sam Parent")))
                .andExpect(jsonPath("$[*].theirLabel").value(contains("Myself", "Child")));
    }

    @Test
    void aSecondSomeoneElseWithTheSameNamesIsReportedAsAPotentialDuplicate() throws Exception {
        Customer parent = fixtures.person("Kim", "Parent");
        RelationshipType parentChild = fixtures.parentChild();
        String body = json("""
                {'firstName': 'Sam', 'lastName': 'Parent', 'relationshipTypeId': %d, 'facilitatorSide': 'A'}
                """.formatted(parentChild.id()));
        long first = number(postJson("/api/booking/customers/{id}/someone-else", body, parent.id()), "$.customer.id");

        long second = number(postJson("/api/booking/customers/{id}/someone-else", body.replace("Sam", " sam "),
                parent.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.potentialDuplicates", hasSize(1)))
                .andExpect(jsonPath("$.potentialDuplicates[0].someoneElseId").value(first))
                .andExpect(jsonPath("$.potentialDuplicates[0].sharedFacilitatorName").value("Kim Parent")),
                "$.customer.id");
        getJson("/api/booking/potential-duplicates?facilitatorId={id}", parent.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].someoneElseId").value(first))
                .andExpect(jsonPath("$[0].otherCustomerId").value(second));
    }

    @Test
    void someoneElseIsRefusedInWordsWhenTheRulesSayNo() throws Exception {
        Customer parent = fixtures.person("Kim", "Parent");
        Customer school = fixtures.organisation("Hill School");
        RelationshipType parentChild = fixtures.parentChild();

        // The facilitator on the Child side: that side cannot act for the other (F-2).
        postJson("/api/booking/customers/{id}/someone-else", json("""
                {'firstName': 'Sam', 'lastName': 'Parent', 'relationshipTypeId': %d, 'facilitatorSide': 'B'}
                """.formatted(parentChild.id())), parent.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("A Parent / Child relationship does not let you book on their"
                        + " behalf."));
        // Only a person books for someone else (F-3).
        postJson("/api/booking/customers/{id}/someone-else", json("""
                {'firstName': 'Sam', 'lastName': 'Pupil', 'relationshipTypeId': %d, 'facilitatorSide': 'A'}
                """.formatted(parentChild.id())), school.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Only an individual can book for someone else."));
        // A date of birth where the venue asks for one (F-5).
        venue.update("The Venue", "", true);
        postJson("/api/booking/customers/{id}/someone-else", json("""
                {'firstName': 'Sam', 'lastName': 'Parent', 'relationshipTypeId': %d, 'facilitatorSide': 'A'}
                """.formatted(parentChild.id())), parent.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The venue requires a date of birth for new accounts."));
        postJson("/api/booking/customers/{id}/someone-else", json("""
                {'firstName': 'Sam', 'lastName': 'Parent', 'relationshipTypeId': %d, 'facilitatorSide': 'A',
                 'dateOfBirth': '2015-04-01'}""".formatted(parentChild.id())), parent.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.customer.dateOfBirth").value("2015-04-01"));
        getJson("/api/booking/customers/{id}/someone-else", 999_999).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void theBoxOfficeLinksANewFacilitatorOnlyOnASideThatMayActForTheOwner() throws Exception {
        Customer child = fixtures.personWithoutEmail("Sam", "Parent");
        Customer parent = fixtures.person("Kim", "Parent");
        RelationshipType parentChild = fixtures.parentChild();

        postJson("/api/booking/customers/{id}/facilitators", json("""
                {'facilitatorId': %d, 'relationshipTypeId': %d, 'facilitatorSide': 'B'}
                """.formatted(parent.id(), parentChild.id())), child.id())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The Child side of a Parent / Child relationship cannot act on"
                        + " behalf of the other."));
        postJson("/api/booking/customers/{id}/facilitators", json("""
                {'facilitatorId': %d, 'relationshipTypeId': %d, 'facilitatorSide': 'A'}
                """.formatted(parent.id(), parentChild.id())), child.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.customerAId").value(parent.id()))
                .andExpect(jsonPath("$.importance").value(1));
        getJson("/api/booking/customers/{id}/facilitators", child.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(contains("Kim Parent")))
                .andExpect(jsonPath("$[0].theirLabel").value("Parent"));
        getJson("/api/booking/customers/{id}/facilitators", 999_999).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no customer with id 999999."));
    }
}
