package org.stagedoor.batch.run;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.util.FileSystemUtils;

import org.stagedoor.StagedoorApplication;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The fault suite's database outage: PostgreSQL stops in the middle of a run and starts again. The run must end
 * without a file that looks complete and be restarted to exactly the file of an uninterrupted run; meanwhile the
 * portal, the console and the API answer 503 "try again shortly", never a 500 or a stack trace.
 *
 * <p>The other tests share one embedded PostgreSQL per JVM; stopping it would break them, so this class starts
 * a PostgreSQL of its own (a fixed data directory and port, so that it comes back as the same server) and points
 * the whole application at it. In this package for {@link RowWriterHook}, which holds the run at its third chunk
 * so that the database stops at a known point rather than a moment guessed from timings.
 */
@SpringBootTest(classes = StagedoorApplication.class, properties = {
        "stagedoor.demo.enabled=false",
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/outage-test-reports",
        "stagedoor.reports.chunk-size=2",
        // Requests give up on the pool after 2s (5s in application.properties), so that the test is quick.
        "spring.datasource.hikari.connection-timeout=2000" })
@AutoConfigureMockMvc
@Import({ ReportJobIntegrationTests.FixedClock.class, DatabaseOutageIntegrationTests.HoldAtThirdChunk.class })
class DatabaseOutageIntegrationTests {

    private static final AtomicInteger chunks = new AtomicInteger();

    private static volatile CountDownLatch held = new CountDownLatch(0);

    private static volatile CountDownLatch resume = new CountDownLatch(0);

    private static volatile boolean holding;

    private static Path dataDirectory;

    private static int port;

    private static EmbeddedPostgres postgres;

    @Autowired
    ReportLauncher launcher;

    @Autowired
    RunRecords records;

    @Autowired
    DataSource dataSource;

    @Autowired
    ReportSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("stagedoor-outage-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startDatabase();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /** The same server each time: the data directory is kept, the port the same. */
    private static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    @AfterAll
    static void removeDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        FileSystemUtils.deleteRecursively(dataDirectory);
    }

