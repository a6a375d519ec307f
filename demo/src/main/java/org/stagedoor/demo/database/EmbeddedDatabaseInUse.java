package org.stagedoor.demo.database;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Another application uses the embedded database's directory: said in one sentence, what is wrong and what to do,
 * instead of the library's stack trace ending in "could not lock".
 */
public final class EmbeddedDatabaseInUse extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    EmbeddedDatabaseInUse(Path dataDirectory, int port) {
        super("Another Stagedoor is already running on the embedded database in " + dataDirectory
                + ": stop it first, or start this one with its own --stagedoor.embedded-database.data-directory"
                + (port > 0 ? " and --stagedoor.embedded-database.port (" + port + " is taken)" : "") + ".");
    }

    /** The sentence, when this is what stopped an application from starting. */
    public static Optional<String> sentence(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EmbeddedDatabaseInUse inUse) {
                return Optional.of(inUse.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Spring Boot's report of a failed start: the sentence, and no stack trace. */
    static final class Analyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseInUse> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseInUse cause) {
            return new FailureAnalysis(cause.getMessage(),
                    "Stop the other Stagedoor, or give this one its own data directory.", cause);
        }
    }
}
