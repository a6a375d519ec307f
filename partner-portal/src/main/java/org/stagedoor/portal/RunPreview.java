package org.stagedoor.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvValidationException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunStatus;

/**
 * The first rows of a finished run's file, shown on its page: read from the file itself, so the page shows exactly
 * what the file holds (small groups hidden as in it). Only for reports without personal data: showing a row of a
 * customer list on a page would be a share of its own, to be recorded like a download. The partner's run page and the
 * console's show the same.
 */
@Component
public class RunPreview {

    /** The rows a run's page shows at most. */
    static final int ROWS = 20;

    /**
     * Aggregate reports are tens of rows; a file larger than this is not read for a page (an XLSX is opened whole).
     */
    private static final long LARGEST_FILE = 4 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RunPreview.class);

    /**
     * A file's tables: one for a CSV file or a one-sheet workbook, one per data sheet otherwise (the behaviour
     * report has a sheet per measure).
     */
    public record Preview(List<Table> tables) {

        /** Whether any table has rows the page does not show. */
        public boolean more() {
            return tables.stream().anyMatch(Table::more);
        }
    }

    /**
     * A table's header and first rows as text, as a spreadsheet shows them; {@code title} is its sheet's name when
     * the file has several; {@code more} when it has other rows.
     */
    public record Table(String title, List<String> header, List<List<String>> rows, boolean more) {
    }

    private final Clock clock;

    RunPreview(Clock clock) {
        this.clock = clock;
    }

    public Optional<Preview> of(ReportRun run, ReportDefinition report) {
        if (report.personalData() || run.status() != RunStatus.COMPLETED || run.location() == null
                || (run.expiresAt() != null && !run.expiresAt().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        Path file = Path.of(run.location());
        try {
            if (!Files.isReadable(file) || Files.size(file) > LARGEST_FILE) {
                return Optional.empty();
            }
            List<Table> tables = run.format() == OutputFormat.XLSX ? xlsx(file) : csv(file).stream().toList();
            return tables.isEmpty() ? Optional.empty() : Optional.of(new Preview(tables));
        }
        catch (IOException | CsvValidationException | RuntimeException ex) {
            // The page still offers the download; the preview is a convenience.
            log.warn("The first rows of run {} could not be read from {}: {}", run.id(), file, ex.toString());
            return Optional.empty();
        }
    }

    /** The header and up to {@link #ROWS} rows; none when the file is empty. */
    private static Optional<Table> csv(Path file) throws IOException, CsvValidationException {
        List<List<String>> lines = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReader(reader)) {
            String[] line;
            while (lines.size() < ROWS + 2 && (line = csv.readNext()) != null) {
                if (lines.isEmpty() && line.length > 0 && line[0].startsWith("\uFEFF")) {
                    line[0] = line[0].substring(1);
                }
                lines.add(Arrays.asList(line));
            }
        }
        return table(null, lines);
    }

    /** Every sheet but the About sheet (it comes last), as its cells show; titled when there are several. */
    private static List<Table> xlsx(Path file) throws IOException {
        List<Table> tables = new ArrayList<>();
        DataFormatter shown = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            int dataSheets = Math.max(1, workbook.getNumberOfSheets() - 1);
            for (int index = 0; index < dataSheets; index++) {
                Sheet sheet = workbook.getSheetAt(index);
                table(dataSheets > 1 ? sheet.getSheetName() : null, lines(sheet, shown)).ifPresent(tables::add);
            }
        }
        return tables;
    }

    /** The header and up to {@link #ROWS} + 1 rows, to know whether there are more. */
    private static List<List<String>> lines(Sheet sheet, DataFormatter shown) {
        List<List<String>> lines = new ArrayList<>();
        int width = sheet.getRow(0) == null ? 0 : sheet.getRow(0).getLastCellNum();
        for (Row row : sheet) {
            if (lines.size() == ROWS + 2) {
                break;
            }
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < width; column++) {
                Cell cell = row.getCell(column, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL);
                cells.add(cell == null ? "" : shown.formatCellValue(cell));
            }
            lines.add(cells);
        }
        return lines;
    }

    private static Optional<Table> table(String title, List<List<String>> lines) {
        if (lines.size() < 2) {
            return Optional.empty();
        }
        List<List<String>> rows = lines.subList(1, lines.size());
        return Optional.of(new Table(title, lines.get(0), List.copyOf(rows.subList(0, Math.min(ROWS, rows.size()))),
                rows.size() > ROWS));
    }
}