    @Test
    void aRunCutOffByADatabaseRestartEndsWithoutAFileAndRestartsToTheFileOfAnUninterruptedRun() throws Exception {
        ReportJobIntegrationTests.loadVenue(dataSource, settings);
        StagedoorUser partnerUser = TestAccounts.partnerUser(accounts, 1L, "ann@northern.example");
        StagedoorUser admin = TestAccounts.admin(accounts, "admin@venue.example");
        RunRequest request = new RunRequest("facilitated-sales", null, Map.of("period", "2026-10-01..2026-10-07"),
                OutputFormat.CSV, "tests");
        ReportRun uninterrupted = launcher.run(request);
        assertThat(uninterrupted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(uninterrupted.rowCount()).isEqualTo(9);

        // Held just before its third chunk (two of two rows each committed), the database goes away.
        chunks.set(0);
        held = new CountDownLatch(1);
        resume = new CountDownLatch(1);
        holding = true;
        CompletableFuture<ReportRun> cutOff = CompletableFuture.supplyAsync(() -> launcher.run(request));
        assertThat(held.await(60, TimeUnit.SECONDS)).as("the run reached its third chunk").isTrue();
        long runId = jdbc.sql("select max(id) from report_run").query(Long.class).single();
        assertThat(runId).isGreaterThan(uninterrupted.id());
        postgres.close();

        try {
            theApplicationAnswers503WhileTheDatabaseIsDown(partnerUser, admin);
        }
        finally {
            holding = false;
            resume.countDown();
        }
        // The run's job ends: its chunk cannot commit, and its outcome cannot be written either; the run's thread
        // waits for the database to record it. Its partial file goes with the job, while the database is still down.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(filesOf(runId)).as("no file, complete or partial").isEmpty());
        assertThat(cutOff).as("the run's thread waits for the database").isNotDone();

        startDatabase();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> jdbc.sql("select 1").query(Integer.class).single() == 1);

        // Once the database answers, the run is FAILED by itself (its job execution too), never left RUNNING on a
        // node that is alive; restarted, it completes where its last committed chunk left it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> records.get(runId).status() == RunStatus.FAILED);
        ReportRun failed = records.get(runId);
        assertThat(failed.errorMessage()).isNotBlank();
        assertThat(failed.location()).isNull();
        cutOff.handle((run, failure) -> run).get(60, TimeUnit.SECONDS);
        ReportRun restarted = launcher.restart(runId);

        assertThat(restarted.status()).as(restarted.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        assertThat(restarted.rowCount()).isEqualTo(9);
        assertThat(restarted.sha256()).isEqualTo(uninterrupted.sha256())
                .isEqualTo(Checksums.sha256(Path.of(restarted.location())));
        assertThat(Files.readAllBytes(Path.of(restarted.location())))
                .isEqualTo(Files.readAllBytes(Path.of(uninterrupted.location())));
        assertThat(filesOf(runId)).containsExactly(Path.of(restarted.location()).getFileName().toString());

        // And the application is itself again, without a restart of its own.
        mvc.perform(get("/api/portal/runs").with(TestAccounts.as(partnerUser)).accept(MediaType.APPLICATION_JSON))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
        mvc.perform(get("/actuator/health"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("\"UP\""));
    }

    private void theApplicationAnswers503WhileTheDatabaseIsDown(StagedoorUser partnerUser, StagedoorUser admin)
            throws Exception {
        for (String api : List.of("/api/portal/runs", "/api/portal/reports")) {
            MvcResult result = mvc.perform(get(api).with(TestAccounts.as(partnerUser))
                    .accept(MediaType.APPLICATION_JSON)).andReturn();
            assertUnavailable(result, api);
            assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(result.getResponse().getContentAsString()).contains("\"status\":503", "try again shortly");
        }
        MvcResult adminApi = mvc.perform(get("/api/admin/runs").with(TestAccounts.as(admin))
                .accept(MediaType.APPLICATION_JSON)).andReturn();
        assertUnavailable(adminApi, "/api/admin/runs");
        for (String page : List.of("/portal", "/portal/runs")) {
            MvcResult result = mvc.perform(get(page).with(TestAccounts.as(partnerUser))).andReturn();
            assertUnavailable(result, page);
            assertErrorPage(result, page);
        }
        MvcResult console = mvc.perform(get("/admin/runs").with(TestAccounts.as(admin))).andReturn();
        assertUnavailable(console, "/admin/runs");
        assertErrorPage(console, "/admin/runs");

        // The login page needs no database; a login attempt cannot be checked, and says so rather than "wrong
        // password".
        MvcResult loginPage = mvc.perform(get("/login")).andReturn();
        assertThat(loginPage.getResponse().getStatus()).isEqualTo(200);
        MvcResult login = mvc.perform(formLogin("/login").user("ann@northern.example")
                .password(TestAccounts.PASSWORD)).andReturn();
        assertUnavailable(login, "POST /login");

        MvcResult health = mvc.perform(get("/actuator/health")).andReturn();
        assertThat(health.getResponse().getStatus()).isEqualTo(503);
        assertThat(health.getResponse().getContentAsString()).contains("\"DOWN\"");
    }

    /**
     * A page refused during the outage: the session's check that its account still stands is the first thing to reach
     * the database, so the refusal comes from the outage filter, which asks the container for its 503 error page
     * (templates/error/503.html, "Back shortly"); MockMvc has no container to render it, so the request for it is
     * what shows here.
     */
    private static void assertErrorPage(MvcResult result, String what) throws Exception {
        assertThat(result.getResponse().getContentAsString()).as(what).isEmpty();
        assertThat(result.getResponse().isCommitted()).as(what + ": sent as an error").isTrue();
    }

    private static void assertUnavailable(MvcResult result, String what) throws Exception {
        assertThat(result.getResponse().getStatus()).as(what).isEqualTo(503);
        assertThat(result.getResponse().getHeader("Retry-After")).as(what).isEqualTo("30");
        assertThat(result.getResponse().getContentAsString()).as(what)
                .doesNotContain("Exception", "at org.", "PSQL", "jdbc:");
    }

    private Stream<String> filesOf(long runId) throws IOException {
        if (!Files.isDirectory(settings.directory())) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(settings.directory())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("run-" + runId + ".")).toList().stream();
        }
    }

    /** Holds a run just before its third chunk, while {@code holding}, until the test lets it go on. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HoldAtThirdChunk {

        @Bean
        static BeanPostProcessor holdAtThirdChunk() {
            return RowWriterHook.before(() -> {
                if (holding && chunks.incrementAndGet() == 3) {
                    held.countDown();
                    try {
                        resume.await(120, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
    }
}
