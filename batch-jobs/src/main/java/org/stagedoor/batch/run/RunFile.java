package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.stagedoor.batch.output.FileDescription;
import org.stagedoor.batch.output.ReportFileWriter;
import org.stagedoor.batch.output.ReportFiles;

/**
 * The file of one job execution: written under a temporary name while rows stream in, finished by the
 * finalise step, then moved into place in one atomic rename. Job-scoped: a failed execution closes it
 * and deletes the partial file, so nothing that looks complete is ever left behind.
 */
class RunFile implements AutoCloseable {

    private final ReportRun run;

    private final ReportQuery query;

    private final FileDescription description;

    private final Path partial;

    private final Path target;

    private ReportFileWriter writer;

    private boolean finished;

    RunFile(ReportRun run, ReportQuery query, FileDescription description, Path directory) {
        this.run = run;
        this.query = query;
        this.description = description;
        this.target = directory.resolve("run-" + run.id() + "." + run.format().extension());
        this.partial = directory.resolve(target.getFileName() + ".part");
    }

    /** The statement whose rows go into this file, built once for the execution. */
    ReportQuery query() {
        return query;
    }

    /** Starts the file afresh: a restarted execution writes every row again, so none is lost or doubled. */
    void open() throws IOException {
        if (writer == null) {
            Files.createDirectories(partial.getParent());
            Files.deleteIfExists(partial);
            writer = ReportFiles.open(run.format(), partial, query.columns(), description);
        }
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
        String sha256 = sha256(partial);
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

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    record Finished(Path location, long rows, long size, String sha256) {
    }
}
