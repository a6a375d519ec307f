package org.stagedoor.booking.preference;

import java.sql.Connection;
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
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stagedoor.booking.store.ConcurrentTransactions.awaitWaitingOrDone;
import static org.stagedoor.booking.store.ConcurrentTransactions.execute;

/**
 * How many customers are in each preference state for each partner company, with and without an email address (V30),
 * which a partner company's count of its opted-in list reads instead of its YES customers (R-6, P-3, P-8): kept by the
 * store in the same statements that change preferences and customers, equal at every step to a count of the latest
 * entries (V25) joined to the customers, also after its rows are folded together; and the same for pairs of companies
 * (V34), which a venue's count of two companies' preferences reads.
 */
@SpringBootTest
class PartnerConsentTallyIntegrationTests extends StoreIntegrationTest {

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
    void preferenceChangesMoveCustomersBetweenStatesForThatCompanyOnly() {
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.ONLINE_CHECKOUT, null);
        preferences.record(kim.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(ada.id(), southern.id(), PreferenceState.NOT_ASKED, PreferenceChannel.BOX_OFFICE, "box");
        assertThat(tally(northern)).isEqualTo("YES with 1, YES without 1").isEqualTo(counted(northern));
        assertThat(tally(southern)).isEqualTo("NOT_ASKED with 1").isEqualTo(counted(southern));

        preferences.record(ada.id(), northern.id(), PreferenceState.NO, PreferenceChannel.ACCOUNT_PAGE, null);

        assertThat(tally(northern)).isEqualTo("NO with 1, YES without 1").isEqualTo(counted(northern));
        assertThat(tally(southern)).isEqualTo("NOT_ASKED with 1").isEqualTo(counted(southern));
        assertThat(pairs()).isEqualTo("NO/NOT_ASKED with 1").isEqualTo(pairsCounted());
    }

    @Test
    void anEntrySetBeforeTheLatestOneChangesNothing() {
        // covers P-8: the entry in force is the one set last, so an older one imported later moves nobody
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        jdbc.sql("""
                insert into partner_preference_history (customer_id, partner_company_id, state, set_at, channel)
                values (:ada, :northern, 'NO', now() - interval '1 day', 'IMPORT')
                """).param("ada", ada.id()).param("northern", northern.id()).update();

        assertThat(tally(northern)).isEqualTo("YES with 1").isEqualTo(counted(northern));
    }

