package org.stagedoor.scheduler.delivery;

import java.time.Instant;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;

/**
 * What a report mail says about its run.
 *
 * @param partnerName the partner company the run is for, or null for the venue's own run
 * @param periods each period of the run by its parameter name, as labelled ("5–11 Oct 2026")
 */
record ReportFacts(long runId, String reportTitle, String partnerName, Map<String, String> periods, Long rows,
        Instant generatedAt, Instant expiresAt, boolean personalData, String fileName, OutputFormat format,
        long fileSize) {
}
