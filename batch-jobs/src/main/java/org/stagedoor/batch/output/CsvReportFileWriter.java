package org.stagedoor.batch.output;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * RFC 4180 CSV (comma, CRLF, quotes doubled, UTF-8) with OpenCSV doing the quoting. Typed values are
 * written in forms spreadsheets parse back into numbers and dates; text is neutralised.
 */
final class CsvReportFileWriter implements ReportFileWriter {

    /** Large, because this path is measured against PostgreSQL COPY. */
    private static final int BUFFER_BYTES = 256 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final List<Column> columns;

    private final ColumnType[] types;

    private final int[] worded;

    private final Writer out;

    private final RowWriter csv;

    private final IsoDates dates = new IsoDates();

    private final TimestampText timestamps;

    /** Reused for every row: OpenCSV only reads it. */
    private final String[] cells;

    private long rowsWritten;

    private boolean finished;

    private boolean closed;

    CsvReportFileWriter(Path file, List<Column> columns, FileDescription description) throws IOException {
        this.columns = columns;
        this.types = ColumnValues.types(columns);
        this.worded = ColumnValues.worded(columns);
        this.cells = new String[types.length];
        this.timestamps = new TimestampText(new WallClock(description.zone()), dates);
        this.out = new Utf8Writer(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES));
        this.csv = new RowWriter(out);
        try {
            if (description.csvByteOrderMark()) {
                out.write(BYTE_ORDER_MARK);
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = SpreadsheetSafety.neutralise(columns.get(i).name());
            }
            csv.writeRow(cells);
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        requireOpen();
        ColumnValues.check(columns, types, row);
        Object[] shown = ColumnValues.inWords(columns, worded, row);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = text(types[i], shown[i]);
        }
        csv.writeRow(cells);
        rowsWritten++;
    }

    private String text(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT -> SpreadsheetSafety.neutralise((String) value);
            case INTEGER -> value.toString();
            case MONEY -> ColumnValues.money((BigDecimal) value).toPlainString();
            case DATE -> dates.text(((LocalDate) value).toEpochDay());
            case TIMESTAMP -> timestamps.format((Instant) value);
            case PERCENTAGE -> percentage(value);
        };
    }

    /** "25.0%": what a spreadsheet shows for the fraction 0.25, and parses back into it. */
    private static String percentage(Object fraction) {
        BigDecimal exact = fraction instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf((Double) fraction);
        return exact.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + '%';
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    /** A CSV file is one table: the appendix is left to whoever delivers the file. */
    @Override
    public void appendix(String title, List<Column> columns, List<Object[]> rows) {
        requireOpen();
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        requireOpen();
        out.close();
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (closed || finished) {
            closed = true;
            return;
        }
        closed = true;
        out.close();
    }

    private void requireOpen() {
        if (finished || closed) {
            throw new IllegalStateException("The report file is already " + (finished ? "finished" : "closed"));
        }
    }

    private void closeQuietly(Exception cause) {
        try {
            out.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * OpenCSV's public writeNext allocates a line buffer per row and swallows I/O errors; its protected
     * form lets us reuse one buffer and see failures at once. Quoting stays OpenCSV's.
     */
    private static final class RowWriter extends CSVWriter {

        private final StringBuilder line = new StringBuilder(1024);

        RowWriter(Writer writer) {
            super(writer, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                    ICSVWriter.DEFAULT_ESCAPE_CHARACTER, ICSVWriter.RFC4180_LINE_END);
        }

        void writeRow(String[] cells) throws IOException {
            line.setLength(0);
            writeNext(cells, false, line);
        }
    }

    /**
     * UTF-8 by {@link String#getBytes}, which the JDK vectorises, rather than an OutputStreamWriter, whose
     * encoder drops to a char-by-char loop for the rest of its buffer at the first "ë". OpenCSV hands over
     * one string per row, so the arrays are short-lived.
     */
    private static final class Utf8Writer extends Writer {

        private final OutputStream out;

        Utf8Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length));
        }

        @Override
        public void write(int c) throws IOException {
            write(String.valueOf((char) c));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
