package org.stagedoor.demo.generator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark size, run by hand only:
 * {@code ./mvnw -pl demo -am package -Dtest='VenueDataGeneratorLarge*' -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstagedoor.bigGeneration=true} (add {@code -DargLine=-Xmx256m} to check the heap stays small).
 * It needs some 10 GB of free disk for the test database.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "stagedoor.bigGeneration", matches = "true")
class VenueDataGeneratorLargeIntegrationTests extends StoreIntegrationTest {

    @Autowired
    private VenueDataGenerator generator;

    @Test
    void loadsAMillionCustomersAndTenMillionTicketsInMinutes() {
        GeneratorSettings settings = GeneratorSettings.large().withNow(Instant.parse("2026-06-01T09:00:00Z"));
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        GenerationSummary summary = generator.generate(settings, line -> System.out.println("[generator] " + line));

        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "[generator] %s%n[generator] heap: peak %,d MB (sum of pool peaks), max %,d MB;"
                + " database %s%n", summary, peak >> 20, Runtime.getRuntime().maxMemory() >> 20,
                jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single());
        assertThat(summary.customers()).isEqualTo(settings.customers());
        assertThat(summary.tickets()).isEqualTo(settings.tickets());
        assertThat(jdbc.sql("select count(*) from ticket").query(Long.class).single()).isEqualTo(settings.tickets());
    }
}
