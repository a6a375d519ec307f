package org.stagedoor.booking.store;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The store refuses a customer without a name, a missing name as an empty one (V24: V9's check let a null through),
 * and says so in words; an erased customer holds no name at all, as before.
 */
@SpringBootTest
class CustomerNamesIntegrationTests extends StoreIntegrationTest {

    private static final String NAMES_REFUSED = "A person needs a first and a last name, and an organisation its name.";

    @Test
    void aPersonWithoutAFirstOrLastNameIsRefusedInWords() {
        Throwable noFirstName = catchThrowable(() -> jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', null, 'Lovelace', 'BOX_OFFICE')
                """).update());
        Throwable noLastName = catchThrowable(() -> jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', 'Ada', null, 'IMPORT')
                """).update());
        Throwable blankFirstName = catchThrowable(() -> jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', '  ', 'Lovelace', 'ONLINE')
                """).update());

        assertThat(StoreRefusals.sentence(noFirstName)).hasValue(NAMES_REFUSED);
        assertThat(StoreRefusals.sentence(noLastName)).hasValue(NAMES_REFUSED);
        assertThat(StoreRefusals.sentence(blankFirstName)).hasValue(NAMES_REFUSED);
        assertThat(StoreRefusals.constraintOf(noFirstName)).hasValue("customer_names_by_kind");
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isZero();
    }

    @Test
    void anOrganisationWithoutItsNameIsRefusedInWords() {
        Throwable noName = catchThrowable(() -> jdbc.sql("""
                insert into customer (kind, organisation_name, created_channel)
                values ('ORGANISATION', null, 'BOX_OFFICE')
                """).update());

        assertThat(StoreRefusals.sentence(noName)).hasValue(NAMES_REFUSED);
    }

    @Test
    void aNameCannotBeTakenAwayLaterButAnErasedCustomerHoldsNone() {
        long ada = jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', 'Ada', 'Lovelace', 'BOX_OFFICE') returning id
                """).query(Long.class).single();

        Throwable nameRemoved = catchThrowable(() -> jdbc.sql("update customer set last_name = null where id = :id")
                .param("id", ada).update());
        assertThat(StoreRefusals.sentence(nameRemoved)).hasValue(NAMES_REFUSED);

        jdbc.sql("""
                update customer set first_name = null, last_name = null, online_access = false, erased_at = now()
                 where id = :id
                """).param("id", ada).update();
        assertThat(jdbc.sql("select first_name is null and last_name is null from customer where id = :id")
                .param("id", ada).query(Boolean.class).single()).isTrue();
    }

    @Test
    void theCheckHoldsForEveryRowOfAMigratedStore() {
        assertThat(jdbc.sql("""
                select convalidated from pg_constraint
                 where conname = 'customer_names_by_kind' and conrelid = 'customer'::regclass
                """).query(Boolean.class).single()).isTrue();
    }
}
