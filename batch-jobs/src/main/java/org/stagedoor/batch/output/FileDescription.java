package org.stagedoor.batch.output;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a report file says about itself (the XLSX "About" sheet) and how it is written.
 *
 * @param reportTitle      the report's name as shown to the recipient
 * @param runNumber        the run's number, so that a file can be traced back to its run; null when the file is
 *                         written outside a run
 * @param partnerCompany   the partner company the run is for; {@code null} when it is for the venue itself
 * @param details          the run's settings in words, in order ("Period": "Previous week: …", a customer list's
 *                         definition a line a row); a line with an empty label continues the one above
 * @param generatedAt      when the data stood (the run's cut-off); also the file's created date, so that a rerun
 *                         of the same run gives the same bytes
 * @param zone             the venue's time zone: timestamps are shown in it
 * @param personalData     whether the file holds customers' personal data (adds a handling notice)
 * @param csvByteOrderMark whether a CSV file starts with a UTF-8 byte order mark, which Excel needs to
 *                         read non-ASCII text correctly
 * @param sheetPerValueOf  how an XLSX file gives the values of a column sheets of their own (the behaviour
 *                         report's measures); null for one data sheet
 */
public record FileDescription(String reportTitle, Long runNumber, String partnerCompany, List<Line> details,
        Instant generatedAt, ZoneId zone, boolean personalData, boolean csvByteOrderMark, SheetSplit sheetPerValueOf) {

    /** One line of the About sheet: a label and its value in words. */
    public record Line(String label, String value) {

        public Line {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    public FileDescription {
        Objects.requireNonNull(reportTitle, "reportTitle");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(zone, "zone");
        details = details == null ? List.of() : List.copyOf(details);
    }
}
