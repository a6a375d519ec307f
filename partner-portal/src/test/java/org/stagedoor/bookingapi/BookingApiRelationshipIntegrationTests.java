package org.stagedoor.bookingapi;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.order.OrderChannel;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Relationship types and relationships through the booking API (covers F-1): a type allows facilitation one way,
 * the other, both or neither; types are changed, and deleted only while unused; the refusals in words.
 */
class BookingApiRelationshipIntegrationTests extends BookingApiIntegrationTest {

    @Test
    void typesAreCreatedForEachWayOfActingChangedAndListedByLabel() throws Exception {
        long carer = number(postJson("/api/booking/relationship-types",
                json("{'aLabel': 'Carer', 'bLabel': 'Cared for', 'aActsForB': true, 'bActsForA': false}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.aLabel").value("Carer"))
                .andExpect(jsonPath("$.aActsForB").value(true))
                .andExpect(jsonPath("$.bActsForA").value(false)), "$.id");
        postJson("/api/booking/relationship-types", json("{'aLabel': 'Partner', 'bLabel': 'Partner', 'aActsForB': true,"
                + " 'bActsForA': true}")).andExpect(status().isCreated());
        postJson("/api/booking/relationship-types", json("{'aLabel': 'Colleague', 'bLabel': 'Colleague'}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.aActsForB").value(false))
                .andExpect(jsonPath("$.bActsForA").value(false));

        putJson("/api/booking/relationship-types/{id}", json("{'aLabel': 'Guardian', 'bLabel': 'Ward',"
                + " 'aActsForB': true, 'bActsForA': true}"), carer)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.aLabel").value("Guardian"))
                .andExpect(jsonPath("$.bActsForA").value(true));
        getJson("/api/booking/relationship-types").andExpect(status().isOk())
                .andExpect(jsonPath("$[*].aLabel").value(contains("Colleague", "Guardian", "Partner")));

        postJson("/api/booking/relationship-types", json("{'aLabel': 'guardian', 'bLabel': 'WARD'}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("A relationship type with these labels already exists."));
        postJson("/api/booking/relationship-types", json("{'aLabel': 'Guardian'}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("A relationship type needs a label for each side."));
    }

    @Test
    void aTypeIsDeletedOnlyWhileNoRelationshipUsesIt() throws Exception {
        Customer kim = fixtures.person("Kim", "Parent");
        Customer sam = fixtures.person("Sam", "Parent");
        long unused = number(postJson("/api/booking/relationship-types",
                json("{'aLabel': 'Friend', 'bLabel': 'Friend'}")), "$.id");
        long used = number(postJson("/api/booking/relationship-types",
                json("{'aLabel': 'Parent', 'bLabel': 'Child', 'aActsForB': true}")), "$.id");
        postJson("/api/booking/relationships", json("{'relationshipTypeId': %d, 'customerAId': %d, 'customerBId': %d}"
                .formatted(used, kim.id(), sam.id())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.importance").value(1))
                .andExpect(jsonPath("$.type.bLabel").value("Child"));

        deleteJson("/api/booking/relationship-types/{id}", unused).andExpect(status().isNoContent());
        getJson("/api/booking/relationship-types/{id}", unused).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no relationship type with id " + unused + "."));
        deleteJson("/api/booking/relationship-types/{id}", used).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The Parent / Child relationship type links 1 pair of"
                        + " customers; it can be deleted only when no relationship uses it."));
        getJson("/api/booking/relationship-types/{id}", used).andExpect(status().isOk());
    }

    @Test
    void relationshipsAreRefusedInWords() throws Exception {
        Customer kim = fixtures.person("Kim", "Parent");
        Customer sam = fixtures.person("Sam", "Parent");
        long type = number(postJson("/api/booking/relationship-types",
                json("{'aLabel': 'Parent', 'bLabel': 'Child', 'aActsForB': true}")), "$.id");
        String link = "{'relationshipTypeId': %d, 'customerAId': %d, 'customerBId': %d, 'importance': %d}";

        postJson("/api/booking/relationships", json(link.formatted(type, kim.id(), kim.id(), 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("A relationship links two different customers."));
        postJson("/api/booking/relationships", json(link.formatted(type, kim.id(), sam.id(), 0)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Importance is a whole number from 1 (highest)."));
        postJson("/api/booking/relationships", json(link.formatted(type, kim.id(), sam.id(), 2)))
                .andExpect(status().isCreated());
        postJson("/api/booking/relationships", json(link.formatted(type, kim.id(), sam.id(), 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Customers " + kim.id() + " and " + sam.id()
                        + " are already linked by this relationship type."));
        getJson("/api/booking/customers/{id}/relationships", sam.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].importance").value(2));
    }

    @Test
    void aRelationshipIsDeletedUnlessOrdersWereMadeThroughIt() throws Exception {
        // covers F-1, F-2: once deleted, a relationship lets nobody act for anybody; one an order names stays.
        Customer kim = fixtures.person("Kim", "Parent");
        Customer sam = fixtures.person("Sam", "Parent");
        Customer max = fixtures.person("Max", "Friend");
        long parentChild = number(postJson("/api/booking/relationship-types",
                json("{'aLabel': 'Parent', 'bLabel': 'Child', 'aActsForB': true}")), "$.id");
        String link = "{'relationshipTypeId': %d, 'customerAId': %d, 'customerBId': %d}";
        long used = number(postJson("/api/booking/relationships", json(link.formatted(parentChild, kim.id(),
                sam.id()))).andExpect(status().isCreated()), "$.id");
        long unused = number(postJson("/api/booking/relationships", json(link.formatted(parentChild, kim.id(),
                max.id()))).andExpect(status().isCreated()), "$.id");
        fixtures.buy(sam, kim, OrderChannel.BOX_OFFICE, fixtures.performance("Hamlet", 10), fixtures.standardBand(),
                "20", Map.of());

        deleteJson("/api/booking/relationships/{id}", unused).andExpect(status().isNoContent());
        getJson("/api/booking/customers/{id}/relationships", max.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty());
        deleteJson("/api/booking/relationships/{id}", unused).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no relationship with id " + unused + "."));
        deleteJson("/api/booking/relationships/{id}", used).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Kim Parent and Sam Parent are linked as Parent / Child; 1 order"
                        + " was made through this relationship, so it stays as their record and cannot be deleted."));
        getJson("/api/booking/customers/{id}/relationships", sam.id())
                .andExpect(jsonPath("$[*].id").value(contains((int) used)));
        // Kim may no longer book for Max: the deleted relationship allowed it.
        getJson("/api/booking/customers/{id}/owners", kim.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].customerId").value(not(hasItem(max.id().intValue()))));
        // The type stays in use, and says so.
        deleteJson("/api/booking/relationship-types/{id}", parentChild).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The Parent / Child relationship type links 1 pair of"
                        + " customers; it can be deleted only when no relationship uses it."));
    }
}
