package org.stagedoor.batch.run;

import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSlotsTests {

    @Test
    void refusesToStartWithFewerConnectionsThanItsRunsNeed() {
        // Never connects: the pool only says how large it may grow.
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setMaximumPoolSize(10);

            assertThatThrownBy(() -> new RunSlots(settings(3), pool, null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("stagedoor.reports.concurrent-runs=3 needs at least 14 database connections (4 a run"
                            + " and 2 to spare); spring.datasource.hikari.maximum-pool-size is 10");
        }
    }

    @Test
    void startsWhenThePoolHoldsFourConnectionsForEachRunAndTwoToSpare() throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setMaximumPoolSize(10);

            assertThat(new RunSlots(settings(2), pool, null).waiting()).isZero();
            assertThat(RunSlots.connectionsNeeded(2)).isEqualTo(10);
        }
    }

    @Test
    void refusesNoRunsAtAll() {
        try (HikariDataSource pool = new HikariDataSource()) {
            assertThatThrownBy(() -> new RunSlots(settings(0), pool, null))
                    .hasMessage("stagedoor.reports.concurrent-runs must be at least 1, not 0");
        }
    }

    private static ReportSettings settings(int concurrentRuns) {
        return new ReportSettings(Path.of("reports"), Duration.ofDays(30), 400, 5000, 10000, false,
                Duration.ofMinutes(15), concurrentRuns, 5, Duration.ofSeconds(5), 5000);
    }
}