    @Test
    void anAddressAddedOrRemovedMovesTheCustomersEntriesForEveryCompany() {
        preferences.record(kim.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(kim.id(), southern.id(), PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(ada.id(), southern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");

        jdbc.sql("update customer set email = 'kim.lee@example.org' where id = :id").param("id", kim.id()).update();
        assertThat(tally(northern)).isEqualTo("YES with 1").isEqualTo(counted(northern));
        assertThat(tally(southern)).isEqualTo("NO with 1, YES with 1").isEqualTo(counted(southern));

        // A new address, or a change of anything else, moves nobody.
        jdbc.sql("update customer set email = 'kim@example.org', first_name = 'Kimberley' where id = :id")
                .param("id", kim.id()).update();
        assertThat(tally(southern)).isEqualTo("NO with 1, YES with 1").isEqualTo(counted(southern));

        // An erasure removes the address and records a NO for every company.
        erasure.erase(ada.id(), "admin@venue.example");
        assertThat(tally(southern)).isEqualTo("NO with 1, NO without 1").isEqualTo(counted(southern));

        assertThat(pairs()).isEqualTo("YES/NO with 1").isEqualTo(pairsCounted());

        // Several customers in one statement, as an import changes them.
        jdbc.sql("update customer set email = null").update();
        assertThat(tally(northern)).isEqualTo("YES without 1").isEqualTo(counted(northern));
        assertThat(tally(southern)).isEqualTo("NO without 2").isEqualTo(counted(southern));
        assertThat(pairs()).isEqualTo("YES/NO without 1").isEqualTo(pairsCounted());
    }

    @Test
    void entriesWrittenAndRemovedManyAtATimeKeepTheTallyEqualToTheEntries() {
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                select 'INDIVIDUAL', 'Guest', 'No ' || n, case when n % 3 <> 0 then 'guest' || n || '@example.org' end,
                       'BOX_OFFICE'
                  from generate_series(1, 30) n
                """).update();
        // One statement of many entries, as an import writes the latest entries at once.
        jdbc.sql("""
                insert into partner_preference_history (customer_id, partner_company_id, state, set_at, channel)
                select c.id, :northern, case when c.id % 2 = 0 then 'YES' else 'NO' end, now(), 'IMPORT'
                  from customer c where c.last_name like 'No %'
                """).param("northern", northern.id()).update();
        assertThat(tally(northern)).isEqualTo(counted(northern));
        assertThat(sum(northern, "YES")).isEqualTo(15L);

        // and the same customers' entries for a second company, some of them changed in one statement
        jdbc.sql("""
                insert into partner_preference_history (customer_id, partner_company_id, state, set_at, channel)
                select c.id, :southern, case when c.id % 3 = 0 then 'YES' else 'NOT_ASKED' end, now(), 'IMPORT'
                  from customer c where c.last_name like 'No %'
                """).param("southern", southern.id()).update();
        jdbc.sql("""
                update partner_preference_latest set state = 'NO'
                 where partner_company_id = :southern and customer_id % 4 = 0
                """).param("southern", southern.id()).update();
        assertThat(pairs()).isNotEmpty().isEqualTo(pairsCounted());
        // both companies' entries of the same customers changed in one statement
        jdbc.sql("update partner_preference_latest set state = case when state = 'YES' then 'NO' else 'YES' end"
                + " where customer_id % 3 = 0").update();
        assertThat(pairs()).isEqualTo(pairsCounted());
        assertThat(tally(southern)).isEqualTo(counted(southern));

        jdbc.sql("delete from partner_preference_latest where customer_id % 5 = 0").update();
        assertThat(tally(northern)).isEqualTo(counted(northern));
        assertThat(pairs()).isEqualTo(pairsCounted());
        assertThat(sum(northern, "YES")).isEqualTo(12L);

        // The history keeps a customer with entries, but the latest entries have no key to the customer: one
        // written without history and its customer then removed counts nowhere, as in a run.
        long guest = jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                values ('INDIVIDUAL', 'Passing', 'Guest', 'passing@example.org', 'BOX_OFFICE') returning id
                """).query(Long.class).single();
        jdbc.sql("""
                insert into partner_preference_latest (partner_company_id, customer_id, history_id, state, set_at,
                                                       channel)
                values (:northern, :guest, 0, 'YES', now(), 'IMPORT')
                """).param("northern", northern.id()).param("guest", guest).update();
        assertThat(sum(northern, "YES")).isEqualTo(13L);
        jdbc.sql("delete from customer where id = :guest").param("guest", guest).update();
        assertThat(tally(northern)).isEqualTo(counted(northern));
        assertThat(pairs()).isEqualTo(pairsCounted());
        assertThat(sum(northern, "YES")).isEqualTo(12L);
    }

    @Test
    void manySmallChangesAreFoldedIntoFewRowsWithTheSameNumbers() {
        for (int i = 0; i < 40; i++) {
            preferences.record(i % 2 == 0 ? ada.id() : kim.id(), northern.id(),
                    i % 3 == 0 ? PreferenceState.YES : PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
        }

        assertThat(tally(northern)).isEqualTo("NO with 1, YES without 1").isEqualTo(counted(northern));
        assertThat(rows(northern)).isLessThanOrEqualTo(33L);
    }

    @Test
    void manyChangesInOneTransactionAreFoldedOnceAndLaterByTheNextChange() {
        // A transaction of a hundred changes, one statement each, as the history's row trigger writes them.
        jdbc.sql("""
                do $$
                begin
                    for i in 1..100 loop
                        insert into partner_preference_history (customer_id, partner_company_id, state, set_at,
                                                                channel)
                        values (case when i %% 2 = 0 then %d else %d end, %d,
                                case when i %% 3 = 0 then 'YES' else 'NO' end,
                                now() - (101 - i) * interval '1 second',
                                'IMPORT');
                    end loop;
                end $$
                """.formatted(ada.id(), kim.id(), northern.id())).update();
        assertThat(tally(northern)).isEqualTo("NO with 1, YES without 1").isEqualTo(counted(northern));
        assertThat(rows(northern)).isGreaterThan(33L);

        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");

        assertThat(tally(northern)).isEqualTo("YES with 1, YES without 1").isEqualTo(counted(northern));
        assertThat(rows(northern)).isLessThanOrEqualTo(6L);
    }

    @Test
    void emptyingTheHistoryOrTheCustomersEmptiesTheTally() {
        preferences.record(ada.id(), northern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        jdbc.sql("truncate partner_preference_history").update();
        assertThat(tally(northern)).isEmpty();
        assertThat(tally(northern)).isEqualTo(counted(northern));

        preferences.record(kim.id(), southern.id(), PreferenceState.YES, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(kim.id(), northern.id(), PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
        assertThat(pairs()).isEqualTo("NO/YES without 1");
        jdbc.sql("truncate customer cascade").update();
        assertThat(tally(southern)).isEmpty();
        assertThat(jdbc.sql("select count(*) from partner_consent_tally").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from partner_consent_pair_tally").query(Long.class).single()).isZero();
    }

    @Test
    void twoTransactionsChangingOneCustomerAtOnceAreBothCountedFromTheOthersChange() throws Exception {
        preferences.record(kim.id(), northern.id(), PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
        preferences.record(kim.id(), southern.id(), PreferenceState.NO, PreferenceChannel.BOX_OFFICE, "box");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // The first says YES to Northern Lights; before it commits, the second adds Kim's address and then says
            // YES to Southern Cross. Each, counted from the customer as it was before the other, would leave both
            // tallies with a NO they no longer hold.
            execute(first, "insert into partner_preference_history (customer_id, partner_company_id, state, set_at,"
                    + " channel) values (" + kim.id() + ", " + northern.id() + ", 'YES', now(), 'BOX_OFFICE')");
            Future<?> secondChanges = other.submit(() -> {
                execute(second, "update customer set email = 'kim@example.org' where id = " + kim.id());
                execute(second, "insert into partner_preference_history (customer_id, partner_company_id, state,"
                        + " set_at, channel) values (" + kim.id() + ", " + southern.id()
                        + ", 'YES', now(), 'BOX_OFFICE')");
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

        assertThat(tally(northern)).isEqualTo("YES with 1").isEqualTo(counted(northern));
        assertThat(tally(southern)).isEqualTo("YES with 1").isEqualTo(counted(southern));
        assertThat(pairs()).isEqualTo("YES/YES with 1").isEqualTo(pairsCounted());
    }

    @Test
    void aChangeUnderASnapshotKeptForTheWholeTransactionIsRefusedInWords() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThatThrownBy(() -> execute(connection, "insert into partner_preference_history (customer_id,"
                    + " partner_company_id, state, set_at, channel) values (" + ada.id() + ", " + northern.id()
                    + ", 'YES', now(), 'BOX_OFFICE')"))
                    .hasMessageContaining("change under read committed only");
            connection.rollback();
        }
    }

    /** The pairs of Northern Lights' and Southern Cross' states with customers, as "YES/NO with 1", from the tally. */
    private String pairs() {
        return jdbc.sql("""
                select coalesce(string_agg(first_state || '/' || second_state
                                           || case when with_email then ' with ' else ' without ' end
                                           || customers, ', ' order by first_state, second_state, not with_email), '')
                  from (select first_state, second_state, with_email, sum(customers) as customers
                          from partner_consent_pair_tally
                         where first_company_id = :first and second_company_id = :second
                         group by 1, 2, 3 having sum(customers) <> 0) t
                """).param("first", northern.id()).param("second", southern.id()).query(String.class).single();
    }

    /** The same, counted from the latest entries and the customers. */
    private String pairsCounted() {
        return jdbc.sql("""
                select coalesce(string_agg(first_state || '/' || second_state
                                           || case when with_email then ' with ' else ' without ' end
                                           || customers, ', ' order by first_state, second_state, not with_email), '')
                  from (select x.state as first_state, y.state as second_state, c.email is not null as with_email,
                               count(*) as customers
                          from partner_preference_latest x
                          join partner_preference_latest y on y.customer_id = x.customer_id
                          join customer c on c.id = x.customer_id
                         where x.partner_company_id = :first and y.partner_company_id = :second
                         group by 1, 2, 3) t
                """).param("first", northern.id()).param("second", southern.id()).query(String.class).single();
    }

    private long rows(PartnerCompany company) {
        return jdbc.sql("select count(*) from partner_consent_tally where partner_company_id = :id")
                .param("id", company.id()).query(Long.class).single();
    }

    private long sum(PartnerCompany company, String state) {
        return jdbc.sql("""
                select coalesce(sum(customers), 0) from partner_consent_tally
                 where partner_company_id = :id and state = :state
                """).param("id", company.id()).param("state", state).query(Long.class).single();
    }

    /** The company's states and sides with customers, as "YES with 2, NO without 1", from the tally. */
    private String tally(PartnerCompany company) {
        return jdbc.sql("""
                select coalesce(string_agg(state || case when with_email then ' with ' else ' without ' end
                                           || customers, ', ' order by state, not with_email), '')
                  from (select state, with_email, sum(customers) as customers from partner_consent_tally
                         where partner_company_id = :id group by state, with_email having sum(customers) <> 0) t
                """).param("id", company.id()).query(String.class).single();
    }

    /** The same, counted from the latest entries and the customers. */
    private String counted(PartnerCompany company) {
        return jdbc.sql("""
                select coalesce(string_agg(state || case when with_email then ' with ' else ' without ' end
                                           || customers, ', ' order by state, not with_email), '')
                  from (select l.state, c.email is not null as with_email, count(*) as customers
                          from partner_preference_latest l join customer c on c.id = l.customer_id
                         where l.partner_company_id = :id group by 1, 2) t
                """).param("id", company.id()).query(String.class).single();
    }
}
