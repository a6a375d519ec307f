package org.stagedoor.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** run-report's progress line, as a person reads it. */
class RunProgressLineTests {

    @Test
    void withAnEstimateTheLineHasABarAPercentageAndTheRows() {
        assertThat(RunProgressLine.text(450_000, 1_500_000L, Duration.ofSeconds(12)))
                .isEqualTo("[#######-----------------]  30%  450,000 of about 1,500,000 rows, 0:12");
    }

    @Test
    void moreRowsThanEstimatedKeepTheBarFull() {
        assertThat(RunProgressLine.text(2_000, 1_000L, Duration.ofSeconds(75)))
                .isEqualTo("[########################] 100%  2,000 of about 1,000 rows, 1:15");
    }

    @Test
    void withoutAnEstimateTheLineSaysTheRowsWrittenAndTheTime() {
        assertThat(RunProgressLine.text(450_000, null, Duration.ofSeconds(72))).isEqualTo("450,000 rows written, 1:12");
    }
}
