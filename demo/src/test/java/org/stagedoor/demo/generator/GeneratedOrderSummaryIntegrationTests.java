package org.stagedoor.demo.generator;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.order.OrderSummaryRows;
import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's bulk load ({@code COPY}) goes through the same order summary triggers (V17) as orders placed one by
 * one, so that list counts on a generated venue are the counts of its orders.
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
    }
}
