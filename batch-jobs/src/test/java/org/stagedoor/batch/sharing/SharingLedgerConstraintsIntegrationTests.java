package org.stagedoor.batch.sharing;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database keeps the sharing ledger (R-6, P-8) honest by itself (V12): its references are checked once per
 * statement rather than by per-row foreign keys, so these tests make sure each is still refused.
 */
class SharingLedgerConstraintsIntegrationTests extends SharingStoreIntegrationTest {

    private static final Instant CUTOFF = Instant.parse("2026-04-01T06:30:00Z");

    @Autowired
    SharingLedger ledger;

    SharingFixtures fixtures;

    long ada;

    long bea;

    long run;

    @BeforeEach
    void aRunAndTwoCustomers() {
        fixtures = new SharingFixtures(jdbc);
        ada = fixtures.customer("Ada", "Lovelace", "ada@example.org");
        bea = fixtures.customer("Bea", "Brown", "bea@example.org");
        run = fixtures.run(fixtures.partner("Northern Lights"), "COMPLETED", CUTOFF);
    }

    @Test
    void writesAChunkOfEntriesWhoseCustomersAndRunExist() {
        ledger.record(SharingLedger.entries(run, List.of(entry(ada), entry(bea))));

        assertThat(entries()).containsExactly(ada, bea);
    }

    @Test
    void keepsEveryValueOfAnEntryExactlyAsGivenWhateverItsText() {
        // covers P-8: what was shared is kept to the character, and an absent value stays absent (NULL).
        String awkward = "\"O'Neil, Jr\"\n\t\\N <ada@example.org>";
        ledger.record(SharingLedger.entries(run, List.of(
                new SharedCustomer(ada, "YES", Instant.parse("2026-03-31T23:59:59.123456Z"), "BOX_OFFICE", awkward),
                new SharedCustomer(bea, "NOT_ASKED", null, null, ""))));

        assertThat(jdbc.sql("""
                select customer_id, consent_state, consent_set_at, consent_channel, shared_email
                  from sharing_ledger where run_id = :run order by customer_id
                """).param("run", run).query((rs, row) -> List.of(rs.getLong(1), rs.getString(2),
                        String.valueOf(rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                        String.valueOf(rs.getString(4)), String.valueOf(rs.getString(5)))).list())
                .containsExactly(List.of(ada, "YES", "2026-03-31T23:59:59.123456Z", "BOX_OFFICE", awkward),
                        List.of(bea, "NOT_ASKED", "null", "null", ""));
    }

    @Test
    void refusesAChunkWithAnEntryForACustomerThatDoesNotExistAndWritesNoneOfIt() {
        long nobody = bea + 1000;

        assertThatThrownBy(
                () -> ledger.record(SharingLedger.entries(run, List.of(entry(ada), entry(nobody), entry(bea)))))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("a sharing ledger entry must refer to an existing customer");
        assertThat(entries()).isEmpty();
    }

    @Test
    void refusesEntriesForARunThatDoesNotExist() {
        assertThatThrownBy(() -> ledger.record(SharingLedger.entries(run + 1000, List.of(entry(ada)))))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("a sharing ledger entry must refer to an existing report run");
    }

    @Test
    void refusesChangingAnEntry() {
        ledger.record(SharingLedger.entries(run, List.of(entry(ada))));

        assertThatThrownBy(() -> jdbc.sql("update sharing_ledger set shared_email = 'someone@else.example'").update())
                .hasMessageContaining("sharing ledger entries are not updated");
        assertThat(jdbc.sql("select shared_email from sharing_ledger").query(String.class).single())
                .isEqualTo("ada@example.org");
    }

    @Test
    void refusesDeletingACustomerOrRunThatHasEntriesButNotOneWithout() {
        ledger.record(SharingLedger.entries(run, List.of(entry(ada))));

        assertThatThrownBy(() -> jdbc.sql("delete from customer where id = :id").param("id", ada).update())
                .hasMessageContaining("customer " + ada + " has sharing ledger entries and cannot be deleted");
        assertThatThrownBy(() -> jdbc.sql("delete from report_run where id = :id").param("id", run).update())
                .hasMessageContaining("report_run " + run + " has sharing ledger entries and cannot be deleted");
        assertThat(jdbc.sql("delete from customer where id = :id").param("id", bea).update()).isEqualTo(1);

        // A restarted run's failed attempt is the one way entries go, and then its run may go too.
        ledger.restart(run);
        assertThat(jdbc.sql("delete from report_run where id = :id").param("id", run).update()).isEqualTo(1);
    }

    private SharedCustomer entry(long customer) {
        return new SharedCustomer(customer, "YES", CUTOFF.minusSeconds(86_400), "ONLINE_CHECKOUT",
                customer == ada ? "ada@example.org" : "bea@example.org");
    }

    private List<Long> entries() {
        return jdbc.sql("select customer_id from sharing_ledger where run_id = :run order by customer_id")
                .param("run", run).query(Long.class).list();
    }
}
