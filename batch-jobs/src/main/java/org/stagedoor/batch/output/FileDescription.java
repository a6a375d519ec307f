package org.stagedoor.batch.output;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a report file says about itself (the XLSX "About" sheet) and how it is written.
 *
 * @param reportTitle      the report's name as shown to the recipient
 * @param reportId         the run's identifier, so a file can be traced back to its run
 * @param partnerCompany   the partner company the run is for; {@code null} when it is for the venue itself
 * @param period           the period covered, as human text ("2 to 8 November 2026"); {@code null} if none
 * @param generatedAt      when the run started; also the file's created date, so that a rerun of the same
 *                         run gives the same bytes
 * @param zone             the venue's time zone: timestamps are shown in it
 * @param personalData     whether the file holds customers' personal data (adds a handling notice)
 * @param csvByteOrderMark whether a CSV file starts with a UTF-8 byte order mark, which Excel needs to
 *                         read non-ASCII text correctly
 */
public record FileDescription(String reportTitle, String reportId, String partnerCompany, String period,
        Instant generatedAt, ZoneId zone, boolean personalData, boolean csvByteOrderMark) {

    public FileDescription {
        Objects.requireNonNull(reportTitle, "reportTitle");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(zone, "zone");
    }
}
