package org.stagedoor.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.metrics.OperationsMeters;
import org.stagedoor.booking.imports.FileCount;
import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.Refusal;
import org.stagedoor.booking.imports.VenueImport;

/**
 * The venue's import as the {@code import} command and the console's Import page run it: {@link VenueImport}, then
 * one entry in the audit log saying in words what it did ("Imported 14 files: 58 rows …", "Import refused: …",
 * "Import failed: …"), whoever started it. This is the one place that words that entry.
 */
@Component
public class AuditedImport {

    /** Refusals named in the audit entry; the report file and the page list them all. */
    private static final int NAMED = 3;

    private final VenueImport venueImport;

    private final AuditLog audit;

    private final OperationsMeters meters;

    AuditedImport(VenueImport venueImport, AuditLog audit, OperationsMeters meters) {
        this.venueImport = venueImport;
        this.audit = audit;
        this.meters = meters;
    }

    /**
     * Imports the files of {@code directory} as {@link VenueImport#run} does, and audits it as done by {@code actor}.
     *
     * @param reportKept whether the report of refusals stays where it is written, so that the entry may name it; the
     *         console's uploads are deleted once imported
     */
    public ImportOutcome run(Path directory, Path reportDirectory, boolean reportKept, String actor,
            Consumer<String> progress) throws IOException {
        ImportOutcome outcome;
        try {
            outcome = venueImport.run(directory, reportDirectory, progress);
        }
        catch (IOException | RuntimeException ex) {
            audit.adminChange(actor, "Import failed, nothing was applied: " + (ex.getMessage() == null
                    ? ex.getClass().getSimpleName() : ex.getMessage()));
            throw ex;
        }
        for (FileCount file : outcome.files()) {
            meters.importRows(file.file().replaceFirst("\\.csv$", ""), outcome.applied() ? "applied" : "refused",
                    file.rows());
        }
        // The rows applied; none when refused.
        audit.record(actor, AuditLog.Kind.ADMIN_CHANGE, null, null, outcome.applied() ? rows(outcome) : null,
                sentence(outcome, reportKept));
        return outcome;
    }

    /** What an import did, as the audit log says it. */
    static String sentence(ImportOutcome outcome, boolean reportKept) {
        if (outcome.applied()) {
            List<FileCount> files = outcome.files();
            // The whole import as one count, so that its changes are said as each file's are.
            FileCount all = new FileCount("", rows(outcome), files.stream().mapToLong(FileCount::added).sum(),
                    files.stream().mapToLong(FileCount::updated).sum(),
                    files.stream().mapToLong(FileCount::unchanged).sum(),
                    files.stream().mapToLong(FileCount::closed).sum(), 0, false);
            String changes = all.changesInWords();
            return String.format(Locale.ROOT, "Imported %d %s: %,d %s%s in %.1f s. %s", files.size(),
                    files.size() == 1 ? "file" : "files", all.rows(), all.rows() == 1 ? "row" : "rows",
                    changes.isEmpty() ? "" : " (" + changes + ")", outcome.seconds(),
                    String.join("; ", files.stream().map(file -> file.file() + ": " + file.inWords()).toList())
                            + ".");
        }
        long rows = outcome.refusals().stream().filter(refusal -> refusal.line() > 0).count();
        long files = outcome.refusals().size() - rows;
        List<String> refused = new ArrayList<>();
        if (rows > 0) {
            refused.add(String.format(Locale.ROOT, "%,d %s", rows, rows == 1 ? "row" : "rows"));
        }
        if (files > 0) {
            refused.add(String.format(Locale.ROOT, "%,d %s", files, files == 1 ? "file" : "files"));
        }
        StringBuilder sentence = new StringBuilder("Import refused: ").append(String.join(" and ", refused))
                .append(rows + files == 1 ? " was" : " were").append(" refused, so nothing was applied. ");
        List<Refusal> named = outcome.refusals().subList(0, Math.min(NAMED, outcome.refusals().size()));
        sentence.append(String.join(" ", named.stream().map(refusal -> where(refusal) + refusal.reason()).toList()));
        if (outcome.refusals().size() > NAMED) {
            sentence.append(" … and ").append(outcome.refusals().size() - NAMED).append(" more.");
        }
        if (reportKept) {
            outcome.report().ifPresent(report -> sentence.append(" Every refusal is listed in ").append(report)
                    .append('.'));
        }
        return sentence.toString();
    }

    /** "orders.csv, line 8, column facilitator_id: ", or less where the refusal is of a whole line or file. */
    public static String where(Refusal refusal) {
        StringBuilder where = new StringBuilder(refusal.file().isEmpty() ? "" : refusal.file());
        if (refusal.line() > 0) {
            where.append(", line ").append(refusal.line());
        }
        if (!refusal.field().isEmpty()) {
            where.append(", column ").append(refusal.field());
        }
        return where.isEmpty() ? "" : where.append(": ").toString();
    }

    private static long rows(ImportOutcome outcome) {
        return outcome.files().stream().mapToLong(FileCount::rows).sum();
    }
}
