package org.stagedoor.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import org.stagedoor.booking.imports.FileCount;
import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.Refusal;
import org.stagedoor.cli.CommandLine.Options;
import org.stagedoor.cli.CommandLine.UsageException;
import org.stagedoor.imports.AuditedImport;

/**
 * {@code import --dir DIR}: imports the venue's records from its ticketing system's CSV files (docs/import/README.md),
 * all or nothing. Refused rows: nothing applied, a report beside the files, exit 2; done: counts per file, exit 0.
 * Audited as the console's imports are ({@link AuditedImport}).
 */
@Component
class ImportCommand {

    static final String NAME = "import";

    /** Refusals shown on the terminal; the report file holds them all. */
    private static final int SHOWN = 20;

    private final AuditedImport audited;

    ImportCommand(AuditedImport audited) {
        this.audited = audited;
    }

    int run(Options options, PrintStream out, PrintStream err) throws IOException {
        options.allowOnly(Set.of("dir"));
        Path directory = Path.of(options.required("dir"));
        if (!Files.isDirectory(directory)) {
            throw new UsageException("--dir must name a folder holding the files to import; '" + directory
                    + "' is not one.");
        }
        ImportOutcome outcome = audited.run(directory, directory, true, "command line ("
                + System.getProperty("user.name") + ")", out::println);
        if (outcome.applied()) {
            out.println(String.format(Locale.ROOT, "Imported in %.1f s:", outcome.seconds()));
            for (FileCount file : outcome.files()) {
                out.println("  " + file.file() + ": " + file.inWords());
            }
            return CommandLine.OK;
        }
        err.println("Nothing was imported: " + outcome.refusals().size()
                + (outcome.refusals().size() == 1 ? " row was" : " rows were") + " refused, and an import is applied"
                + " only as a whole.");
        for (Refusal refusal : outcome.refusals().subList(0, Math.min(SHOWN, outcome.refusals().size()))) {
            err.println("  " + AuditedImport.where(refusal) + refusal.reason());
        }
        if (outcome.refusals().size() > SHOWN) {
            err.println("  … and " + (outcome.refusals().size() - SHOWN) + " more.");
        }
        outcome.report().ifPresent(report -> err.println("Every refusal is listed in " + report + "."));
        return CommandLine.REFUSED;
    }
}
