package org.stagedoor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.stagedoor.booking.store.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands of the application jar, with the exit codes and messages a script relies on. */
class CommandLineIntegrationTests {

    @TempDir
    Path directory;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    TestDatabase.Connection database;

    @BeforeEach
    void emptyStore() {
        database = TestDatabase.connection();
        // The schema may not exist yet (first use of the database); the first command migrates it.
        int code = run("run-report", "--report", "no-such-report");
        assertThat(code).isEqualTo(CommandLine.USAGE);
        org.stagedoor.booking.store.StoreReset.emptyAllTables(JdbcClient.create(
                new DriverManagerDataSource(database.url(), database.username(), database.password())));
        out.reset();
        err.reset();
    }

    @Test
    void anUnknownCommandOrMalformedOptionIsAUsageError() {
        assertThat(run("make-coffee")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("Unknown command 'make-coffee'").contains("run-report");
        assertThat(run("run-report", "report", "x")).isEqualTo(CommandLine.USAGE);
        assertThat(run("run-report", "--report", "partner-event-sales", "--format", "pdf")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("--format must be csv or xlsx");
        assertThat(run("generate-data", "--customers", "many")).isEqualTo(CommandLine.USAGE);
        assertThat(run("generate-data", "--custommers", "100")).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("Unknown option --custommers");
    }

    @Test
    void aRunThatCannotBeAcceptedNamesEachProblemAndWritesNothing() {
        Path target = directory.resolve("sales.xlsx");
        assertThat(run("run-report", "--report", "partner-event-sales", "--period", "2026-10-11..2026-10-05",
                "--out", target.toString())).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("partner: report partner-event-sales runs for one partner company")
                .contains("period: the period ends (2026-10-05) before it starts");
        assertThat(target).doesNotExist();
        assertThat(run("run-report", "--report", "partner-event-sales", "--partner", "Nobody Ltd")).isEqualTo(
                CommandLine.USAGE);
        assertThat(err()).contains("no partner company named or numbered 'Nobody Ltd'");
    }

    @Test
    void generatesAVenueAndRunsAPartnerReportIntoTheNamedFile() throws Exception {
        assertThat(run("generate-data", "--customers", "500", "--events", "10", "--partners", "3", "--tickets", "3000",
                "--seed", "7")).as(err()).isEqualTo(CommandLine.OK);
        assertThat(out()).contains("Generated");
        String partner = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password())).sql("select name from partner_company order by id limit 1").query(String.class)
                .single();
        Path target = directory.resolve("sales.csv");

        assertThat(run("run-report", "--report", "partner-event-sales", "--partner", partner, "--period",
                "last-365-days", "--format", "csv", "--out", target.toString())).as(err()).isEqualTo(CommandLine.OK);

        assertThat(out()).contains("completed").contains(target.toAbsolutePath().toString());
        assertThat(Files.readString(target)).startsWith("Event id,Event,Performances");
        assertThat(run("generate-data", "--customers", "500")).isEqualTo(CommandLine.FAILED);
        assertThat(err()).contains("generate-data failed");
    }

    private int run(String... args) {
        String[] withDatabase = new String[args.length + 4];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--spring.datasource.url=" + database.url();
        withDatabase[args.length + 1] = "--spring.datasource.username=" + database.username();
        withDatabase[args.length + 2] = "--spring.datasource.password=" + database.password();
        withDatabase[args.length + 3] = "--stagedoor.reports.directory=" + directory.resolve("reports");
        return CommandLine.run(withDatabase, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
