package org.stagedoor.booking.erasure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.customer.CustomerRecords;
import org.stagedoor.booking.event.EventInstance;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.order.OrderHistory;
import org.stagedoor.booking.order.OrderHistoryEntry;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChange;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.pricing.PriceBand;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.stagedoor.booking.preference.PreferenceState.NO;
import static org.stagedoor.booking.preference.PreferenceState.NOT_ASKED;
import static org.stagedoor.booking.preference.PreferenceState.YES;

/**
 * Erasing a customer on request: consent withdrawn with its history (P-3, P-8, R-6), personal fields gone, sales
 * kept.
 */
@SpringBootTest
class CustomerErasureIntegrationTests extends StoreIntegrationTest {

    static final String ADMIN = "admin@venue.example";

    @Autowired
    CustomerErasure erasure;

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    CustomerRecords customers;

    @Autowired
    PartnerPreferences preferences;

    @Autowired
    PartnerCompanies partners;

    @Autowired
    OrderHistory orders;

    PartnerCompany northern;

    PartnerCompany southern;

    PartnerCompany eastern;

    PartnerCompany western;

    EventInstance hamlet;

    PriceBand band;

    @BeforeEach
    void partners() {
        northern = fixtures.partner("Northern Lights", true);
        southern = fixtures.partner("Southern Cross", true);
        eastern = fixtures.partner("Eastern Star", true);
        western = fixtures.partner("Western Lines", true);
        hamlet = fixtures.performance("Hamlet", 100, northern);
        band = fixtures.standardBand();
    }

    @Test
    void everyPreferenceNotAlreadyNoBecomesNoThroughTheAdministratorChannelAndTheHistoryKeepsIt() {
        // covers P-8 (each withdrawal kept with when, channel and who) and R-6 (no YES left to share)
        Customer ada = fixtures.person("Ada", "Lovelace");
        fixtures.buy(ada, null, OrderChannel.ONLINE, hamlet, band, "20.00", Map.of(northern.id(), YES));
        preferences.record(ada.id(), southern.id(), NOT_ASKED, PreferenceChannel.BOX_OFFICE, "box office");
        preferences.record(ada.id(), eastern.id(), NO, PreferenceChannel.ACCOUNT_PAGE, null);
        preferences.record(ada.id(), western.id(), YES, PreferenceChannel.BOX_OFFICE, "box office");
        // Western stops collecting after Ada said YES: her consent must be withdrawn all the same.
        partners.update(western.id(), western.name(), false, "");
        int historyBefore = preferences.history(ada.id()).size();

        CustomerErasure.Erasure done = erasure.erase(ada.id(), ADMIN);

        assertThat(done.withdrawnFrom()).containsExactly(northern.id(), southern.id(), western.id());
        assertThat(List.of(northern, southern, eastern, western))
                .extracting(partner -> current(ada, partner))
                .containsExactly(NO, NO, NO, NO);
        List<PreferenceChange> history = preferences.history(ada.id());
        assertThat(history.subList(historyBefore, history.size()))
                .extracting(PreferenceChange::partnerCompanyId, PreferenceChange::previousState,
                        PreferenceChange::state, PreferenceChange::channel, PreferenceChange::recordedBy)
                .containsExactlyInAnyOrder(
                        tuple(northern.id(), YES, NO, PreferenceChannel.ADMINISTRATOR, ADMIN),
                        tuple(southern.id(), NOT_ASKED, NO, PreferenceChannel.ADMINISTRATOR, ADMIN),
                        tuple(western.id(), YES, NO, PreferenceChannel.ADMINISTRATOR, ADMIN));
        assertThat(history.subList(0, historyBefore)).as("the history before the erasure is kept as it was")
                .hasSize(4);
    }

