package org.stagedoor.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.output.SpreadsheetSafety;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.find.AuditFilter;
import org.stagedoor.find.Page;
import org.stagedoor.web.Words;

/**
 * The audit log as the console's page, its CSV export and the admin API list it: one filter, one query. The export
 * streams every matching entry, newest first, in the words the page uses.
 */
@Component
class AuditSearch {

    static final int PAGE_SIZE = 50;

    static final String[] HEADER = { "When", "Who", "What", "Partner company", "Run", "Report", "Rows", "Detail" };

    /** Rows written between looks at whether the download still has somewhere to go. */
    private static final int CHECK_EVERY = 500;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditLog audit;

    private final ConsoleQueries queries;

    private final ReportCatalogue catalogue;

    private final Words words;

    private final ZoneId zone;

    private final TransactionTemplate readOnly;

    AuditSearch(AuditLog audit, ConsoleQueries queries, ReportCatalogue catalogue, Words words,
            VenueProperties venue, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.queries = queries;
        this.catalogue = catalogue;
        this.words = words;
        this.zone = venue.timeZone();
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    Page<AuditLog.Entry> page(AuditFilter filter, int size) {
        return Page.of(audit.page(filter.query(zone), filter.before(), filter.after(), size + 1), size,
                filter.before(), filter.after(), AuditLog.Entry::id);
    }

    /**
     * Writes every entry the filter selects as CSV (RFC 4180), quoted by the CSV library, formulas defused
     * ({@link SpreadsheetSafety}).
     */
    void export(AuditFilter filter, OutputStream out) {
        Map<Long, String> partners = queries.partnerNames();
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_ESCAPE_CHARACTER, ICSVWriter.RFC4180_LINE_END);
        csv.writeNext(HEADER, false);
        // Text that people typed (names, emails, details) is defused as in the reports' CSV files.
        long[] written = { 0 };
        readOnly.executeWithoutResult(status -> audit.each(filter.query(zone), entry -> {
            csv.writeNext(new String[] { WHEN.format(entry.at().atZone(zone)),
                    SpreadsheetSafety.neutralise(entry.actor()), words.of(entry.kind()),
                    entry.partnerCompanyId() == null ? ""
                            : SpreadsheetSafety.neutralise(partners.getOrDefault(entry.partnerCompanyId(), "")),
                    entry.runId() == null ? "" : entry.runId().toString(), reportTitle(entry.reportId()),
                    entry.rowCount() == null ? "" : entry.rowCount().toString(),
                    SpreadsheetSafety.neutralise(entry.detail()) }, false);
            // The library keeps a write's failure to itself: a download abandoned half way stops the reading too.
            if (++written[0] % CHECK_EVERY == 0 && csv.checkError()) {
                throw new UncheckedIOException(new IOException("the audit log's download was abandoned"));
            }
        }));
        try {
            csv.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private String reportTitle(String reportId) {
        return reportId == null ? "" : catalogue.find(reportId).map(ReportDefinition::title).orElse(reportId);
    }
}
