package org.stagedoor.portal;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** How far a run is, in words and per cent, as its page and the API show it. */
class RunViewTests {

    @Test
    void aRunningRunWithAnEstimateIsThatFarAndNeverDoneBeforeItIs() {
        assertThat(view(RunStatus.RUNNING, 250, 1000L).percent()).isEqualTo(25);
        assertThat(view(RunStatus.RUNNING, 1500, 1000L).percent()).as("more rows than last time").isEqualTo(99);
        assertThat(view(RunStatus.RUNNING, 250, null).percent()).as("no estimate: indeterminate").isNull();
        assertThat(view(RunStatus.RUNNING, 0, 0L).percent()).isNull();
        assertThat(view(RunStatus.QUEUED, 0, null).percent()).isZero();
        assertThat(view(RunStatus.COMPLETED, 12, null).percent()).isEqualTo(100);
        assertThat(view(RunStatus.FAILED, 12, null).percent()).isNull();
    }

    @Test
    void aRunningRunSaysHowManyRowsToExpectAndWhetherThatIsOnlyAbout() {
        ReportRun running = run(RunStatus.RUNNING, Map.of(), Map.of());
        assertThat(RunView.of(running, null, 250, 5000L, false, "/f", null, null).expected()).isEqualTo("of 5,000");
        RunView about = RunView.of(running, null, 250, 5000L, true, "/f", null, null);
        assertThat(about.expected()).isEqualTo("of about 5,000");
        assertThat(about.percent()).isEqualTo(5);
        assertThat(RunView.of(running, null, 250, null, false, "/f", null, null).expected()).isNull();
        // Finished, it has written what it has: nothing more to expect.
        assertThat(RunView.of(run(RunStatus.COMPLETED, Map.of(), Map.of()), null, 250, 5000L, true, "/f",
                "9 Dec 2026 10:00", null).expected()).isNull();
    }

    @Test
    void onlyACompletedRunSaysUntilWhenItsFileIsKept() {
        assertThat(RunView.of(run(RunStatus.COMPLETED, Map.of(), Map.of()), null, 1, null, false, "/f",
                "9 Dec 2026 10:00", null).keptUntil()).isEqualTo("9 Dec 2026 10:00");
        assertThat(RunView.of(run(RunStatus.EXPIRED, Map.of(), Map.of()), null, 1, null, false, "/f",
                "9 Dec 2026 10:00", null).keptUntil()).isNull();
    }

    @Test
    void onlyACompletedRunHasADownloadAndOnlyAnUnfinishedOneIsNotFinished() {
        assertThat(view(RunStatus.COMPLETED, 1, null).download()).isEqualTo("/runs/7/file");
        assertThat(view(RunStatus.EXPIRED, 1, null).download()).isNull();
        assertThat(view(RunStatus.RUNNING, 1, null).download()).isNull();
        assertThat(view(RunStatus.RUNNING, 1, null).finished()).isFalse();
        assertThat(view(RunStatus.QUEUED, 1, null).finished()).isFalse();
        assertThat(view(RunStatus.STOPPED, 1, null).finished()).isTrue();
        assertThat(view(RunStatus.FAILED, 1, null).message()).doesNotContain("SQL").contains("failed");
    }

    @Test
    void theSummaryNamesEachParameterWithItsPeriodAndCutsLongValues() {
        ReportRun run = run(RunStatus.COMPLETED, Map.of("period", "previous-week"),
                Map.of("period", "previous-week", "periodFrom", "2026-11-02", "periodTo", "2026-11-08",
                        "periodLabel", "2–8 Nov 2026"));
        assertThat(RunView.of(run, null, 1, null, "/f").summary()).isEqualTo("Period: Previous week (2–8 Nov 2026)");

        ReportRun defaulted = run(RunStatus.COMPLETED, Map.of(), Map.of("period", "previous-week",
                "periodLabel", "2–8 Nov 2026"));
        assertThat(RunView.of(defaulted, null, 1, null, "/f").summary()).isEqualTo("Period: 2–8 Nov 2026");

        String list = "{\"name\": \"Everyone\",\n \"segments\": [" + "{\"type\": \"has-email\"}, ".repeat(10) + "]}";
        ReportRun customers = run(RunStatus.COMPLETED, Map.of("list", list), Map.of("list", list));
        // A list is never shown as its JSON, but by its name (issue 15 item 1).
        assertThat(RunView.of(customers, null, 1, null, "/f").summary()).isEqualTo("Customer list: Everyone");
    }

    private static RunView view(RunStatus status, long written, Long expected) {
        return RunView.of(run(status, Map.of(), Map.of()), null, written, expected, "/runs/7/file");
    }

    private static ReportRun run(RunStatus status, Map<String, String> given, Map<String, String> resolved) {
        return new ReportRun(7, "partner-event-sales", 1L, "ann@northern.example", given, resolved, OutputFormat.CSV,
                status, Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, null, "f.csv", null, null, null,
                null, null);
    }
}
