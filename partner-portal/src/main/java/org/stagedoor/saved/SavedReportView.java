package org.stagedoor.saved;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.saved.SavedReport;

/**
 * A saved report or list as the APIs show it.
 *
 * @param report the report it runs ({@code customer-list} for a list)
 * @param parameters every setting it makes; a customer list's definition is its JSON text
 * @param openParameters the settings the person running it may change ({@code format} for the file's format)
 * @param ownedBy null for the venue's; otherwise the partner company that built it
 * @param lastRunAt when the asking company last ran it (the portal only)
 */
public record SavedReportView(long id, String name, String description, String report, String reportTitle,
        int version, Map<String, String> parameters, List<String> openParameters, String format, Long ownedBy,
        Instant savedAt, String savedBy, Instant lastRunAt) {

    public static SavedReportView of(SavedReport saved, ReportDefinition report, Instant lastRunAt) {
        return new SavedReportView(saved.id(), saved.name(),
                saved.description().isEmpty() ? report.description() : saved.description(), saved.reportId(),
                report.title(), saved.version(), saved.parameters(), saved.openParameters(), saved.format().name(),
                saved.ownerPartnerCompanyId(), saved.savedAt(), saved.savedBy(), lastRunAt);
    }
}
