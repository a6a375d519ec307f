package org.stagedoor.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import org.stagedoor.booking.store.TableRowCounts;
import org.stagedoor.booking.store.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's bad input, on the command line: every command with malformed, missing, oversized, wrongly typed
 * and hostile values. Each exits 2 (the command line is wrong) with a message naming the problem, and writes
 * nothing: no table gains or loses a row, no file appears.
 */
class BadInputCommandLineIntegrationTests {

    static final String DROP = "'; drop table customer; --";

    /** One bad command line, the exit code and a piece of the message it must give. */
    record BadCommand(String what, int exitCode, String message, String... args) {

        @Override
        public String toString() {
            return String.join(" ", args).substring(0, Math.min(100, String.join(" ", args).length())) + " (" + what
                    + ")";
        }
    }

    @TempDir
    static Path directory;

    @TempDir
    static Path lists;

    static TestDatabase.Connection database;

    @BeforeAll
    static void migrated() {
        database = TestDatabase.connection();
        // The first command on a new database migrates it.
        run(new ByteArrayOutputStream(), "run-report", "--report", "no-such-report");
    }

    static Stream<BadCommand> badCommands() {
        String huge = "x".repeat(10 * 1024 * 1024);
        String out = "--out=" + directory.resolve("out.csv");
        return Stream.of(
                new BadCommand("unknown command", 2, "Unknown command", DROP),
                new BadCommand("no report", 2, "needs --report", "run-report", "--format", "csv"),
                new BadCommand("unknown saved report", 2, "--saved-report: no saved report numbered 999999",
                        "run-report", "--saved-report", "999999", out),
                new BadCommand("SQL for the saved report", 2, "--saved-report must be the number of a saved report",
                        "run-report", "--saved-report", DROP, out),
                new BadCommand("report and saved report", 2, "takes --report or --saved-report, not both",
                        "run-report", "--report", "facilitated-sales", "--saved-report", "1", out),
                new BadCommand("SQL for the report", 2, "report: is not a known report", "run-report", "--report", DROP,
                        out),
                new BadCommand("SQL for the partner", 2, "no partner company", "run-report", "--report",
                        "partner-event-sales", "--partner", DROP, out),
                new BadCommand("reversed period", 2, "ends before it starts", "run-report", "--report",
                        "facilitated-sales", "--period", "2026-12-01..2026-01-01", out),
                new BadCommand("nonsense period", 2, "period", "run-report", "--report", "facilitated-sales",
                        "--period", "\uFF12\uFF10\uFF12\uFF16-01-01..\u0000", out),
                new BadCommand("10 MB period", 2, "period", "run-report", "--report", "facilitated-sales",
                        "--period", huge, out),
                new BadCommand("unknown format", 2, "--format must be csv or xlsx", "run-report", "--report",
                        "facilitated-sales", "--period", "last-365-days", "--format", "pdf", out),
                new BadCommand("unknown parameter", 2, "parameters: names a setting \"Facilitated sales (venue only)\""
                        + " does not have", "run-report", "--report",
                        "facilitated-sales", "--colour", "red", out),
                // No partner company: whether company 1 exists depends on the tests run before in this JVM.
                new BadCommand("unreadable list file", 2, "--list-file: cannot read", "run-report", "--report",
                        "customer-list", "--list-file", "/no/such/file.json", out),
                new BadCommand("out in no directory", 2, "--out", "run-report", "--report", "facilitated-sales",
                        "--period", "last-365-days", "--out", "/no/such/directory/sales.csv"),
                new BadCommand("NUL in out", 2, "--out", "run-report", "--report", "facilitated-sales", "--period",
                        "last-365-days", "--out", "sales\u0000.csv"),
                new BadCommand("option without value", 2, "needs a value", "run-report", "--report"),
                new BadCommand("option twice", 2, "given twice", "run-report", "--report", "a", "--report", "b"),
                new BadCommand("bare word", 2, "Expected an option", "run-report", DROP),
                new BadCommand("negative customers", 2, "whole number of 0 or more", "generate-data", "--customers",
                        "-5"),
                new BadCommand("customers beyond a long", 2, "whole number", "generate-data", "--customers",
                        "99999999999999999999"),
                new BadCommand("too few customers", 2, "customers must be at least 100", "generate-data",
                        "--customers", "10"),
                new BadCommand("too many partners", 2, "partnerCompanies must be between", "generate-data",
                        "--partners", "1000"),
                new BadCommand("no events", 2, "events must be at least 1", "generate-data", "--events", "0"),
                new BadCommand("a word for the seed", 2, "whole number", "generate-data", "--seed", DROP),
                new BadCommand("unknown option", 2, "Unknown option --customerz", "generate-data", "--customerz",
                        "100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommands")
    void aBadCommandLineExits2WithAMessageAndWritesNothing(BadCommand bad) throws IOException {
        Map<String, Long> before = rowCounts();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = run(err, bad.args());

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(message).isEqualTo(bad.exitCode());
        assertThat(message).contains(bad.message()).doesNotContain("Exception", "\tat ");
        List<String> lines = message.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("one line per problem").isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(rowCounts()).as("nothing was written").isEqualTo(before);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> !name.equals("reports")))
                    .as("no file").isEmpty();
        }
        assertThat(directory.resolve("reports")).satisfiesAnyOf(reports -> assertThat(reports).doesNotExist(),
                reports -> assertThat(reports).isEmptyDirectory());
    }

    /**
     * Covers issue 13 item 7: what the run refuses (a report, a parameter, a period, a customer list's content) is
     * named by its field in a short message, not repeated, however long it was.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "a 50 KB parameter name", "a 50 KB report", "a 50 KB period", "a 50 KB column" })
    void aRefusedRunRepeatsNothingOfTheCommandLine(String what) throws IOException {
        String mark = "Zq" + "x".repeat(50 * 1024);
        String[] args = switch (what) {
            case "a 50 KB parameter name" -> new String[] { "run-report", "--report", "facilitated-sales", "--period",
                    "last-365-days", "--" + mark, "red" };
            case "a 50 KB report" -> new String[] { "run-report", "--report", mark };
            case "a 50 KB period" -> new String[] { "run-report", "--report", "facilitated-sales", "--period", mark };
            default -> new String[] { "run-report", "--report", "customer-list", "--list-file",
                    listFile("{\"name\": \"L\", \"segments\": [{\"type\": \"has-email\"}], \"columns\": [\"" + mark
                            + "\"]}").toString() };
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = run(err, args);

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(message).isEqualTo(CommandLine.USAGE);
        assertThat(message).hasSizeLessThan(2_000).doesNotContain("Zq");
    }

    /**
     * Covers issue 13 item 9: a number of a customer list beyond its bounds is refused in words, as through the API.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            minAmount  | 1e999999999   | list.segments[0].minAmount: must be less than 1,000,000,000
            minAmount  | -1            | list.segments[0].minAmount: cannot be negative
            minAmount  | 0.001         | list.segments[0].minAmount: can have at most 2 decimal places
            minTickets | 1000000000000 | list.segments[0].minTickets: must be a whole number from 1 to 100,000
            """)
    void aNumberOfACustomerListBeyondItsBoundsExits2WithAFieldErrorInWords(String property, String value,
            String message) throws IOException {
        String segment = property.equals("minAmount")
                ? "{\"type\": \"purchasing\", \"groupBy\": \"OWNER\", \"kinds\": [\"TICKET\"], \"minAmount\": " + value
                        + "}"
                : "{\"type\": \"booking\", \"groupBy\": \"OWNER\", \"minTickets\": " + value + "}";
        Path list = listFile("{\"name\": \"Big spenders\", \"segments\": [" + segment + "], \"columns\": [\"id\"]}");
        Map<String, Long> before = rowCounts();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = run(err, "run-report", "--report", "customer-list", "--list-file", list.toString(), "--format",
                "csv", "--out=" + directory.resolve("list.csv"));

        assertThat(code).isEqualTo(CommandLine.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(message);
        assertThat(rowCounts()).as("nothing was written").isEqualTo(before);
    }

    /** A list definition in a file of its own, outside the directory whose files the tests count. */
    private static Path listFile(String json) throws IOException {
        Path file = Files.createTempFile(lists, "list", ".json");
        Files.writeString(file, json);
        return file;
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        List<String> withDatabase = new ArrayList<>(List.of(args));
        withDatabase.add("--spring.datasource.url=" + database.url());
        withDatabase.add("--spring.datasource.username=" + database.username());
        withDatabase.add("--spring.datasource.password=" + database.password());
        withDatabase.add("--stagedoor.reports.directory=" + directory.resolve("reports"));
        return CommandLine.run(withDatabase.toArray(String[]::new), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Map<String, Long> rowCounts() {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
        return TableRowCounts.of(jdbc);
    }
}
