package org.stagedoor.demo.database;

import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One embedded PostgreSQL per data directory, owned by a living application. */
class EmbeddedDatabaseGuardIntegrationTests {

    @TempDir
    Path directory;

    private final EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

    @Test
    void aSecondStartOnADirectoryInUseIsRefusedInOneSentence() throws Exception {
        try (EmbeddedPostgres first = configuration.embeddedPostgres(new EmbeddedDatabaseProperties(directory, 0))) {
            assertThatThrownBy(() -> configuration.embeddedPostgres(new EmbeddedDatabaseProperties(directory, 54399)))
                    .isInstanceOf(EmbeddedDatabaseInUse.class)
                    .hasMessage("Another Stagedoor is already running on the embedded database in " + directory
                            + ": stop it first, or start this one with its own"
                            + " --stagedoor.embedded-database.data-directory and --stagedoor.embedded-database.port"
                            + " (54399 is taken).");
            try (var connection = first.getPostgresDatabase().getConnection()) {
                assertThat(connection.isValid(5)).as("the first one runs on").isTrue();
            }
        }
    }

    @Test
    void springBootReportsTheRefusalAsItsSentenceWithoutAStackTrace() {
        EmbeddedDatabaseInUse inUse = new EmbeddedDatabaseInUse(directory, 0);
        // Spring Boot's own analyzers want its bean factory, which this test has none of: only ours is needed here.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, (type, name, failure) -> { });

        FailureAnalysis analysis = analyzers.stream()
                .map(analyzer -> analyzer.analyze(new BeanCreationException("embeddedPostgres", "failed", inUse)))
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();

        assertThat(analysis.getDescription()).isEqualTo("Another Stagedoor is already running on the embedded database"
                + " in " + directory + ": stop it first, or start this one with its own"
                + " --stagedoor.embedded-database.data-directory.");
        assertThat(analysis.getAction())
                .isEqualTo("Stop the other Stagedoor, or give this one its own data directory.");
    }

    @Test
    void aServerLeftRunningByAKilledApplicationIsStoppedAtTheNextStart() throws Exception {
        EmbeddedPostgres killed = configuration.embeddedPostgres(new EmbeddedDatabaseProperties(directory, 0));
        long orphan = EmbeddedDatabaseGuard.serverPid(directory).orElseThrow();
        // What a killed application leaves: its server running on the directory, and the directory's lock free (the
        // operating system releases a dead process's locks).
        Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
        lock.setAccessible(true);
        ((FileLock) lock.get(killed)).release();

        try (EmbeddedPostgres next = configuration.embeddedPostgres(new EmbeddedDatabaseProperties(directory, 0))) {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(EmbeddedDatabaseGuard.serverPid(directory)).isPresent().isNotEqualTo(OptionalLong.of(orphan));
            try (var connection = next.getPostgresDatabase().getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void theWatchdogStopsTheServerOnceItsApplicationIsGone() throws Exception {
        Process application = new ProcessBuilder("sleep", "60").start();
        Process server = new ProcessBuilder("sleep", "60").start();
        Process watchdog = EmbeddedDatabaseGuard.watch(application.pid(), server.pid()).orElseThrow();

        Thread.sleep(1_500);
        assertThat(server.isAlive()).as("left alone while its application lives").isTrue();
        application.destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive());
        await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.isAlive());
    }
}
