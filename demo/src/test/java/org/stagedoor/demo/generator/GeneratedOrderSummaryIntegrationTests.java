package org.stagedoor.demo.generator;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.order.OrderSummaryRows;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's bulk load ({@code COPY}) goes through the same order summary triggers (V17) and consent tally
 * triggers (V30) as orders and preferences written one by one, so that list counts on a generated venue are the counts
 * of its orders and preferences.
 */
@SpringBootTest
class GeneratedOrderSummaryIntegrationTests extends StoreIntegrationTest {

    @Autowired
    VenueDataGenerator generator;

    @Test
    void theGeneratorsBulkLoadFillsTheSummaryThroughTheSameTriggers() {
        generator.generate(new GeneratorSettings(GeneratorSettings.DEFAULT_SEED, Instant.parse("2026-10-20T00:00:00Z"),
                300, 12, 4, 3_000), line -> { });

        assertThat(OrderSummaryRows.summary(jdbc)).hasSizeGreaterThan(1_000)
                .isEqualTo(OrderSummaryRows.fromBaseTables(jdbc));
        assertThat(OrderSummaryRows.totals(jdbc)).hasSizeGreaterThan(100)
                .isEqualTo(OrderSummaryRows.totalsFromBaseTables(jdbc));
        assertThat(OrderSummaryRows.partnerTotals(jdbc)).hasSizeGreaterThan(100)
                .isEqualTo(OrderSummaryRows.partnerTotalsFromBaseTables(jdbc));
    }

    @Test
    void theGeneratedPreferencesAreInTheConsentTalliesFoldedToAFewRowsPerCompanyAndPair() {
        generator.generate(new GeneratorSettings(GeneratorSettings.DEFAULT_SEED, Instant.parse("2026-10-20T00:00:00Z"),
                300, 12, 4, 3_000), line -> { });

        String byCompanyStateAndSide = """
                select partner_company_id || ' ' || state || ' ' || with_email || ' ' || customers
                  from (%s) t where customers <> 0 order by 1""";
        assertThat(jdbc.sql(byCompanyStateAndSide.formatted("""
                select partner_company_id, state, with_email, sum(customers) as customers
                  from partner_consent_tally group by 1, 2, 3""")).query(String.class).list())
                .hasSizeGreaterThan(3)
                .isEqualTo(jdbc.sql(byCompanyStateAndSide.formatted("""
                        select l.partner_company_id, l.state, c.email is not null as with_email, count(*) as customers
                          from partner_preference_latest l join customer c on c.id = l.customer_id
                         group by 1, 2, 3""")).query(String.class).list());
        // Folded after the load: a company keeps more than 32 rows only until a later transaction folds them.
        assertThat(jdbc.sql("""
                select max(rows) from (select count(*) as rows from partner_consent_tally group by partner_company_id) t
                """).query(Long.class).single()).isLessThanOrEqualTo(32L);

        String byPairStatesAndSide = """
                select first || ' ' || second || ' ' || first_state || ' ' || second_state || ' ' || with_email
                       || ' ' || customers
                  from (%s) t where customers <> 0 order by 1""";
        assertThat(jdbc.sql(byPairStatesAndSide.formatted("""
                select first_company_id as first, second_company_id as second, first_state, second_state,
                       with_email, sum(customers) as customers
                  from partner_consent_pair_tally group by 1, 2, 3, 4, 5""")).query(String.class).list())
                .hasSizeGreaterThan(3)
                .isEqualTo(jdbc.sql(byPairStatesAndSide.formatted("""
                        select x.partner_company_id as first, y.partner_company_id as second, x.state as first_state,
                               y.state as second_state, c.email is not null as with_email, count(*) as customers
                          from partner_preference_latest x
                          join partner_preference_latest y on y.customer_id = x.customer_id
                                                          and y.partner_company_id > x.partner_company_id
                          join customer c on c.id = x.customer_id
                         group by 1, 2, 3, 4, 5""")).query(String.class).list());
        assertThat(jdbc.sql("""
                select max(rows) from (select count(*) as rows from partner_consent_pair_tally
                                        group by first_company_id, second_company_id) t
                """).query(Long.class).single()).isLessThanOrEqualTo(32L);
    }
}
