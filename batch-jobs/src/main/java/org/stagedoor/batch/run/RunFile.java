package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.FileDescription;
import org.stagedoor.batch.output.ReportFileWriter;
import org.stagedoor.batch.output.ReportFiles;
import org.stagedoor.booking.Sha256;

/**
 * The file of one job execution: written under a temporary name while rows stream in, finished by the
 * finalise step, then moved into place in one atomic rename. Job-scoped: a failed execution closes it
 * and deletes the partial file, so nothing that looks complete is ever left behind.
 */
class RunFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunFile.class);

    private final ReportRun run;

    private final ReportQuery query;

    private final FileDescription description;

    private final Path partial;

    private final Path target;

    /** The columns the partner company's agreement allows, for a file with personal data for it; else null. */
    private final List<String> allowedColumns;

    private ReportFileWriter writer;

    private boolean finished;

    RunFile(ReportRun run, ReportQuery query, FileDescription description, Path directory,
            List<String> allowedColumns) {
        this.run = run;
        this.allowedColumns = allowedColumns;
        this.query = query;
        this.description = description;
        this.target = directory.resolve("run-" + run.id() + "." + run.format().extension());
        this.partial = partialOf(directory, run);
    }

    /**
     * Removes what an unfinished run wrote. A run that ends stopped or failed has its partial file removed before
     * its end is recorded, so nobody who sees the end finds the part.
     */
    static void removePartial(Path directory, ReportRun run) {
        Path partial = partialOf(directory, run);
        try {
            Files.deleteIfExists(partial);
        }
        catch (IOException ex) {
            log.warn("The partial file {} of run {} could not be deleted: {}", partial, run.id(), ex.getMessage());
        }
    }

    /** Where a run's file is written until it is complete and moved into place. */
    static Path partialOf(Path directory, ReportRun run) {
        return directory.resolve("run-" + run.id() + "." + run.format().extension() + ".part");
    }

    ReportRun run() {
        return run;
    }

    /** The statement whose rows go into this file, built once for the execution. */
    ReportQuery query() {
        return query;
    }

    /** Starts the file afresh: a restarted execution writes every row again, so none is lost or doubled. */
    void open() throws IOException {
        if (writer == null) {
            refuseColumnsNotAllowed();
            Files.createDirectories(partial.getParent());
            Files.deleteIfExists(partial);
            writer = ReportFiles.open(run.format(), partial, query.columns(), description);
        }
    }

    /**
     * The writer's own check of the data-sharing agreement, after the one made when the run was accepted: a
     * column the agreement does not allow (any more) fails the run before a byte is written.
     */
    private void refuseColumnsNotAllowed() {
        if (allowedColumns == null) {
            return;
        }
        List<String> refused = query.columns().stream()
                // A list of changes adds what changed and why, which are no customer's data.
                .filter(column -> column != ListDelta.CHANGE && column != ListDelta.REASON)
                .map(column -> column.field() == null ? column.name() : column.field())
                .filter(field -> !allowedColumns.contains(field)).toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException("The partner company's data-sharing agreement does not allow "
                    + String.join(", ", refused) + "; no file was written");
        }
    }

    void appendix(String title, List<Column> columns, List<Object[]> rows) throws IOException {
        open();
        writer.appendix(title, columns, rows);
    }

    void write(List<? extends Object[]> rows) throws IOException {
        for (Object[] row : rows) {
            writer.write(row);
        }
    }

    long rowsWritten() {
        return writer == null ? 0 : writer.rowsWritten();
    }

    /** Completes the file, moves it into place atomically and returns what it is. */
    Finished finish() throws IOException {
        open();
        long rows = writer.rowsWritten();
        writer.finish();
        writer.close();
        finished = true;
        String sha256 = Sha256.hex(partial);
        long size = Files.size(partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Finished(target, rows, size, sha256);
    }

    @Override
    public void close() {
        if (writer != null && !finished) {
            try {
                writer.close();
                Files.deleteIfExists(partial);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not remove the partial file " + partial, ex);
            }
        }
    }

    record Finished(Path location, long rows, long size, String sha256) {
    }
}
