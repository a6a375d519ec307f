package org.stagedoor.batch.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;

/** A row of {@code report_run}: one run of a report, what it was asked and what it produced. */
public record ReportRun(long id, String reportId, Long partnerCompanyId, String requestedBy,
        Map<String, String> parametersGiven, Map<String, String> parametersResolved, OutputFormat format,
        RunStatus status, Instant cutoffAt, Instant createdAt, Instant startedAt, Instant finishedAt,
        Long jobExecutionId, Long rowCount, Long fileSize, String sha256, String fileName, String location,
        Instant expiresAt, Instant fileDeletedAt, String errorMessage, SavedRef saved) {

    /**
     * Whether the run's file can still be had at {@code now}: the one check behind a download and a mailed report,
     * so that the portal and a mail never disagree on it.
     */
    public FileState fileState(Instant now) {
        if (status == RunStatus.EXPIRED) {
            return FileState.DELETED;
        }
        if (status != RunStatus.COMPLETED) {
            return FileState.NONE;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return FileState.PAST_KEEPING;
        }
        return location == null || !Files.isReadable(Path.of(location)) ? FileState.MISSING : FileState.AVAILABLE;
    }

    /** What became of a run's file. */
    public enum FileState {

        /** Completed, within its keeping time and on disk. */
        AVAILABLE,

        /** Not completed (queued, running, failed, stopped): it has no file. */
        NONE,

        /** Expired: housekeeping deleted the file. */
        DELETED,

        /** Completed, but its keeping time is over; housekeeping has not deleted the file yet. */
        PAST_KEEPING,

        /** Completed and within its keeping time, yet not on disk: something removed it. */
        MISSING
    }
}
