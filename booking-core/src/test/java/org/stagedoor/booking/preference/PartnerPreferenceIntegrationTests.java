package org.stagedoor.booking.preference;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.relationship.Relationships;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.stagedoor.booking.preference.PreferenceState.NO;
import static org.stagedoor.booking.preference.PreferenceState.NOT_ASKED;
import static org.stagedoor.booking.preference.PreferenceState.YES;

/** Partner-company contact preferences at checkout, on the account page and at the box office: covers P-3..P-8. */
@SpringBootTest
class PartnerPreferenceIntegrationTests extends StoreIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    PartnerPreferences preferences;

    @Autowired
    Events events;

    @Autowired
    Relationships relationships;

    Customer ada;

    PartnerCompany northern;

    PartnerCompany southern;

    PartnerCompany silent;

    EventInstance shared;

    PriceBand band;

    @BeforeEach
    void partners() {
        ada = fixtures.person("Ada", "Lovelace");
        northern = fixtures.partner("Northern Lights Productions", true);
        southern = fixtures.partner("Southern Cross Theatre", true);
        silent = fixtures.partner("Silent Partner Ltd", false);
        shared = fixtures.performance("Hamlet", 200, northern, southern, silent);
        band = fixtures.standardBand();
    }

    @Test
    void asksAboutEveryCollectingPartnerOfTheBasketWhereThereIsNoRecord() {
        // covers P-3 (no record counts as NOT_ASKED), P-4, P-7 (a non-collecting partner is never asked)
        assertThat(preferences.toAsk(ada.id(), List.of(shared.id())))
                .extracting(PreferenceQuestion::partnerCompanyId)
                .containsExactly(northern.id(), southern.id());
        assertThat(preferences.current(ada.id(), northern.id()))
                .extracting(PartnerPreference::state, PartnerPreference::setAt).containsExactly(NOT_ASKED, null);
    }

    @Test
    void onceYesOrNoIsSetTheCustomerIsNotAskedAgain() {
        // covers P-4
        fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), YES, southern.id(), NO));

        assertThat(preferences.toAsk(ada.id(), List.of(shared.id()))).isEmpty();
        assertThat(preferences.current(ada.id(), northern.id()))
                .extracting(PartnerPreference::state, PartnerPreference::channel)
                .containsExactly(YES, PreferenceChannel.ONLINE_CHECKOUT);
        assertThat(preferences.current(ada.id(), southern.id()).state()).isEqualTo(NO);
        // The next checkout cannot answer again for companies that are not asked.
        assertThatThrownBy(() -> fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), NO)))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("P-4:")
                .hasMessageContaining("account page");
    }

    @Test
    void notAskedAtTheBoxOfficeMeansTheCustomerIsAskedAgainNextTime() {
        // covers P-3, P-4: staff may record NOT_ASKED; it is asked again
        fixtures.buy(ada, null, OrderChannel.BOX_OFFICE, shared, band, "30.00",
                Map.of(northern.id(), NOT_ASKED, southern.id(), YES));

        assertThat(preferences.current(ada.id(), northern.id()))
                .extracting(PartnerPreference::state, PartnerPreference::channel)
                .containsExactly(NOT_ASKED, PreferenceChannel.BOX_OFFICE);
        assertThat(preferences.toAsk(ada.id(), List.of(shared.id()))).extracting(PreferenceQuestion::partnerCompanyId)
                .containsExactly(northern.id());
    }

    @Test
    void anOrderIsRefusedUntilEveryQuestionIsAnswered() {
        // covers P-4
        assertThatThrownBy(() -> fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), YES)))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("P-4:")
                .hasMessageContaining("Southern Cross Theatre");
        assertThat(jdbc.sql("select count(*) from customer_order").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from partner_preference").query(Integer.class).single()).isZero();
    }

    @Test
    void onlineACustomerCanOnlyAnswerYesOrNo() {
        // covers P-4, in the service and in the database
        assertThatThrownBy(() -> fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), NOT_ASKED, southern.id(), NO)))
                .isInstanceOf(BookingRuleViolation.class).hasMessageStartingWith("P-4:");
        assertThatThrownBy(() -> preferences.record(ada.id(), northern.id(), NOT_ASKED,
                PreferenceChannel.ACCOUNT_PAGE, null))
                .isInstanceOf(BookingRuleViolation.class).hasMessageStartingWith("P-4:");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, channel)
                values (:customer, :partner, 'NOT_ASKED', 'ONLINE_CHECKOUT')
                """).param("customer", ada.id()).param("partner", northern.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("partner_preference_online_yes_or_no");
    }

    @Test
    void aPartnerAddedToAnEventAfterABookingSetsNothingAndIsAskedAtTheNextBooking() {
        // covers P-5
        PartnerCompany late = fixtures.partner("Latecomer Productions", true);
        EventInstance play = fixtures.performance("Othello", 100);
        fixtures.buy(ada, null, OrderChannel.ONLINE, play, band, "25.00", Map.of());

        events.assignPartners(play.eventId(), Set.of(late.id()));

        assertThat(jdbc.sql("select count(*) from partner_preference").query(Integer.class).single()).isZero();
        assertThat(preferences.current(ada.id(), late.id()).state()).isEqualTo(NOT_ASKED);
        assertThat(preferences.toAsk(ada.id(), List.of(play.id()))).extracting(PreferenceQuestion::partnerCompanyId)
                .containsExactly(late.id());
    }

    @Test
    void aFacilitatedCheckoutAsksTheFacilitatorAndLeavesTheOwnersPreferencesAlone() {
        // The documented choice (docs/decisions/0004-facilitator-answers-at-checkout.md): the facilitator is present,
        // answers and gets the confirmation.
        Customer child = fixtures.personWithoutEmail("Kim", "Lovelace");
        relationships.link(fixtures.parentChild().id(), ada.id(), child.id(), 1);

        fixtures.buy(child, ada, OrderChannel.ONLINE, shared, band, "10.00",
                Map.of(northern.id(), YES, southern.id(), NO));

        assertThat(preferences.current(ada.id(), northern.id()).state()).isEqualTo(YES);
        assertThat(preferences.current(child.id(), northern.id()).state()).isEqualTo(NOT_ASKED);
        assertThat(preferences.toAsk(ada.id(), List.of(shared.id()))).isEmpty();
        assertThat(preferences.toAsk(child.id(), List.of(shared.id()))).hasSize(2);
    }

    @Test
    void theAccountPageListsCollectingPartnersBookedForAndLetsTheCustomerChangeThem() {
        // covers P-6 (account page) and P-7 (a non-collecting partner is not listed)
        PartnerCompany unbooked = fixtures.partner("Unbooked Opera", true);
        fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), YES, southern.id(), NO));

        preferences.record(ada.id(), southern.id(), YES, PreferenceChannel.ACCOUNT_PAGE, null);

        assertThat(preferences.accountView(ada.id()))
                .extracting(line -> line.preference().partnerCompanyId(), line -> line.preference().state(),
                        AccountPreference::bookedFor)
                .containsExactly(tuple(northern.id(), YES, true), tuple(southern.id(), YES, true));
        assertThat(preferences.accountView(ada.id())).extracting(line -> line.preference().partnerCompanyId())
                .doesNotContain(unbooked.id(), silent.id());
    }

    @Test
    void theBoxOfficeSeesEveryCollectingPartnerAndCanSetOnesTheCustomerHasNotBookedFor() {
        // covers P-6 (box office): unbooked partners show as NOT_ASKED and can be set
        PartnerCompany unbooked = fixtures.partner("Unbooked Opera", true);
        fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), YES, southern.id(), NO));

        assertThat(preferences.boxOfficeView(ada.id()))
                .extracting(line -> line.preference().partnerCompanyId(), line -> line.preference().state(),
                        AccountPreference::bookedFor)
                .containsExactly(tuple(northern.id(), YES, true), tuple(southern.id(), NO, true),
                        tuple(unbooked.id(), NOT_ASKED, false));

        preferences.record(ada.id(), unbooked.id(), YES, PreferenceChannel.BOX_OFFICE, "box.office.sam");
        // Once set, it shows on the customer's own account page too.
        assertThat(preferences.accountView(ada.id())).extracting(line -> line.preference().partnerCompanyId())
                .contains(unbooked.id());
    }

    @Test
    void everyChangeIsKeptWithWhenAndThroughWhichChannel() {
        // covers P-8
        fixtures.buy(ada, null, OrderChannel.ONLINE, shared, band, "30.00",
                Map.of(northern.id(), YES, southern.id(), NO));
        preferences.record(ada.id(), northern.id(), NO, PreferenceChannel.ACCOUNT_PAGE, null);
        preferences.record(ada.id(), northern.id(), YES, PreferenceChannel.ADMINISTRATOR, "admin.alex");

        assertThat(preferences.history(ada.id()).stream().filter(change -> change.partnerCompanyId() == northern.id()))
                .extracting(PreferenceChange::state, PreferenceChange::previousState, PreferenceChange::channel,
                        PreferenceChange::recordedBy)
                .containsExactly(tuple(YES, null, PreferenceChannel.ONLINE_CHECKOUT, null),
                        tuple(NO, YES, PreferenceChannel.ACCOUNT_PAGE, null),
                        tuple(YES, NO, PreferenceChannel.ADMINISTRATOR, "admin.alex"));
        assertThat(preferences.history(ada.id())).allSatisfy(change -> assertThat(change.setAt()).isNotNull());
    }

    @Test
    void theHistoryCannotBeRewrittenEvenWhenTheServiceIsBypassed() {
        // covers P-8: the history is append-only in the database
        preferences.record(ada.id(), northern.id(), YES, PreferenceChannel.BOX_OFFICE, "box.office.sam");

        assertThatThrownBy(() -> jdbc.sql("update partner_preference_history set state = 'NO'").update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from partner_preference_history").update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        // A change made behind the service's back is still recorded.
        jdbc.sql("update partner_preference set state = 'NO', channel = 'IMPORT', set_at = now()").update();
        assertThat(preferences.history(ada.id())).extracting(PreferenceChange::state).containsExactly(YES, NO);
    }

    @Test
    void aPartnerThatDoesNotCollectPreferencesRefusesOne() {
        // covers P-7
        assertThatThrownBy(() -> preferences.record(ada.id(), silent.id(), YES, PreferenceChannel.BOX_OFFICE, null))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageStartingWith("P-7:");
    }
}
