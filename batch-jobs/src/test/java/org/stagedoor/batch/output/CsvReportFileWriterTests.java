package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stagedoor.batch.output.Fixtures.COLUMNS;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportFileWriterTests {

    @TempDir
    Path directory;

    @Test
    void startsWithAHeaderRowOfColumnNames() throws Exception {
        Path file = write(Fixtures.description());

        assertThat(read(file).get(0))
                .containsExactly("Customer", "Tickets", "Amount", "Event date", "Booked at", "Discount");
    }

    @Test
    void writesTypedValuesInFormsASpreadsheetParses() throws Exception {
        Path file = write(Fixtures.description(), Fixtures.row());

        // 18:30 UTC on 1 July is 19:30 British Summer Time.
        assertThat(read(file).get(1))
                .containsExactly("Ada Lovelace", "2", "12.50", "2026-11-09", "2026-07-01 19:30:00", "25.0%");
    }

    @Test
    void writesMoneyWithTwoDecimalsAndPercentagesOfDoublesToOneDecimal() throws Exception {
        List<Column> columns = List.of(new Column("Amount", ColumnType.MONEY),
                new Column("Share", ColumnType.PERCENTAGE), new Column("Count", ColumnType.INTEGER));
        Path file = write(columns, Fixtures.description(),
                new Object[] {new BigDecimal("-3"), 0.12345, 9_000_000_000L},
                new Object[] {new BigDecimal("1E+3"), 1.0, Integer.MIN_VALUE},
                new Object[] {new BigDecimal("0.005"), new BigDecimal("-0.0004"), 0});

        assertThat(read(file).subList(1, 4)).containsExactly(
                new String[] {"-3.00", "12.3%", "9000000000"},
                new String[] {"1000.00", "100.0%", "-2147483648"},
                new String[] {"0.01", "0.0%", "0"});
    }

    @Test
    void writesNullsAsEmptyFields() throws Exception {
        Path file = write(Fixtures.description(), new Object[COLUMNS.size()]);

        assertThat(Files.readString(file)).endsWith("\r\n,,,,,\r\n");
    }

    @Test
    void roundTripsCommasQuotesAndLineBreaksInText() throws Exception {
        List<Column> columns = List.of(new Column("Note", ColumnType.TEXT), new Column("Other", ColumnType.TEXT));
        String awkward = "Smith, \"Jo\"\nLine two";
        Path file = write(columns, Fixtures.description(), new Object[] {awkward, "plain"});

        assertThat(read(file).get(1)).containsExactly(awkward, "plain");
    }

    @Test
    void followsRfc4180WithCrlfLineEndsAndDoubledQuotes() throws Exception {
        List<Column> columns = List.of(new Column("Note", ColumnType.TEXT), new Column("Count", ColumnType.INTEGER));
        Path file = write(columns, Fixtures.description(), new Object[] {"Say \"hi\", then go", 3});

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("Note,Count\r\n\"Say \"\"hi\"\", then go\",3\r\n");
    }

    @Test
    void writesUtf8WithAByteOrderMarkOnlyWhenAsked() throws Exception {
        Object[] row = {"Zoë Brontë", null, null, null, null, null};
        Path plain = write(Fixtures.description(), row);
        Path marked = write(Fixtures.withByteOrderMark(), row);

        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(Files.readAllBytes(plain)).startsWith("Customer".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(marked)).startsWith(bom);
        assertThat(Files.readString(marked, StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + Files.readString(plain));
        assertThat(read(plain).get(1)[0]).isEqualTo("Zoë Brontë");
    }

    @Test
    void prefixesFormulaInjectionPayloadsWithAQuote() throws Exception {
        List<String> payloads = List.of("=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")");
        List<Column> columns = List.of(new Column("Customer", ColumnType.TEXT));
        Path file = write(columns, Fixtures.description(),
                payloads.stream().map(payload -> new Object[] {payload}).toArray(Object[][]::new));

        List<String[]> rows = read(file);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(rows.get(i + 1)).containsExactly("'" + payloads.get(i));
        }
    }

    @Test
    @DisplayName("covers issue 13 item 8: formulas after ; or tab, or on a line of their own, are quoted too")
    void quotesFormulasThatASemicolonOrTabSeparatorOrALineBreakWouldStart() throws Exception {
        List<Column> columns =
                List.of(new Column("Last name", ColumnType.TEXT), new Column("Count", ColumnType.INTEGER));
        Path file = write(columns, Fixtures.description(), new Object[] {"Baker;=2*21;", -1},
                new Object[] {"Baker\t+1", 0}, new Object[] {"\r=1", 1}, new Object[] {"a\n=1", 2},
                new Object[] {"Jean-Paul", 3});

        // OpenCSV still does the quoting: a value with a line break is quoted, one with ; or tab is not.
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("""
                Last name,Count\r
                Baker;'=2*21;,-1\r
                Baker\t'+1,0\r
                "'\r'=1",1\r
                "a
                '=1",2\r
                Jean-Paul,3\r
                """);
    }

    @Test
    void leavesNumbersUnprefixedBecauseTheyAreTyped() throws Exception {
        List<Column> columns = List.of(new Column("Amount", ColumnType.MONEY), new Column("Count", ColumnType.INTEGER));
        Path file = write(columns, Fixtures.description(), new Object[] {new BigDecimal("-12.5"), -1});

        assertThat(read(file).get(1)).containsExactly("-12.50", "-1");
    }

    @Test
    void showsTimestampsInTheVenueZoneAcrossDaylightSavingChanges() throws Exception {
        List<Column> columns = List.of(new Column("At", ColumnType.TIMESTAMP));
        Path file = write(columns, Fixtures.description(),
                new Object[] {Instant.parse("2026-03-29T00:59:59Z")},
                new Object[] {Instant.parse("2026-03-29T01:00:00Z")},
                new Object[] {Instant.parse("2026-10-25T00:30:00Z")},
                new Object[] {Instant.parse("2026-10-25T01:30:00Z")},
                new Object[] {Instant.parse("1969-12-31T23:59:59.999Z")});

        assertThat(read(file).subList(1, 6)).containsExactly(
                new String[] {"2026-03-29 00:59:59"},
                new String[] {"2026-03-29 02:00:00"},
                new String[] {"2026-10-25 01:30:00"},
                new String[] {"2026-10-25 01:30:00"},
                new String[] {"1970-01-01 00:59:59"});
    }

    @Test
    void writesIdenticalBytesForIdenticalContent() throws Exception {
        Path first = write(Fixtures.description(), Fixtures.row(), Fixtures.row(1), Fixtures.row(2));
        Path second = write(Fixtures.description(), Fixtures.row(), Fixtures.row(1), Fixtures.row(2));

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void countsTheDataRowsWritten() throws Exception {
        try (ReportFileWriter writer = open(COLUMNS, Fixtures.description())) {
            writer.write(Fixtures.row());
            writer.write(Fixtures.row(7));

            assertThat(writer.rowsWritten()).isEqualTo(2);
        }
    }

    @Test
    void refusesAValueOfTheWrongTypeNamingTheColumnAndTheTypeFound() throws Exception {
        try (ReportFileWriter writer = open(COLUMNS, Fixtures.description())) {
            Object[] row = Fixtures.row();
            row[2] = 12.5;

            assertThatThrownBy(() -> writer.write(row))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Amount'")
                    .hasMessageContaining("java.lang.Double");

            writer.write(Fixtures.row());
            assertThat(writer.rowsWritten()).isEqualTo(1);
        }
    }

    @Test
    void refusesWritesAfterFinishing() throws Exception {
        ReportFileWriter writer = open(COLUMNS, Fixtures.description());
        writer.finish();
        writer.finish();
        writer.close();

        assertThatThrownBy(() -> writer.write(Fixtures.row())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("covers issue 15 item 6: a column of codes is written in words in a CSV file too")
    void writesTheCodesOfAWordedColumnAsWords() throws Exception {
        List<Column> columns = List.of(new Column("Customer", ColumnType.TEXT),
                new Column("Preference", ColumnType.TEXT, null, Fixtures.CHANNELS));

        assertThat(Files.readString(write(columns, Fixtures.venueDescription(), new Object[] {"Ada", "NOT_ASKED"},
                new Object[] {"Ben", "BOX_OFFICE"}, new Object[] {"Kim", "SAID_LATER"}, new Object[] {"Dee", null})))
                .isEqualTo("Customer,Preference\r\nAda,Not asked\r\nBen,Box office\r\nKim,Said later\r\nDee,\r\n");
    }

    @Test
    @DisplayName("covers issue 15 item 6: a CSV file keeps one table where an XLSX file has a sheet per measure")
    void keepsTheSplittingColumnAndEveryRowInOneTable() throws Exception {
        List<Column> columns = List.of(new Column("Measure", ColumnType.TEXT), new Column("Category", ColumnType.TEXT),
                new Column("Orders", ColumnType.INTEGER));

        assertThat(Files.readString(write(columns, Fixtures.sheetPerValueOf("Measure"),
                new Object[] {"Group size", "1", 5L}, new Object[] {"New or returning", "New", 7L})))
                .isEqualTo("Measure,Category,Orders\r\nGroup size,1,5\r\nNew or returning,New,7\r\n");
    }

    @Test
    void writesDatesAsIsoText() throws Exception {
        List<Column> columns = List.of(new Column("Day", ColumnType.DATE));
        Path file = write(columns, Fixtures.description(), new Object[] {LocalDate.of(1899, 12, 31)});

        assertThat(read(file).get(1)).containsExactly("1899-12-31");
    }

    private Path write(FileDescription description, Object[]... rows) throws IOException {
        return write(COLUMNS, description, rows);
    }

    private Path write(List<Column> columns, FileDescription description, Object[]... rows) throws IOException {
        Path file = Files.createTempFile(directory, "report", ".csv");
        try (ReportFileWriter writer = ReportFiles.open(OutputFormat.CSV, file, columns, description)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.finish();
        }
        return file;
    }

    private ReportFileWriter open(List<Column> columns, FileDescription description) throws IOException {
        return ReportFiles.open(OutputFormat.CSV, Files.createTempFile(directory, "report", ".csv"), columns,
                description);
    }

    private static List<String[]> read(Path file) throws IOException, CsvException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader reader = new CSVReader(in)) {
            return reader.readAll();
        }
    }
}
