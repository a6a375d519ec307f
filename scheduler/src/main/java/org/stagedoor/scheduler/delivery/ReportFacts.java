package org.stagedoor.scheduler.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.output.OutputFormat;

/**
 * What a report mail says about its run.
 *
 * @param partnerName the partner company the run is for, or null for the venue's own run
 * @param periods each period of the run by its parameter name, as labelled ("5–11 Oct 2026")
 * @param withdrawn the first of the customers this run tells its partner company to stop contacting, by id
 * @param withdrawnCount how many customers it tells so in all (its {@code withdrawal_notice} rows)
 * @param sent for a list of a schedule that sends changes, what the file holds in words ("Only the changes since
 *        …", "Full list (the last delivery did not arrive)…"); null otherwise
 */
record ReportFacts(long runId, String reportTitle, String partnerName, Map<String, String> periods, Long rows,
        Instant generatedAt, Instant expiresAt, boolean personalData, String fileName, OutputFormat format,
        long fileSize, List<Withdrawn> withdrawn, long withdrawnCount, String sent) {

    ReportFacts(long runId, String reportTitle, String partnerName, Map<String, String> periods, Long rows,
            Instant generatedAt, Instant expiresAt, boolean personalData, String fileName, OutputFormat format,
            long fileSize, List<Withdrawn> withdrawn, long withdrawnCount) {
        this(runId, reportTitle, partnerName, periods, rows, generatedAt, expiresAt, personalData, fileName, format,
                fileSize, withdrawn, withdrawnCount, null);
    }

    /**
     * A customer whose data the partner company received and who has withdrawn consent or was erased since.
     *
     * @param sharedEmail the address the company received, or null when it received none
     * @param state NO, NOT_ASKED or ERASED
     */
    record Withdrawn(long customerId, String sharedEmail, String state) {
    }
}
