package org.stagedoor.booking.customer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.erasure.CustomerErasure;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many customers have an email address and how many have none (V29), which list counts read instead of counting
 * the customer table (R-2's has-email segment): kept by the store in the same statements that add, change, erase and
 * delete customers, equal at every step to a count of the table itself, also after its rows are folded together.
 */
@SpringBootTest
class CustomerEmailTallyIntegrationTests extends StoreIntegrationTest {

    @Autowired
    BookingFixtures fixtures;

    @Autowired
    CustomerErasure erasure;

    @Test
    void addingChangingErasingAndDeletingCustomersKeepsTheTallyEqualToTheTable() {
        Customer ada = fixtures.person("Ada", "Lovelace");
        fixtures.person("Bob", "Brown");
        Customer kim = fixtures.personWithoutEmail("Kim", "Lee");
        fixtures.organisation("Friends of the Hall");
        assertThat(tally()).isEqualTo("2|2").isEqualTo(counted());

        // Several customers in one statement, as an import adds them.
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                select 'INDIVIDUAL', 'Guest', 'No ' || n, case when n % 2 = 0 then 'guest' || n || '@example.org' end,
                       'BOX_OFFICE'
                  from generate_series(1, 5) n
                """).update();
        assertThat(tally()).isEqualTo("4|5").isEqualTo(counted());

        jdbc.sql("update customer set email = 'kim.lee@example.org' where id = :id").param("id", kim.id()).update();
        assertThat(tally()).isEqualTo("5|4").isEqualTo(counted());

        // A change of address, or of anything else, leaves both numbers as they were.
        jdbc.sql("update customer set email = 'kim@example.org', first_name = 'Kimberley' where id = :id")
                .param("id", kim.id()).update();
        assertThat(tally()).isEqualTo("5|4").isEqualTo(counted());
        jdbc.sql("update customer set email = null where last_name like 'No %'").update();
        assertThat(tally()).isEqualTo("3|6").isEqualTo(counted());

        erasure.erase(ada.id(), "admin@venue.example");
        assertThat(tally()).isEqualTo("2|7").isEqualTo(counted());

        jdbc.sql("delete from customer where last_name like 'No %'").update();
        assertThat(tally()).isEqualTo("2|2").isEqualTo(counted());
    }

    @Test
    void manySmallChangesAreFoldedIntoOneRowPerSideWithTheSameNumbers() {
        for (int i = 0; i < 40; i++) {
            if (i % 3 == 0) {
                fixtures.personWithoutEmail("Guest", "Number" + i);
            }
            else {
                fixtures.person("Guest", "Number" + i);
            }
        }

        assertThat(tally()).isEqualTo("26|14").isEqualTo(counted());
        assertThat(jdbc.sql("select count(*) from customer_email_tally").query(Long.class).single())
                .isLessThan(40L);
    }

    @Test
    void emptyingTheCustomerTableEmptiesTheTally() {
        fixtures.person("Ada", "Lovelace");
        fixtures.personWithoutEmail("Kim", "Lee");

        jdbc.sql("truncate customer cascade").update();

        assertThat(tally()).isEqualTo("0|0").isEqualTo(counted());
    }

    /** With an email address, then without: from the tally. */
    private String tally() {
        return jdbc.sql("""
                select coalesce(sum(customers) filter (where with_email), 0) || '|'
                       || coalesce(sum(customers) filter (where not with_email), 0)
                  from customer_email_tally
                """).query(String.class).single();
    }

    /** With an email address, then without: counted in the customer table. */
    private String counted() {
        return jdbc.sql("""
                select count(*) filter (where email is not null) || '|' || count(*) filter (where email is null)
                  from customer
                """).query(String.class).single();
    }
}
