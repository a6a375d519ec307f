package org.stagedoor.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunProgress;
import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReports;
import org.stagedoor.cli.CommandLine.Options;
import org.stagedoor.cli.CommandLine.UsageException;
import org.stagedoor.scheduler.run.RunStarts;

/**
 * {@code run-report}: runs one report to the end and copies its file to {@code --out}: a report of the catalogue
 * ({@code --report}) or a saved report or list ({@code --saved-report}, by id). Options other than the fixed ones
 * are the report's own parameters ({@code --period previous-week}); a saved definition takes only its open ones.
 */
@Component
class RunReportCommand {

    static final String NAME = "run-report";

    private static final Set<String> FIXED = Set.of("report", "saved-report", "partner", "format", "out",
            "requested-by", "list-file");

    private final RunStarts starts;

    private final SavedReports savedReports;

    private final JdbcClient jdbc;

    private final RunRecords records;

    private final RunProgress runProgress;

    RunReportCommand(RunStarts starts, SavedReports savedReports, JdbcClient jdbc, RunRecords records,
            RunProgress runProgress) {
        this.records = records;
        this.runProgress = runProgress;
        this.starts = starts;
        this.savedReports = savedReports;
        this.jdbc = jdbc;
    }

    // The try is there for its close(); the resource is never read.
    @SuppressWarnings("try")
    int run(Options options, PrintStream out, PrintStream err) throws IOException {
        String report = options.values().get("report");
        String savedId = options.values().get("saved-report");
        if (report == null && savedId == null) {
            throw new UsageException("run-report needs --report <id> or --saved-report <id>");
        }
        if (report != null && savedId != null) {
            throw new UsageException("run-report takes --report or --saved-report, not both");
        }
        SavedReport saved = savedId == null ? null : saved(savedId);
        // A saved definition makes its own format unless one is given; a report of the catalogue makes XLSX.
        String formatOption = options.values().get("format");
        OutputFormat format = formatOption != null ? format(formatOption) : saved != null ? null : OutputFormat.XLSX;
        Long partner = partner(options.values().get("partner"));
        // A partner company's own definition runs for that company only; the venue's, for whom the command names (as
        // with --report, the console's grants are not this operator's limit).
        if (saved != null && !saved.ownedByVenue()) {
            if (partner != null && !partner.equals(saved.ownerPartnerCompanyId())) {
                throw new UsageException("--partner: saved report " + saved.id() + " is partner company "
                        + saved.ownerPartnerCompanyId() + "'s own and runs for that company only");
            }
            partner = saved.ownerPartnerCompanyId();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        options.values().forEach((name, value) -> {
            if (!FIXED.contains(name)) {
                parameters.put(name, value);
            }
        });
        if (options.values().containsKey("list-file")) {
            parameters.put("list", listFile(options.values().get("list-file")));
        }
        Path target = options.values().containsKey("out") ? target(options.values().get("out")) : null;
        String requestedBy = options.values().getOrDefault("requested-by",
                "command line (" + System.getProperty("user.name") + ")");
        ReportRun run;
        try {
            RunRequest request = saved == null ? new RunRequest(report, partner, parameters, format, requestedBy)
                    : starts.request(saved, partner, parameters, format, requestedBy);
            run = starts.recordHere(request);
        }
        catch (InvalidRequestException ex) {
            ex.errors().forEach(error -> err.println(error.field() + ": " + error.message()));
            return CommandLine.USAGE;
        }
        // A bar redrawn in place only on a terminal the person watches; a log gets a line every few seconds.
        boolean terminal = System.console() != null && err == System.err;
        try (RunProgressLine progress = RunProgressLine.start(run, records, runProgress, err, terminal)) {
            run = starts.runHere(run.id());
        }
        if (run.status() != RunStatus.COMPLETED) {
            err.println("Run " + run.id() + " " + run.status().name().toLowerCase(Locale.ROOT) + ": "
                    + run.errorMessage());
            return CommandLine.FAILED;
        }
        Path written = Path.of(run.location());
        if (target != null) {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(written, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = target;
        }
        out.println("Run " + run.id() + " completed: " + String.format(Locale.ROOT, "%,d rows, %,d bytes",
                run.rowCount(), run.fileSize()) + " in " + seconds(run) + ", sha256 " + run.sha256());
        out.println(written.toAbsolutePath());
        return CommandLine.OK;
    }

    /** How long the run took, in words a person reads ("12.3 s"). */
    private static String seconds(ReportRun run) {
        if (run.startedAt() == null || run.finishedAt() == null) {
            return "an unknown time";
        }
        return String.format(Locale.ROOT, "%.1f s", Duration.between(run.startedAt(), run.finishedAt()).toMillis()
                / 1000.0);
    }

    /** A saved report or list by id, at its current version. */
    private SavedReport saved(String value) {
        long id;
        try {
            id = Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new UsageException("--saved-report must be the number of a saved report");
        }
        return savedReports.find(id)
                .orElseThrow(() -> new UsageException("--saved-report: no saved report numbered " + id));
    }

    private static String listFile(String name) {
        try {
            return Files.readString(Path.of(name));
        }
        catch (IOException | InvalidPathException ex) {
            throw new UsageException("--list-file: cannot read '" + name + "': it does not exist, is not a readable"
                    + " file, or is not a path");
        }
    }

    /**
     * Where the file is to be copied, checked before the run: a run whose file then had nowhere to go would leave a
     * run record (and its ledger entries) behind for a command that failed.
     */
    private static Path target(String name) {
        Path target;
        try {
            target = Path.of(name).toAbsolutePath();
        }
        catch (InvalidPathException ex) {
            throw new UsageException("--out: not a path: '" + name + "'");
        }
        if (Files.isDirectory(target) || target.getParent() == null || !Files.isDirectory(target.getParent())
                || !Files.isWritable(target.getParent())) {
            throw new UsageException("--out: '" + name + "' is not a file in a directory that exists and can be"
                    + " written");
        }
        return target;
    }

    private static OutputFormat format(String value) {
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new UsageException("--format must be csv or xlsx, not '" + value + "'");
        }
    }

    /** A partner company by id or by name (any case). */
    private Long partner(String value) {
        if (value == null) {
            return null;
        }
        return jdbc.sql("""
                select id from partner_company where lower(name) = lower(:value) or cast(id as text) = :value
                """)
                .param("value", value.trim())
                .query(Long.class).optional()
                .orElseThrow(() -> new UsageException(
                        "--partner: no partner company named or numbered '" + value + "'"));
    }
}
