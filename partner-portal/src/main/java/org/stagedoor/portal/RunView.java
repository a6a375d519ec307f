package org.stagedoor.portal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunParameters;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.web.Words;

/**
 * A run as the portal shows it, on its pages and in the API: what was asked, where it stands, and its file.
 *
 * @param parameters the parameters as given ({@code previous-week}, a list definition)
 * @param summary the parameters in a line, in words ("Period: Previous week (2–8 Nov 2026)")
 * @param periods each period parameter's resolved dates, as a label ("9–15 Nov 2026")
 * @param statusText the status in words ("Waiting to start")
 * @param rowsWritten rows in the file so far (all of them once it is ready)
 * @param rowsExpected an estimate from an earlier run, while it runs; else null
 * @param percent how far it is: 100 when its file is ready, an estimate while it runs, null when unknown
 * @param download where the file is, once it is ready
 * @param message what became of a run that did not complete, in words
 * @param rowsExpectedAbout whether {@code rowsExpected} comes from a run with other parameters, so is only "about"
 * @param expected the expected rows in words, while it runs ("of about 5,000"); else null
 * @param keptUntil until when its file is kept, in the venue's time ("9 Dec 2026 10:00"), once it completed
 * @param nothingFound why a completed run has no rows, in a sentence that helps; else null
 */
public record RunView(long id, String report, String reportTitle, RunStatus status, String statusText, boolean finished,
        String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, Map<String, String> parameters,
        String summary, Map<String, String> periods, String format, long rowsWritten, Long rowsExpected,
        Integer percent, Long rowCount, String fileName, Long fileSize, String sha256, Instant expiresAt,
        String download, String message, boolean rowsExpectedAbout, String expected, String keptUntil,
        String nothingFound) {

    static RunView of(ReportRun run, ReportDefinition report, long rowsWritten, Long rowsExpected,
            String downloadPath) {
        return of(run, report, rowsWritten, rowsExpected, false, downloadPath, null, null);
    }

    static RunView of(ReportRun run, ReportDefinition report, long rowsWritten, Long rowsExpected,
            boolean rowsExpectedAbout, String downloadPath, String keptUntil, String nothingFound) {
        Map<String, String> periods = RunParameters.periodLabels(run.parametersResolved());
        boolean finished = run.status() != RunStatus.QUEUED && run.status() != RunStatus.RUNNING;
        return new RunView(run.id(), run.reportId(), report == null ? run.reportId() : report.title(), run.status(),
                Words.label(run.status()),
                finished, run.requestedBy(), run.createdAt(), run.startedAt(), run.finishedAt(),
                new TreeMap<>(run.parametersGiven()),
                Words.parameters(run.parametersGiven(), run.parametersResolved()), periods,
                run.format().name(), rowsWritten, rowsExpected,
                percent(run.status(), rowsWritten, rowsExpected), run.rowCount(), run.fileName(), run.fileSize(),
                run.sha256(), run.expiresAt(), run.status() == RunStatus.COMPLETED ? downloadPath : null,
                message(run), rowsExpectedAbout, expected(run.status(), rowsExpected, rowsExpectedAbout),
                run.status() == RunStatus.COMPLETED ? keptUntil : null, nothingFound);
    }

    /** "of 5,000" or "of about 5,000", said after the rows written while the run goes on. */
    private static String expected(RunStatus status, Long expected, boolean about) {
        if (status != RunStatus.RUNNING || expected == null || expected <= 0) {
            return null;
        }
        return String.format(Locale.ENGLISH, "of %s%,d", about ? "about " : "", expected);
    }

    private static Integer percent(RunStatus status, long written, Long expected) {
        return switch (status) {
            case QUEUED -> 0;
            case COMPLETED -> 100;
            // An estimate never says done before the run does.
            case RUNNING -> expected == null || expected <= 0 ? null
                    : (int) Math.min(99, written * 100 / expected);
            case FAILED, STOPPED, EXPIRED -> null;
        };
    }

    private static String message(ReportRun run) {
        return switch (run.status()) {
            // The reason may name the venue's internals: partner users get words, administrators the log.
            case FAILED -> "The run failed. Try again; if it keeps failing, tell the venue.";
            case STOPPED -> "The run was cancelled before it finished.";
            case EXPIRED -> "The file expired and was deleted. Run the report again for a fresh one.";
            default -> null;
        };
    }
}
