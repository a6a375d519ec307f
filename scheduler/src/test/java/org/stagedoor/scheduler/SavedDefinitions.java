package org.stagedoor.scheduler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;

/** Saved definitions for schedules under test: the venue's, each with a name of its own. */
public final class SavedDefinitions {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private SavedDefinitions() {
    }

    /** A venue definition of the report with these parameters and the format fixed. */
    public static long fixed(SavedReports saved, String reportId, Map<String, String> parameters,
            OutputFormat format) {
        return withOpen(saved, reportId, parameters, List.of(), format);
    }

    /** A venue definition of the report setting these parameters, leaving {@code open} to the schedule. */
    public static long withOpen(SavedReports saved, String reportId, Map<String, String> parameters,
            List<String> open, OutputFormat format) {
        return saved.create(null, new SavedReportDraft(reportId + " " + NEXT.incrementAndGet(), "", reportId,
                parameters, open, format), "tests").id();
    }
}