    @Test
    void personalFieldsAreClearedAndTheErasureTimeSetButOrdersAndTicketsStay() {
        Customer ada = fixtures.person("Ada", "Lovelace");
        jdbc.sql("""
                update customer set title = 'Ms', phone = '020 7946 0001', mobile = '07700 900001',
                                    postcode = 'SW1A 1AA', date_of_birth = '1990-05-01'
                 where id = :id
                """).param("id", ada.id()).update();
        fixtures.buy(ada, null, OrderChannel.ONLINE, hamlet, band, "25.50", Map.of(northern.id(), YES));
        fixtures.buy(ada, null, OrderChannel.BOX_OFFICE, hamlet, band, "20.00", Map.of());
        List<OrderHistoryEntry> ordersBefore = orders.of(ada.id());
        BigDecimal salesBefore = sales(ada);

        CustomerErasure.Erasure done = erasure.erase(ada.id(), ADMIN);

        Customer erased = customers.get(ada.id());
        assertThat(erased.erasedAt()).isEqualTo(done.erasedAt()).isNotNull();
        assertThat(erased.isErased()).isTrue();
        assertThat(erased).extracting(Customer::title, Customer::firstName, Customer::lastName,
                Customer::organisationName, Customer::email, Customer::phone, Customer::mobile, Customer::postcode,
                Customer::dateOfBirth).containsOnlyNulls();
        assertThat(erased.onlineAccess()).isFalse();
        assertThat(erased.kind()).isEqualTo(ada.kind());
        assertThat(erased.displayName()).isEqualTo("Erased customer " + ada.id());
        assertThat(orders.of(ada.id())).extracting(OrderHistoryEntry::orderId)
                .containsExactlyElementsOf(ordersBefore.stream().map(OrderHistoryEntry::orderId).toList());
        assertThat(sales(ada)).isEqualByComparingTo(salesBefore).isEqualByComparingTo("45.50");
    }

    @Test
    void anOrganisationIsErasedToo() {
        Customer acme = fixtures.organisation("Acme Theatre Club");

        erasure.erase(acme.id(), ADMIN);

        assertThat(customers.get(acme.id())).satisfies(erased -> {
            assertThat(erased.organisationName()).isNull();
            assertThat(erased.isErased()).isTrue();
        });
    }

    @Test
    void erasingTwiceIsRefusedAndChangesNothing() {
        Customer ada = fixtures.person("Ada", "Lovelace");
        fixtures.buy(ada, null, OrderChannel.ONLINE, hamlet, band, "20.00", Map.of(northern.id(), YES));
        CustomerErasure.Erasure first = erasure.erase(ada.id(), ADMIN);
        int history = preferences.history(ada.id()).size();

        assertThatThrownBy(() -> erasure.erase(ada.id(), "other@venue.example"))
                .isInstanceOf(InvalidBookingRequest.class)
                .hasMessageContaining("customer " + ada.id() + " was already erased");

        assertThat(customers.get(ada.id()).erasedAt()).isEqualTo(first.erasedAt());
        assertThat(preferences.history(ada.id())).hasSize(history);
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThatThrownBy(() -> erasure.erase(999_999, ADMIN)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anErasedCustomerCannotGiveConsentAgain() {
        // covers R-6: nobody is left to have given it
        Customer ada = fixtures.person("Ada", "Lovelace");
        erasure.erase(ada.id(), ADMIN);

        assertThatThrownBy(() -> preferences.record(ada.id(), northern.id(), YES, PreferenceChannel.ADMINISTRATOR,
                ADMIN)).isInstanceOf(InvalidBookingRequest.class).hasMessageContaining("was erased");
        assertThat(current(ada, northern)).isEqualTo(NOT_ASKED);
    }

    @Test
    void theDatabaseRefusesPersonalDataOnAnErasedCustomer() {
        Customer ada = fixtures.person("Ada", "Lovelace");
        erasure.erase(ada.id(), ADMIN);

        assertThatThrownBy(() -> jdbc.sql("update customer set email = 'ada@example.org' where id = :id")
                .param("id", ada.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    private Object current(Customer customer, PartnerCompany partner) {
        return preferences.current(customer.id(), partner.id()).state();
    }

    private BigDecimal sales(Customer customer) {
        return jdbc.sql("""
                select coalesce(sum(t.price), 0) from ticket t join customer_order o on o.id = t.order_id
                 where o.owner_id = :customer
                """).param("customer", customer.id()).query(BigDecimal.class).single();
    }
}
