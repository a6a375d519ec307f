package org.stagedoor.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunRecords;

/**
 * {@code run-report}'s own progress while its run runs in the main thread: on a terminal, one line redrawn in place
 * (a bar and a percentage when an earlier run says how many rows to expect); otherwise, for a log, a line every ten
 * seconds. Read from the run's record, as the portal's progress is. Goes to standard error, so that standard output
 * keeps only the result a script reads.
 */
final class RunProgressLine implements AutoCloseable {

    private static final int BAR = 24;

    private final ReportRun run;

    private final RunRecords records;

    private final RunProgress progress;

    private final PrintStream err;

    private final boolean terminal;

    private final long started = System.nanoTime();

    private final ScheduledExecutorService ticks;

    private Long expected;

    private boolean drawn;

    private RunProgressLine(ReportRun run, RunRecords records, RunProgress progress, PrintStream err,
            boolean terminal) {
        this.run = run;
        this.records = records;
        this.progress = progress;
        this.err = err;
        this.terminal = terminal;
        this.ticks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "run-report-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Says the run has started and shows its progress until closed. */
    static RunProgressLine start(ReportRun run, RunRecords records, RunProgress progress, PrintStream err,
            boolean terminal) {
        RunProgressLine line = new RunProgressLine(run, records, progress, err, terminal);
        err.println("Run " + run.id() + " started.");
        long every = terminal ? 250 : 10_000;
        line.ticks.scheduleWithFixedDelay(line::tick, every, every, TimeUnit.MILLISECONDS);
        return line;
    }

    private void tick() {
        try {
            ReportRun current = records.get(run.id());
            if (expected == null) {
                expected = Optional.ofNullable(progress.rowsExpected(current)).orElse(-1L);
            }
            String text = text(progress.rowsWritten(current), expected < 0 ? null : expected,
                    Duration.ofNanos(System.nanoTime() - started));
            synchronized (this) {
                if (terminal) {
                    err.print("\r" + text + "   ");
                    drawn = true;
                }
                else {
                    err.println("Run " + run.id() + ": " + text);
                }
                err.flush();
            }
        }
        catch (RuntimeException ex) {
            // The progress is a courtesy: the run goes on, and says how it ended.
        }
    }

    /**
     * "[#######-----------------]  30%  450,000 of 1,500,000 rows, 0:12", or without an estimate "450,000 rows, 0:12".
     */
    static String text(long rows, Long expected, Duration elapsed) {
        String time = String.format(Locale.ROOT, "%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
        if (expected == null || expected <= 0) {
            return String.format(Locale.ROOT, "%,d rows written, %s", rows, time);
        }
        // The estimate is an earlier run's: this one may write more, and then the bar stays full.
        int percent = (int) Math.min(100, rows * 100 / expected);
        int filled = percent * BAR / 100;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d of about %,d rows, %s", "#".repeat(filled),
                "-".repeat(BAR - filled), percent, rows, expected, time);
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        try {
            ticks.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawn) {
                err.println();
            }
        }
    }
}
