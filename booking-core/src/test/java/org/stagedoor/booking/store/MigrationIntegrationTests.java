package org.stagedoor.booking.store;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class MigrationIntegrationTests extends StoreIntegrationTest {

    @Test
    void migratesTheOneSchemaWithTheVenueRow() {
        assertThat(jdbc.sql("select count(*) from venue").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesASecondCustomerWithTheSameEmailInAnotherCase() {
        jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                values ('INDIVIDUAL', 'Ada', 'Lovelace', 'ada@example.org', 'BOX_OFFICE')
                """).update();
        assertThatThrownBy(() -> jdbc.sql("""
                insert into customer (kind, first_name, last_name, email, created_channel)
                values ('INDIVIDUAL', 'Ada', 'King', 'ADA@Example.org', 'ONLINE')
                """).update()).isInstanceOf(DataIntegrityViolationException.class);
    }
}
