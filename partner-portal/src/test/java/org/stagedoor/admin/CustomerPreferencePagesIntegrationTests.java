package org.stagedoor.admin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** A customer's partner-company preferences and their history, changed by an administrator (P-6, P-8). */
class CustomerPreferencePagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    PartnerPreferences preferences;

    @Test
    void aCustomerIsFoundByIdOrEmailAndShowsEachPartnerCompanysPreference() throws Exception {
        Customer ada = fixtures.person("Ada", "Lovelace");
        PartnerCompany northern = fixtures.partner("Northern Lights", true);
        PartnerCompany southern = fixtures.partner("Southern Cross", true);
        fixtures.partner("Western Lines", false);
        EventInstance hamlet = fixtures.performance("Hamlet", 100, northern);
        fixtures.buy(ada, null, OrderChannel.ONLINE, hamlet, fixtures.standardBand(), "20.00",
                Map.of(northern.id(), PreferenceState.YES));

        mvc.perform(get("/admin/customers").param("q", ada.email().toUpperCase()).with(as(admin)))
                .andExpect(redirectedUrl("/admin/customers/" + ada.id()));
        mvc.perform(get("/admin/customers").param("q", ada.id().toString()).with(as(admin)))
                .andExpect(redirectedUrl("/admin/customers/" + ada.id()));
        mvc.perform(get("/admin/customers").param("q", "nobody@example.org").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"not-found\"")));

        String page = mvc.perform(get("/admin/customers/{id}", ada.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(section(page, "preference-" + northern.id())).contains("Northern Lights").contains(">yes<")
                .contains(">Yes<").contains("Online checkout");
        assertThat(section(page, "preference-" + southern.id())).contains("Southern Cross").contains(">no<")
                .contains(">Not asked<");
        assertThat(page).doesNotContain("Western Lines").contains("id=\"history\"");
    }

    @Test
    void anAdministratorsChangeIsRecordedWithItsChannelAndKeptInTheHistory() throws Exception {
        Customer ada = fixtures.person("Ada", "Lovelace");
        PartnerCompany northern = fixtures.partner("Northern Lights", true);
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box office");

        mvc.perform(post("/admin/customers/{id}/preferences", ada.id()).with(as(admin)).with(csrf())
                        .param("partnerCompanyId", northern.id().toString()).param("state", "NO"))
                .andExpect(redirectedUrl("/admin/customers/" + ada.id() + "?saved"));

        assertThat(preferences.current(ada.id(), northern.id())).satisfies(current -> {
            assertThat(current.state()).isEqualTo(PreferenceState.NO);
            assertThat(current.channel()).isEqualTo(PreferenceChannel.ADMINISTRATOR);
        });
        assertThat(preferences.history(ada.id()))
                .extracting(change -> change.previousState(), change -> change.state(), change -> change.channel(),
                        change -> change.recordedBy())
                .containsExactly(tuple(null, PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box office"),
                        tuple(PreferenceState.YES, PreferenceState.NO, PreferenceChannel.ADMINISTRATOR, ADMIN));
        assertThat(adminChanges()).containsExactly("set the contact preference of customer " + ada.id()
                + " for partner company " + northern.id() + " 'Northern Lights' from yes to no");

        mvc.perform(post("/admin/customers/{id}/preferences", ada.id()).with(as(admin)).with(csrf())
                        .param("partnerCompanyId", northern.id().toString()).param("state", "NOT_ASKED"))
                .andExpect(status().is3xxRedirection());
        assertThat(preferences.history(ada.id())).hasSize(3).last()
                .satisfies(change -> assertThat(change.state()).isEqualTo(PreferenceState.NOT_ASKED));

        String history = section(mvc.perform(get("/admin/customers/{id}", ada.id()).with(as(admin)))
                .andReturn().getResponse().getContentAsString(), "history");
        assertThat(history.indexOf(">Not asked<")).as("newest first").isLessThan(history.indexOf(">Box office<"));
        assertThat(history).contains(ADMIN).contains(">Administrator<");
    }

    @Test
    void aPreferenceForACompanyThatDoesNotCollectThemIsRefusedAndNothingIsRecorded() throws Exception {
        Customer ada = fixtures.person("Ada", "Lovelace");
        PartnerCompany western = fixtures.partner("Western Lines", false);

        mvc.perform(post("/admin/customers/{id}/preferences", ada.id()).with(as(admin)).with(csrf())
                        .param("partnerCompanyId", western.id().toString()).param("state", "YES"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Western Lines does not collect contact preferences"),
                        containsString("Nothing was saved"))));

        assertThat(preferences.history(ada.id())).isEmpty();
        assertThat(adminChanges()).isEmpty();
        mvc.perform(get("/admin/customers/{id}", 999_999).with(as(admin))).andExpect(status().isNotFound());
    }

    /** The element with this id and what follows it, up to the end of its table row or table. */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        int end = page.indexOf(id.startsWith("preference-") ? "</tr>" : "</table>", start);
        return page.substring(start, end);
    }
}
