package org.stagedoor.booking.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * V24 on a store that already holds customers: migrated to V22 with rows V9's check let in, then on. Where every
 * customer has its names the check is validated at once; where one has none, the store still migrates, checking every
 * row written from then on, and the check is validated once the names are mended.
 */
class CustomerNamesMigrationIntegrationTests {

    private final MigrationSchema schema = MigrationSchema.fresh("customer_names_migration");

    private final JdbcClient jdbc = schema.jdbc();

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Test
    void aStoreWhoseCustomersAllHaveNamesIsCheckedForEveryRow() {
        schema.migrateTo("22");
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, organisation_name, created_channel)
                values ('INDIVIDUAL', 'Ada', 'Lovelace', null, 'BOX_OFFICE'),
                       ('ORGANISATION', null, null, 'Northern Lights', 'IMPORT')
                """).update();

        schema.migrateTo(null);

        assertThat(validated()).isTrue();
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aStoreHoldingANamelessCustomerStillMigratesAndRefusesNewOnesUntilMended() {
        schema.migrateTo("22");
        long nameless = jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', 'Ada', null, 'IMPORT') returning id
                """).query(Long.class).single();

        schema.migrateTo(null);

        assertThat(validated()).isFalse();
        Throwable another = catchThrowable(() -> jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', null, 'Byron', 'BOX_OFFICE')
                """).update());
        assertThat(StoreRefusals.sentence(another)).hasValue("A person needs a first and a last name, and an"
                + " organisation its name.");

        jdbc.sql("update customer set last_name = 'Lovelace' where id = :id").param("id", nameless).update();
        jdbc.sql("alter table customer validate constraint customer_names_by_kind").update();
        assertThat(validated()).isTrue();
    }

    private boolean validated() {
        return jdbc.sql("""
                select convalidated from pg_constraint
                 where conname = 'customer_names_by_kind' and conrelid = 'customer'::regclass
                """).query(Boolean.class).single();
    }
}
