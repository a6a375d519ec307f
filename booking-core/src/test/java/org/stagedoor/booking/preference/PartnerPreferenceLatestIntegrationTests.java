package org.stagedoor.booking.preference;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each customer's latest preference history entry for each partner company (V25), which partner runs and counts read
 * their consent from (R-6, P-8): kept by the store in the same statement as the history, equal at every step to the
 * latest entry taken from the history itself, and filled for entries that existed before it.
 */
@SpringBootTest
class PartnerPreferenceLatestIntegrationTests extends StoreIntegrationTest {

    @Autowired
    PartnerPreferences preferences;

    @Autowired
    CustomerErasure erasure;

    @Autowired
    BookingFixtures fixtures;

    PartnerCompany northern;

    PartnerCompany southern;

    Customer ada;

    Customer bob;

    @BeforeEach
    void twoCustomersAndTwoCollectingPartnerCompanies() {
        northern = fixtures.partner("Northern Lights", true);
        southern = fixtures.partner("Southern Cross", true);
        ada = fixtures.person("Ada", "Lovelace");
        bob = fixtures.person("Bob", "Brown");
    }

    @Test
    void aPreferenceChangeReplacesTheCustomersLatestEntryForThatCompanyOnly() {
        // covers P-3 and P-8: each change is a history entry; the latest one is the preference in force
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.ONLINE_CHECKOUT, null);
        preferences.record(ada.id(), southern.id(), PreferenceState.NOT_ASKED, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(bob.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        assertThat(latest()).containsExactly(
                row(northern, ada, "YES", "ONLINE_CHECKOUT"), row(northern, bob, "YES", "BOX_OFFICE"),
                row(southern, ada, "NOT_ASKED", "BOX_OFFICE"));
        assertThat(latest()).isEqualTo(fromHistory());

        preferences.record(ada.id(), northern.id(), PreferenceState.NO, PreferenceChannel.ACCOUNT_PAGE, null);

        assertThat(latest()).containsExactly(
                row(northern, ada, "NO", "ACCOUNT_PAGE"), row(northern, bob, "YES", "BOX_OFFICE"),
                row(southern, ada, "NOT_ASKED", "BOX_OFFICE"));
        assertThat(latest()).isEqualTo(fromHistory());
        assertThat(jdbc.sql("select count(*) from partner_preference_history").query(Long.class).single())
                .isEqualTo(4);
    }

    @Test
    void anEntrySetBeforeTheLatestOneLeavesTheLatestAsItIs() {
        // covers P-8: the entry in force is the one set last (then the one written last), not the one written last
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        jdbc.sql("""
                insert into partner_preference_history (customer_id, partner_company_id, state, set_at, channel)
                values (:ada, :northern, 'NO', now() - interval '1 day', 'IMPORT')
                """).param("ada", ada.id()).param("northern", northern.id()).update();

        assertThat(latest()).containsExactly(row(northern, ada, "YES", "BOX_OFFICE")).isEqualTo(fromHistory());
    }

    @Test
    void erasingACustomerMakesEachOfTheirConsentsANo() {
        // covers R-6: an erased customer's consents are withdrawn, and no partner list reads a YES of theirs again
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(ada.id(), southern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(bob.id(), southern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");

        erasure.erase(ada.id(), "admin@venue.example");

        assertThat(latest()).extracting(row -> row.substring(row.indexOf('|') + 1)).containsExactly(
                ada.id() + "|NO|ADMINISTRATOR", ada.id() + "|NO|ADMINISTRATOR", bob.id() + "|YES|BOX_OFFICE");
        assertThat(latest()).isEqualTo(fromHistory());
    }

    @Test
    void theMigrationsBackfillAndEmptyingTheHistoryKeepItEqualToTheHistory() {
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        // History written with the trigger off, as every entry was before V25; then the backfill V25 ran.
        jdbc.sql("alter table partner_preference_history disable trigger partner_preference_latest_on_history")
                .update();
        try {
            preferences.record(ada.id(), northern.id(), PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
            preferences.record(bob.id(), southern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        }
        finally {
            jdbc.sql("alter table partner_preference_history enable trigger partner_preference_latest_on_history")
                    .update();
        }
        assertThat(latest()).containsExactly(row(northern, ada, "YES", "BOX_OFFICE"));

        jdbc.sql("select partner_preference_latest_rebuild()").query().singleRow();

        assertThat(latest()).containsExactly(row(northern, ada, "NO", "BOX_OFFICE"),
                row(southern, bob, "YES", "BOX_OFFICE"));
        assertThat(latest()).isEqualTo(fromHistory());

        jdbc.sql("truncate partner_preference_history, partner_preference").update();
        assertThat(latest()).isEmpty();
    }

    private String row(PartnerCompany company, Customer customer, String state, String channel) {
        return company.id() + "|" + customer.id() + "|" + state + "|" + channel;
    }

    /** Each row with the entry it copies checked against the history: company, customer, state, channel. */
    private List<String> latest() {
        return jdbc.sql("""
                select l.partner_company_id || '|' || l.customer_id || '|' || l.state || '|' || l.channel
                  from partner_preference_latest l
                  join partner_preference_history h on h.id = l.history_id and h.customer_id = l.customer_id
                   and h.partner_company_id = l.partner_company_id and h.state = l.state and h.set_at = l.set_at
                   and h.channel = l.channel
                 order by l.partner_company_id, l.customer_id
                """).query(String.class).list();
    }

    private List<String> fromHistory() {
        return jdbc.sql("""
                select partner_company_id || '|' || customer_id || '|' || state || '|' || channel
                  from (select distinct on (partner_company_id, customer_id) *
                          from partner_preference_history
                         order by partner_company_id, customer_id, set_at desc, id desc) h
                 order by partner_company_id, customer_id
                """).query(String.class).list();
    }
}
