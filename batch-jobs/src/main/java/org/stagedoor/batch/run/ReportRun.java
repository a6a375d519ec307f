package org.stagedoor.batch.run;

import java.time.Instant;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;

/** A row of {@code report_run}: one run of a report, what it was asked and what it produced. */
public record ReportRun(long id, String reportId, Long partnerCompanyId, String requestedBy,
        Map<String, String> parametersGiven, Map<String, String> parametersResolved, OutputFormat format,
        RunStatus status, Instant cutoffAt, Instant createdAt, Instant startedAt, Instant finishedAt,
        Long jobExecutionId, Long rowCount, Long fileSize, String sha256, String fileName, String location,
        Instant expiresAt, Instant fileDeletedAt, String errorMessage, SavedRef saved) {
}
