package org.stagedoor.admin;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChange;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** Erasing a customer from the console and the admin API: consent withdrawn with its history (P-8, R-6), audited. */
class CustomerErasurePagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    CustomerRecords customers;

    @Autowired
    PartnerPreferences preferences;

    Customer ada;

    PartnerCompany northern;

    @BeforeEach
    void customerWhoSaidYes() {
        ada = fixtures.person("Ada", "Lovelace");
        northern = fixtures.partner("Northern Lights", true);
        EventInstance hamlet = fixtures.performance("Hamlet", 100, northern);
        fixtures.buy(ada, null, OrderChannel.ONLINE, hamlet, fixtures.standardBand(), "20.00",
                Map.of(northern.id(), PreferenceState.YES));
    }

    @Test
    void anAdministratorErasesACustomerFromItsPageOnceTheErasureIsConfirmed() throws Exception {
        // covers P-8: the withdrawal is an ADMINISTRATOR change recorded by this administrator
        assertThat(mvc.perform(get("/admin/customers/{id}", ada.id()).with(as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("id=\"erase\"", "/admin/customers/" + ada.id() + "/erasure", "name=\"_csrf\"");

        mvc.perform(post("/admin/customers/{id}/erasure", ada.id()).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("tick the box to confirm the erasure")));
        assertThat(customers.get(ada.id()).isErased()).isFalse();

        mvc.perform(post("/admin/customers/{id}/erasure", ada.id()).with(as(admin)).with(csrf())
                        .param("confirm", "true"))
                .andExpect(redirectedUrl("/admin/customers/" + ada.id() + "?erased"));

        Customer erased = customers.get(ada.id());
        assertThat(erased.isErased()).isTrue();
        assertThat(erased).extracting(Customer::firstName, Customer::lastName, Customer::email).containsOnlyNulls();
        assertThat(preferences.current(ada.id(), northern.id()).state()).isEqualTo(PreferenceState.NO);
        assertThat(preferences.history(ada.id())).last()
                .extracting(PreferenceChange::previousState, PreferenceChange::state, PreferenceChange::channel,
                        PreferenceChange::recordedBy)
                .containsExactly(PreferenceState.YES, PreferenceState.NO, PreferenceChannel.ADMINISTRATOR, ADMIN);
        assertThat(jdbc.sql("select count(*) from customer_order where owner_id = :id").param("id", ada.id())
                .query(Integer.class).single()).as("orders stay").isEqualTo(1);
        assertThat(audit.recent(AuditLog.Kind.CUSTOMER_ERASED, 10))
                .extracting(AuditLog.Entry::actor, AuditLog.Entry::detail)
                .containsExactly(tuple(ADMIN, "erased customer " + ada.id()
                        + "; withdrew the contact preference for partner companies " + northern.id()
                        + " 'Northern Lights'"));
        assertThat(audit.recent(AuditLog.Kind.CUSTOMER_ERASED, 10).get(0).detail())
                .as("the audit log keeps nothing that was erased").doesNotContain("Ada", "Lovelace", ada.email());

        String page = mvc.perform(get("/admin/customers/{id}", ada.id()).with(as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"erased\"", "Erased customer " + ada.id())
                .doesNotContain("id=\"erase\"", "Lovelace", "/preferences\"");
    }

    @Test
    void erasingACustomerTwiceIsRefusedOnThePageAndThroughTheApi() throws Exception {
        mvc.perform(post("/admin/customers/{id}/erasure", ada.id()).with(as(admin)).with(csrf())
                .param("confirm", "true")).andExpect(status().is3xxRedirection());

        mvc.perform(post("/admin/customers/{id}/erasure", ada.id()).with(as(admin)).with(csrf())
                        .param("confirm", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("was already erased")));
        mvc.perform(post("/api/admin/customers/{id}/erasure", ada.id()).with(as(admin)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("was already erased")));
        assertThat(audit.recent(AuditLog.Kind.CUSTOMER_ERASED, 10)).hasSize(1);
    }

    @Test
    void theAdminApiErasesACustomerAndAnswersWhatItWithdrew() throws Exception {
        mvc.perform(post("/api/admin/customers/{id}/erasure", ada.id()).with(as(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(ada.id()))
                .andExpect(jsonPath("$.erasedBy").value(ADMIN))
                .andExpect(jsonPath("$.withdrawnFrom[0]").value(northern.id()));

        assertThat(customers.get(ada.id()).isErased()).isTrue();
        assertThat(audit.recent(AuditLog.Kind.CUSTOMER_ERASED, 10)).singleElement()
                .extracting(AuditLog.Entry::actor).isEqualTo(ADMIN);
        mvc.perform(post("/api/admin/customers/{id}/erasure", 999_999).with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/customers/{id}/erasure", 999_999).with(as(admin)).with(csrf())
                .param("confirm", "true")).andExpect(status().isNotFound());
    }

    @Test
    void partnerUsersCannotEraseACustomerAndNeitherCanARequestWithoutItsCsrfToken() throws Exception {
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, northern.id(), "user@northern.example");

        mvc.perform(post("/admin/customers/{id}/erasure", ada.id()).with(as(partnerUser)).with(csrf())
                .param("confirm", "true")).andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/customers/{id}/erasure", ada.id()).with(as(partnerUser)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/customers/{id}/erasure", ada.id()).with(as(admin)).param("confirm", "true"))
                .andExpect(status().isForbidden());

        assertThat(customers.get(ada.id()).isErased()).isFalse();
        assertThat(preferences.current(ada.id(), northern.id()).state()).isEqualTo(PreferenceState.YES);
        assertThat(audit.recent(AuditLog.Kind.CUSTOMER_ERASED, 10)).isEmpty();
    }
}
