package org.stagedoor.demo.generator;

import java.util.Locale;
import java.util.function.Consumer;

/** Progress lines for the caller: every million rows of a phase, and once when the phase is done. */
final class Progress {

    private static final long EVERY = 1_000_000;

    private final Consumer<String> sink;

    private final String phase;

    private final long started = System.nanoTime();

    private long nextReport = EVERY;

    Progress(Consumer<String> sink, String phase) {
        this.sink = sink;
        this.phase = phase;
    }

    Progress next(String nextPhase) {
        return new Progress(sink, nextPhase);
    }

    /** Called after each chunk; speaks when the main row count of the phase passes a million more. */
    void loaded(String what, long rows, long expected) {
        if (rows >= nextReport) {
            sink.accept(String.format(Locale.ROOT, "%s: %,d of %,d %s loaded, %s", phase, rows, expected, what,
                    rate(rows)));
            nextReport = (rows / EVERY + 1) * EVERY;
        }
    }

    void done(String detail) {
        sink.accept(String.format(Locale.ROOT, "%s: %s in %.1f s", phase, detail, seconds()));
    }

    void done(String detail, long rows) {
        sink.accept(String.format(Locale.ROOT, "%s: %s in %.1f s, %s", phase, detail, seconds(), rate(rows)));
    }

    void say(String message) {
        sink.accept(message);
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private String rate(long rows) {
        double seconds = Math.max(seconds(), 1e-3);
        return String.format(Locale.ROOT, "%,.0f rows/s", rows / seconds);
    }
}
