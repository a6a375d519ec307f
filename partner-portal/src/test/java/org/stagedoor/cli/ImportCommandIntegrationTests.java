package org.stagedoor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import org.stagedoor.booking.store.StoreReset;
import org.stagedoor.booking.store.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import --dir}: the example venue imported with its counts per file (exit 0), the same files again all
 * unchanged, and a refused row (F-2) with exit 2, its line in words on the terminal and in the report beside the files,
 * nothing applied; each import audited in one entry in words.
 */
class ImportCommandIntegrationTests {

    @TempDir
    Path folder;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    TestDatabase.Connection database;

    JdbcClient jdbc;

    @BeforeEach
    void emptyStoreAndExampleFiles() throws IOException {
        database = TestDatabase.connection();
        // The first command on a new database migrates it.
        run("import", "--dir", folder.resolve("none").toString());
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
        StoreReset.emptyAllTables(jdbc);
        try (Stream<Path> files = Files.list(Path.of("..", "docs", "import", "example"))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        out.reset();
        err.reset();
    }

    @Test
    void importsTheExampleThenFindsNothingChangedTheSecondTime() {
        assertThat(run("import", "--dir", folder.toString())).isEqualTo(CommandLine.OK);
        assertThat(out()).contains("Imported in ").contains("  customers.csv: 5 rows: 5 added\n")
                .contains("  orders.csv: 6 rows: 6 added\n").contains("  preferences.csv: 7 rows: 7 added\n")
                .contains("customers.csv: 5 rows, ");
        out.reset();

        assertThat(run("import", "--dir", folder.toString())).isEqualTo(CommandLine.OK);
        assertThat(out()).contains("  customers.csv: 5 rows: 5 unchanged\n")
                .contains("  tickets.csv: 7 rows: 7 unchanged\n");
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(5);
        assertThat(audited()).hasSize(2).allSatisfy(entry -> assertThat(entry)
                .startsWith("command line (" + System.getProperty("user.name") + "): Imported 15 files: 54 rows ("));
        assertThat(audited().get(1)).contains(" (54 unchanged) in ");
    }

    @Test
    void aRefusedRowExitsWithTwoAppliesNothingAndWritesTheReportBesideTheFiles() throws IOException {
        Files.writeString(folder.resolve("orders.csv"), Files.readString(folder.resolve("orders.csv"))
                + "O-7,C-100,C-101,online,2025-06-01 10:00\n");

        assertThat(run("import", "--dir", folder.toString())).isEqualTo(CommandLine.REFUSED);

        assertThat(err()).startsWith("Nothing was imported: 1 row was refused, and an import is applied only as a"
                + " whole.\n  orders.csv, line 8, column facilitator_id: The relationship between these customers does"
                + " not let the person making the order act for the person it is for.\nEvery refusal is listed in ");
        List<Path> reports;
        try (Stream<Path> files = Files.list(folder)) {
            reports = files.filter(file -> file.getFileName().toString().startsWith("import-refusals-")).toList();
        }
        assertThat(reports).hasSize(1);
        assertThat(Files.readAllLines(reports.get(0))).containsExactly("\"file\",\"line\",\"field\",\"reason\"",
                "\"orders.csv\",\"8\",\"facilitator_id\",\"The relationship between these customers does not let the"
                        + " person making the order act for the person it is for.\"");
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isZero();
        assertThat(audited()).singleElement().asString().contains(": Import refused: 1 row was refused, so nothing"
                + " was applied. orders.csv, line 8, column facilitator_id: The relationship between these customers"
                + " does not let the person making the order act for the person it is for. Every refusal is listed in "
                + reports.get(0) + ".");
    }

    /** The audit log's entries of administrators' changes, oldest first, as "who: what". */
    private List<String> audited() {
        return jdbc.sql("select actor || ': ' || detail from audit_event where kind = 'ADMIN_CHANGE' order by id")
                .query(String.class).list();
    }

    @Test
    void aFolderThatIsNotThereIsAUsageError() {
        assertThat(run("import", "--dir", folder.resolve("missing").toString())).isEqualTo(CommandLine.USAGE);
        assertThat(err()).contains("--dir must name a folder holding the files to import");
    }

    private int run(String... args) {
        String[] withDatabase = Stream.concat(Stream.of(args), Stream.of(
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password())).toArray(String[]::new);
        return CommandLine.run(withDatabase, InputStream.nullInputStream(), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
