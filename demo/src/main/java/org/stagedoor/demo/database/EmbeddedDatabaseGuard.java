package org.stagedoor.demo.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one embedded PostgreSQL per data directory, owned by one living application. A second application on the same
 * directory is refused in one sentence; a database server left running by an application that was killed is stopped
 * at the next start; and a small watchdog process stops the server should this application be killed, since a killed
 * JVM runs no shutdown hook and its child processes live on.
 */
final class EmbeddedDatabaseGuard {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseGuard.class);

    /** The file the embedded PostgreSQL library locks while a process uses the directory. */
    static final String LOCK_FILE = "epg-lock";

    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private EmbeddedDatabaseGuard() {
    }

    /** Refuses a directory another application (or another context of this one) is using. */
    static void refuseIfInUse(Path dataDirectory, int port) throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
                FileChannel channel = file.getChannel()) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                lock = null;
            }
            if (lock == null) {
                throw new EmbeddedDatabaseInUse(dataDirectory, port);
            }
            lock.release();
        }
    }

    /**
     * Stops the database server an application that was killed left running on the directory (its postmaster.pid
     * names a living postgres process while no application holds the directory); returns its process id.
     */
    static OptionalLong stopOrphan(Path dataDirectory) throws IOException {
        OptionalLong found = serverPid(dataDirectory);
        if (found.isEmpty()) {
            return found;
        }
        long pid = found.getAsLong();
        Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (server.isEmpty()) {
            // A stale file of a server that is gone: PostgreSQL itself replaces it.
            return OptionalLong.empty();
        }
        log.warn("A database server (process {}) was left running in {} by a Stagedoor that was stopped without"
                + " shutting down; stopping it before starting again", pid, dataDirectory);
        // SIGTERM: PostgreSQL's smart shutdown, which waits for no client here: the killed application's went with it.
        server.get().destroy();
        try {
            server.get().onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("The database server left running in " + dataDirectory + " (process " + pid
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " seconds; stop it, then start again");
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not wait for process " + pid + " to stop", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping process " + pid, ex);
        }
        return OptionalLong.of(pid);
    }

    /** The database server's process named by the directory's postmaster.pid, if there is one. */
    static OptionalLong serverPid(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    /**
     * Starts a watchdog that asks the server for a fast shutdown (SIGINT) once this application's process is gone,
     * however it ended, and for a smart one (SIGTERM) should it still run five seconds later: a process started in the
     * background of a script inherits SIGINT ignored. On a normal end the server has stopped already and the watchdog
     * just ends. Only where a POSIX shell is found; elsewhere the next start stops a left-over server
     * ({@link #stopOrphan}).
     */
    static Optional<Process> watch(long serverPid) {
        return watch(ProcessHandle.current().pid(), serverPid);
    }

    /** The watchdog of {@link #watch(long)}, watching any process (a test's stand-in for a killed application). */
    static Optional<Process> watch(long applicationPid, long serverPid) {
        if (!Files.isExecutable(Path.of("/bin/sh"))) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
                "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill -INT \"$2\" 2>/dev/null; waited=0;"
                        + " while kill -0 \"$2\" 2>/dev/null && [ $waited -lt 5 ]; do sleep 1; waited=$((waited + 1));"
                        + " done; kill -0 \"$2\" 2>/dev/null && kill -TERM \"$2\" 2>/dev/null; exit 0",
                "stagedoor-database-watchdog", Long.toString(applicationPid), Long.toString(serverPid))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return Optional.of(builder.start());
        }
        catch (IOException ex) {
            log.warn("No watchdog for the embedded database: {}; should this application be killed, its next start"
                    + " stops the server it left", ex.getMessage());
            return Optional.empty();
        }
    }
}
