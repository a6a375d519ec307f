package org.stagedoor.booking.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.customer.Customer;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stagedoor.booking.store.ConcurrentTransactions.awaitWaitingOrDone;
import static org.stagedoor.booking.store.ConcurrentTransactions.execute;

/**
 * The sets of customers a count reads whole (V36): those without an email address, and each partner company's
 * customers in each preference state (P-3, P-8: the latest entry). Kept by the store in the same statements as the
 * customers and the entries, equal at every step to the same set read from those tables, before and after their
 * changes are folded together.
 */
@SpringBootTest
class StoredCustomerSetsIntegrationTests extends StoreIntegrationTest {

    @Autowired
    PartnerPreferences preferences;

    @Autowired
    CustomerErasure erasure;

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    DataSource dataSource;

    PartnerCompany northern;

    PartnerCompany southern;

    Customer ada;

    Customer kim;

    @BeforeEach
    void twoCustomersAndTwoCollectingPartnerCompanies() {
        northern = fixtures.partner("Northern Lights", true);
        southern = fixtures.partner("Southern Cross", true);
        ada = fixtures.person("Ada", "Lovelace");
        kim = fixtures.personWithoutEmail("Kim", "Lee");
    }

    @Test
    void customersWithoutAnAddressJoinAndLeaveTheSetAsTheirAddressGoesAndComes() {
        assertThat(withoutEmail()).containsExactly(kim.id()).isEqualTo(withoutEmailRead());

        jdbc.sql("update customer set email = 'kim@example.org' where id = :id").param("id", kim.id()).update();
        assertThat(withoutEmail()).isEmpty();
        assertThat(withoutEmailRead()).isEmpty();

        // A change of anything else moves nobody; an erasure removes the address.
        jdbc.sql("update customer set first_name = 'Kimberley' where id = :id").param("id", kim.id()).update();
        erasure.erase(ada.id(), "admin@venue.example");
        assertThat(withoutEmail()).containsExactly(ada.id()).isEqualTo(withoutEmailRead());

        // Many customers in one statement, as an import writes them, and some of them removed in another.
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                select 'INDIVIDUAL', 'Guest', 'No ' || n, case when n % 3 <> 0 then 'guest' || n || '@example.org' end,
                       'BOX_OFFICE'
                  from generate_series(1, 30) n
                """).update();
        assertThat(withoutEmail()).hasSize(11).isEqualTo(withoutEmailRead());
        jdbc.sql("delete from customer where last_name like 'No %' and id % 2 = 0").update();
        jdbc.sql("update customer set email = null where last_name like 'No %' and id % 5 = 0").update();
        assertThat(withoutEmail()).isEqualTo(withoutEmailRead());
    }

    @Test
    void entriesMoveCustomersBetweenTheirCompanysStateSets() {
        // covers P-8: the latest entry is the one in force
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.ONLINE_CHECKOUT, null);
        preferences.record(kim.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(ada.id(), southern.id(), PreferenceState.NOT_ASKED, PreferenceChannel.BOX_OFFICE, "box");
        assertThat(inState(northern, "YES")).containsExactly(ada.id(), kim.id()).isEqualTo(read(northern, "YES"));
        assertThat(inState(southern, "NOT_ASKED")).containsExactly(ada.id());

        preferences.record(ada.id(), northern.id(), PreferenceState.NO, PreferenceChannel.ACCOUNT_PAGE, null);

        assertThat(inState(northern, "YES")).containsExactly(kim.id());
        assertThat(inState(northern, "NO")).containsExactly(ada.id());
        assertThat(inState(southern, "YES")).isEmpty();
        everySetEqualsItsEntries();
    }

    @Test
    void entriesWrittenChangedAndRemovedManyAtATimeKeepEverySetEqualToTheEntries() {
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                select 'INDIVIDUAL', 'Guest', 'No ' || n, 'guest' || n || '@example.org', 'BOX_OFFICE'
                  from generate_series(1, 60) n
                """).update();
        jdbc.sql("""
                insert into partner_preference_history (customer_id, partner_company_id, state, set_at, channel)
                select c.id, p.id, (array['YES', 'NO', 'NOT_ASKED'])[1 + (c.id + p.id) % 3], now(), 'IMPORT'
                  from customer c cross join partner_company p where c.last_name like 'No %'
                """).update();
        everySetEqualsItsEntries();
        // Both companies' entries of the same customers changed in one statement, some back and forth.
        jdbc.sql("update partner_preference_latest set state = case when state = 'YES' then 'NO' else 'YES' end"
                + " where customer_id % 4 = 0").update();
        jdbc.sql("update partner_preference_latest set state = 'YES' where customer_id % 8 = 0").update();
        everySetEqualsItsEntries();
        jdbc.sql("delete from partner_preference_latest where customer_id % 5 = 0").update();
        everySetEqualsItsEntries();
        assertThat(inState(northern, "YES")).isNotEmpty();
    }

    @Test
    void manySmallChangesAreFoldedIntoOnePartWithTheSameCustomers() {
        for (int i = 0; i < 40; i++) {
            preferences.record(i % 2 == 0 ? ada.id() : kim.id(), northern.id(),
                    i % 3 == 0 ? PreferenceState.YES : PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
            jdbc.sql("update customer set email = :email where id = :id")
                    .param("email", i % 2 == 0 ? null : "kim" + i + "@example.org").param("id", kim.id()).update();
        }

        assertThat(inState(northern, "YES")).containsExactly(kim.id());
        assertThat(inState(northern, "NO")).containsExactly(ada.id());
        assertThat(withoutEmail()).isEmpty();
        everySetEqualsItsEntries();
        assertThat(withoutEmail()).isEqualTo(withoutEmailRead());
        assertThat(parts("partner_company_id = " + northern.id() + " and state = 'YES'")).isLessThanOrEqualTo(34L);
        assertThat(parts("partner_company_id is null")).isLessThanOrEqualTo(34L);
        assertThat(parts("folded")).isPositive();
    }

    @Test
    void manyChangesInOneTransactionAreFoldedOnceAndLaterByTheNextChange() {
        // A transaction of 150 changes, one statement each, as the history's row trigger writes them.
        jdbc.sql("""
                do $$
                begin
                    for i in 1..150 loop
                        insert into partner_preference_history (customer_id, partner_company_id, state, set_at,
                                                                channel)
                        values (case when i %% 2 = 0 then %d else %d end, %d,
                                case when i %% 3 = 0 then 'YES' else 'NO' end,
                                now() - (151 - i) * interval '1 second',
                                'IMPORT');
                    end loop;
                end $$
                """.formatted(ada.id(), kim.id(), northern.id())).update();
        everySetEqualsItsEntries();
        assertThat(parts("partner_company_id = " + northern.id())).isGreaterThan(34L);

        // Kim's last change said NO, Ada's YES; Kim now says YES, which changes both of the company's sets.
        preferences.record(kim.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");

        assertThat(inState(northern, "YES")).containsExactly(ada.id(), kim.id());
        everySetEqualsItsEntries();
        assertThat(parts("partner_company_id = " + northern.id() + " and state = 'YES'")).isOne();
        assertThat(parts("partner_company_id = " + northern.id() + " and state = 'NO'")).isOne();
    }

    @Test
    void emptyingTheHistoryOrTheCustomersEmptiesTheirSets() {
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        jdbc.sql("truncate partner_preference_history").update();
        assertThat(inState(northern, "YES")).isEmpty();
        assertThat(withoutEmail()).containsExactly(kim.id());

        jdbc.sql("truncate customer cascade").update();
        assertThat(withoutEmail()).isEmpty();
        assertThat(parts("partner_company_id is null")).isZero();
        everySetEqualsItsEntries();
    }

    @Test
    void twoTransactionsChangingOneCustomerOneAfterTheOtherLeaveTheLastOnesState() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // The first adds Kim's address; the second removes it again, waiting for the first's row, then commits.
            execute(first, "update customer set email = 'kim@example.org' where id = " + kim.id());
            Future<?> secondChanges = other.submit(() -> {
                execute(second, "update customer set email = null where id = " + kim.id());
                second.commit();
                return null;
            });
            awaitWaitingOrDone(jdbc, secondChanges);
            first.commit();
            secondChanges.get(30, TimeUnit.SECONDS);
        }
        finally {
            other.shutdownNow();
        }

        assertThat(withoutEmail()).containsExactly(kim.id()).isEqualTo(withoutEmailRead());
    }

    @Test
    void aPartnerCompanysReaderSeesItsOwnCompanysSetsOnly() throws Exception {
        // covers R-1: a partner company's count reads its own sets and those without an address, never another's
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(kim.id(), southern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            execute(connection, "select set_config('role', 'stagedoor_partner_reader', true),"
                    + " set_config('stagedoor.partner_company_id', '" + northern.id() + "', true)");
            assertThat(text(connection, "customers_with_preference(" + northern.id() + ", 'YES')"))
                    .isEqualTo("{" + ada.id() + "}");
            assertThat(text(connection, "customers_with_preference(" + southern.id() + ", 'YES')")).isEqualTo("{}");
            assertThat(text(connection, "customers_without_email()")).isEqualTo("{" + kim.id() + "}");
            connection.rollback();
        }
    }

    private static String text(Connection connection, String expression) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select " + expression + "::text")) {
            result.next();
            return result.getString(1);
        }
    }

    private void everySetEqualsItsEntries() {
        for (PartnerCompany company : List.of(northern, southern)) {
            for (PreferenceState state : PreferenceState.values()) {
                assertThat(inState(company, state.name())).as(company.name() + " " + state)
                        .isEqualTo(read(company, state.name()));
            }
        }
    }

    private List<Long> withoutEmail() {
        return jdbc.sql("select unnest(customers_without_email())::bigint").query(Long.class).list();
    }

    private List<Long> withoutEmailRead() {
        return jdbc.sql("select id from customer where email is null order by id").query(Long.class).list();
    }

    private List<Long> inState(PartnerCompany company, String state) {
        return jdbc.sql("select unnest(customers_with_preference(:company, :state))::bigint")
                .param("company", company.id()).param("state", state).query(Long.class).list();
    }

    private List<Long> read(PartnerCompany company, String state) {
        return jdbc.sql("""
                select customer_id from partner_preference_latest
                 where partner_company_id = :company and state = :state order by customer_id
                """).param("company", company.id()).param("state", state).query(Long.class).list();
    }

    /** The parts whose columns meet {@code condition}, a fixed text of the test's own. */
    private long parts(String condition) {
        return jdbc.sql("select count(*) from customer_set_part where " + condition).query(Long.class).single();
    }
}
