package org.stagedoor.batch.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Opens report file writers. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Creates (or truncates) the file and returns a writer that has already written the header row of
     * column names (in CSV neutralised like text values, see {@link SpreadsheetSafety}).
     *
     * @param format      CSV or XLSX
     * @param file        where to write
     * @param columns     the report's columns, at least one
     * @param description what the file says about itself and how it is written
     * @return a writer to {@link ReportFileWriter#finish() finish} or, to abandon the file, close
     */
    public static ReportFileWriter open(OutputFormat format, Path file, List<Column> columns,
            FileDescription description) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        List<Column> checked = checkColumns(columns);
        return switch (format) {
            case CSV -> new CsvReportFileWriter(file, checked, description);
            case XLSX -> new XlsxReportFileWriter(file, checked, description,
                    XlsxReportFileWriter.MAX_DATA_ROWS_PER_SHEET);
        };
    }

    private static List<Column> checkColumns(List<Column> columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A report file needs at least one column");
        }
        for (Column column : columns) {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(column.name(), "column name");
            Objects.requireNonNull(column.type(), () -> "type of column '" + column.name() + "'");
        }
        return List.copyOf(columns);
    }
}
