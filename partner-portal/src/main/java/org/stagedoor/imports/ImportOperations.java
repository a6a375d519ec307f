package org.stagedoor.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;

import org.stagedoor.booking.imports.ImportOutcome;
import org.stagedoor.booking.imports.VenueImport;

/**
 * The console's imports, each run in a thread of its own after its files are uploaded, so that the page can show its
 * progress while it runs (rows per file, rows a second, the time left, as {@link VenueImport} reports them) and its
 * outcome once it has ended. One import at a time: each is one transaction over every file, and two would only wait
 * for each other's rows. What an import did is kept in memory, on the node that ran it, for the last few imports:
 * the audit log keeps it for good ({@link AuditedImport}).
 */
@Component
public class ImportOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ImportOperations.class);

    /** Ended imports kept for their pages. */
    private static final int KEPT = 10;

    private final AuditedImport audited;

    /** Newest last. */
    private final Map<String, Tracker> imports = new LinkedHashMap<>();

    ImportOperations(AuditedImport audited) {
        this.audited = audited;
    }

    /**
     * An import as its page shows it.
     *
     * @param files the latest progress line of each file read so far, after the file's name, by file name, in order
     * @param note the latest line that is not of one file ("checking every row again …"); null when none
     * @param outcome what it did, once it has ended; null while it runs or when it failed
     * @param failure why it failed, when it did
     */
    public record Progress(String id, String startedBy, Instant startedAt, Duration running, Map<String, String> files,
            String note, boolean finished, ImportOutcome outcome, String failure) {
    }

    /** Refused: another import is still running. */
    public static final class ImportRunning extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Progress running;

        ImportRunning(Progress running) {
            super("An import started by " + running.startedBy() + " is still running; wait until it has ended.");
            this.running = running;
        }

        public Progress running() {
            return running;
        }
    }

    /**
     * Starts importing these files, by their names, in the background. They are copied to a folder of their own,
     * deleted once the import has ended.
     *
     * @return the import's id, for {@link #progress}
     * @throws ImportRunning when another import is still running
     */
    public String start(Map<String, ? extends InputStreamSource> files, String actor) throws IOException {
        running().ifPresent(running -> {
            throw new ImportRunning(running);
        });
        Path folder = Files.createTempDirectory("stagedoor-import-");
        Tracker tracker;
        try {
            for (Map.Entry<String, ? extends InputStreamSource> file : files.entrySet()) {
                // Only the name's last part: a browser may send a path, and the folder is ours alone.
                String name = Path.of(file.getKey().replace('\\', '/')).getFileName().toString();
                try (InputStream in = file.getValue().getInputStream()) {
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            tracker = register(actor);
        }
        catch (IOException | RuntimeException ex) {
            delete(folder);
            throw ex;
        }
        Thread thread = new Thread(() -> run(tracker, folder), "venue-import");
        thread.start();
        return tracker.id;
    }

    private Tracker register(String actor) {
        synchronized (imports) {
            Optional<Tracker> running = imports.values().stream().filter(each -> !each.finished()).findFirst();
            if (running.isPresent()) {
                throw new ImportRunning(running.get().progress());
            }
            Tracker tracker = new Tracker(UUID.randomUUID().toString(), actor, Instant.now());
            imports.put(tracker.id, tracker);
            while (imports.size() > KEPT) {
                imports.remove(imports.keySet().iterator().next());
            }
            return tracker;
        }
    }

    /** The import of this id, if this node ran it lately. */
    public Optional<Progress> progress(String id) {
        synchronized (imports) {
            return Optional.ofNullable(imports.get(id)).map(Tracker::progress);
        }
    }

    /** The import running now, if any. */
    public Optional<Progress> running() {
        synchronized (imports) {
            return imports.values().stream().filter(each -> !each.finished()).findFirst().map(Tracker::progress);
        }
    }

    private void run(Tracker tracker, Path folder) {
        try {
            tracker.end(audited.run(folder, folder, false, tracker.actor, tracker::accept), null);
        }
        catch (IOException | RuntimeException ex) {
            LOG.error("The import started by " + tracker.actor + " failed", ex);
            tracker.end(null, "The import could not be done, and nothing was applied: " + (ex.getMessage() == null
                    ? "an unexpected error" : ex.getMessage()) + ". Try again; if it fails again, the application's"
                    + " log says more.");
        }
        finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> left = Files.walk(folder)) {
            for (Path path : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            LOG.warn("The uploaded files in " + folder + " could not all be deleted", ex);
        }
    }

    /** One import's state, written by its thread and read by the pages. */
    private static final class Tracker {

        private final String id;

        private final String actor;

        private final Instant startedAt;

        private final Map<String, String> files = new LinkedHashMap<>();

        private String note;

        private Instant endedAt;

        private ImportOutcome outcome;

        private String failure;

        Tracker(String id, String actor, Instant startedAt) {
            this.id = id;
            this.actor = actor;
            this.startedAt = startedAt;
        }

        /** A progress line: "customers.csv: 12,000 rows, …" is that file's; any other is a note. */
        synchronized void accept(String line) {
            for (String name : VenueImport.fileNames()) {
                if (line.startsWith(name + ":")) {
                    files.put(name, line.substring(name.length() + 1).strip());
                    return;
                }
            }
            note = line;
        }

        synchronized void end(ImportOutcome outcome, String failure) {
            this.outcome = outcome;
            this.failure = failure;
            this.endedAt = Instant.now();
        }

        synchronized boolean finished() {
            return endedAt != null;
        }

        synchronized Progress progress() {
            Instant until = endedAt != null ? endedAt : Instant.now();
            return new Progress(id, actor, startedAt, Duration.between(startedAt, until), new LinkedHashMap<>(files),
                    note, endedAt != null, outcome, failure);
        }
    }
}
